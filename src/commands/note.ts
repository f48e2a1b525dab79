import { UsageError } from '../errors.js';
import { stripControl } from '../roadmap/sanitize.js';
import { matchStage } from '../roadmap/match.js';
import type { CommandContext } from './context.js';
import { loadCurrent, NO_PLAN } from './current.js';

export interface NoteResult {
  stage: { id: string; title: string };
  notes: { date: string; text: string }[];
}

/** Adds the learner's own note or link to a stage. */
export async function noteCommand(name: string, text: string, context: CommandContext): Promise<NoteResult> {
  const clean = stripControl(text);
  if (clean === '') throw new UsageError('A note needs some text, e.g. backend-path note sql "Finished SQLZoo, joins still slow".');
  const { roadmap } = await loadCurrent(context);
  const stage = matchStage(roadmap, name);
  const data = await context.store.update((current) => {
    if (!current) throw NO_PLAN;
    const notes = [...(current.notes[stage.id] ?? []), { date: context.today, text: clean }];
    return { ...current, notes: { ...current.notes, [stage.id]: notes } };
  });
  return { stage: { id: stage.id, title: stage.title }, notes: data.notes[stage.id]! };
}
