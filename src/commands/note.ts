import { loadLearner, noPlan, type CommandContext } from './context.js';
import { UsageError } from '../errors.js';
import { matchStage } from '../roadmap/match.js';
import { safeLine } from '../validation/sanitize.js';
import { MAX_NOTE_LENGTH } from '../coach/rules.js';

export interface NoteResult {
  stage: { id: string; title: string };
  notes: { date: string; text: string }[];
}

/** Adds the learner's own note to a stage. */
export async function noteCommand(name: string, text: string, context: CommandContext): Promise<NoteResult> {
  const clean = safeLine(text);
  if (clean === '')
    throw new UsageError('A note needs some text, e.g. `backend-path note sql "Finished SQLZoo, joins still slow"`.');
  if (clean.length > MAX_NOTE_LENGTH)
    throw new UsageError(`A note may be at most ${MAX_NOTE_LENGTH} characters; this one has ${clean.length}.`);
  const { learner } = await loadLearner(context);
  const stage = matchStage(learner.roadmap, name);
  return context.store.update((current) => {
    if (!current) throw noPlan();
    const notes = [...(current.notes[stage.id] ?? []), { date: context.clock.today, text: clean }];
    return {
      data: { ...current, notes: { ...current.notes, [stage.id]: notes } },
      result: { stage: { id: stage.id, title: stage.title }, notes },
    };
  });
}
