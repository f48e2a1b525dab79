import { MAX_NOTE_LENGTH } from '../coach/rules.js';
import type { Note, StageRef } from '../coach/types.js';
import { FailureError, UsageError } from '../errors.js';
import { matchStage } from '../roadmap/match.js';
import type { Roadmap } from '../roadmap/types.js';
import type { SavedData } from '../store/schema.js';
import { safeLine } from '../validation/sanitize.js';
import { changeLearner, loadLearner, type CommandContext } from './context.js';

export interface NoteResult {
  stage: StageRef;
  notes: Note[];
}

/** Adds the learner's own note to a stage. */
export async function noteCommand(name: string, text: string, context: CommandContext): Promise<NoteResult> {
  const clean = safeLine(text);
  if (clean === '')
    throw new UsageError('A note needs some text, e.g. `backend-path note sql "Finished SQLZoo, joins still slow"`.');
  if (clean.length > MAX_NOTE_LENGTH)
    throw new UsageError(`A note may be at most ${MAX_NOTE_LENGTH} characters; this one has ${clean.length}.`);
  return changeLearner(
    context,
    (learner, data) => {
      const stage = matchStage(learner.roadmap, name);
      const notes = [...(data.notes[stage.id] ?? []), { date: context.clock.today, text: clean }];
      return {
        data: { ...data, notes: Object.assign(Object.create(null), data.notes, { [stage.id]: notes }) },
        result: { stage: { id: stage.id, title: stage.title }, notes },
      };
    },
    { totals: true },
  );
}

/** One numbered item of a list kept by stage (notes, links): the numbers `remove` takes. */
export interface Numbered<T> {
  number: number;
  stage: string;
  item: T;
}

/**
 * Items kept by stage, numbered in the roadmap's stage order (then any stage the roadmap no
 * longer has), each stage's in the order they were added.
 */
function numbered<T>(byStage: Record<string, T[]>, roadmap: Roadmap): Numbered<T>[] {
  const order = [
    ...roadmap.stages.map((s) => s.id),
    ...Object.keys(byStage).filter((id) => !roadmap.stages.some((s) => s.id === id)),
  ];
  return order
    .flatMap((stage) => (Object.hasOwn(byStage, stage) ? byStage[stage]! : []).map((item) => ({ stage, item })))
    .map((entry, index) => ({ number: index + 1, ...entry }));
}

/** The numbered items, only one stage's when a stage is named (numbers stay those of the whole list). */
export function listed<T>(byStage: Record<string, T[]>, roadmap: Roadmap, name: string | undefined): Numbered<T>[] {
  const stage = name === undefined ? undefined : matchStage(roadmap, name).id;
  return numbered(byStage, roadmap).filter((entry) => stage === undefined || entry.stage === stage);
}

/** The list with item `number` taken out, and that item; a wrong number is one sentence. */
export function without<T>(
  byStage: Record<string, T[]>,
  roadmap: Roadmap,
  number: number,
  what: string,
  list: string,
): { kept: Record<string, T[]>; removed: Numbered<T> } {
  const items = numbered(byStage, roadmap);
  const removed = items.find((entry) => entry.number === number);
  if (!removed) {
    throw new FailureError(
      items.length === 0
        ? `You have no ${what}s.`
        : `There is no ${what} ${number}: ${items.length === 1 ? 'you have one, number 1' : `they are numbered 1 to ${items.length}`}.`,
      `See them with \`${list}\`.`,
    );
  }
  const kept: Record<string, T[]> = Object.create(null);
  for (const entry of items) if (entry !== removed) (kept[entry.stage] ??= []).push(entry.item);
  return { kept, removed };
}

export interface NoteListResult {
  notes: Numbered<Note>[];
}

/** Every note, numbered, optionally for one stage (numbers stay those of the whole list). */
export async function noteListCommand(name: string | undefined, context: CommandContext): Promise<NoteListResult> {
  const { learner, data } = await loadLearner(context);
  return { notes: listed(data.notes, learner.roadmap, name) };
}

export interface NoteRemoveResult {
  removed: Numbered<Note>;
}

/** Removes one note by its number in `note list`. */
export function noteRemoveCommand(number: number, context: CommandContext): Promise<NoteRemoveResult> {
  return changeLearner(
    context,
    (learner, data) => {
      const { kept, removed } = without(data.notes, learner.roadmap, number, 'note', 'backend-path note list');
      const next: SavedData = { ...data, notes: kept };
      return { data: next, result: { removed } };
    },
    { totals: true },
  );
}
