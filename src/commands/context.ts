import { toLearner, type Learner } from '../coach/learner.js';
import type { Clock } from '../coach/types.js';
import { FailureError, UsageError } from '../errors.js';
import { findBuiltin } from '../roadmap/builtin.js';
import type { Roadmap } from '../roadmap/types.js';
import type { SavedData } from '../store/schema.js';
import type { ProgressStore } from '../store/store.js';

/** What every command gets from the CLI layer besides its own flags. */
export interface CommandContext {
  store: ProgressStore;
  clock: Clock;
  cwd: string;
  /** A terminal is there to ask questions on. */
  interactive: boolean;
  /** Tells the learner something on the side (stderr), without touching the command's result. */
  warn: (message: string) => void;
}

export const noPlan = () => new FailureError('You have no plan yet.', 'Run `backend-path plan` to make one.');

/**
 * The saved data read with its roadmap. Reading never writes: when the learner's own roadmap
 * file changed since the plan was made, the change is reported, and only `plan` and `replan`
 * act on it.
 */
export async function loadLearner(
  context: CommandContext,
  options: { adopt?: boolean } = {},
): Promise<{ learner: Learner; data: SavedData; hash?: string }> {
  const loaded = await readLearner(context, { quiet: options.adopt });
  if (!loaded) throw noPlan();
  return loaded;
}

/** What a change to the learner's record returns: the record to save (none: save nothing) and the command's result. */
export interface LearnerChange<R> {
  data?: SavedData;
  result: R;
}

/**
 * Changes the learner's record under the lock, with the record read once there (the only read
 * a write command makes) and its roadmap. A learner's own roadmap file that changed since the
 * plan was made is reported, as on any read.
 */
export function changeLearner<R>(
  context: CommandContext,
  change: (learner: Learner, data: SavedData, hash: string | undefined) => LearnerChange<R> | Promise<LearnerChange<R>>,
  options: { adopt?: boolean } = {},
): Promise<R> {
  return context.store.update(async (current) => {
    if (!current) throw noPlan();
    const { roadmap, hash } = await roadmapOf(current, context, { quiet: options.adopt });
    return change(toLearner(current, roadmap), current, hash);
  });
}

/** As loadLearner, for the commands that have something to say without a plan: undefined then. */
export async function readLearner(
  context: CommandContext,
  { quiet = false } = {},
): Promise<{ learner: Learner; data: SavedData; hash?: string } | undefined> {
  const data = await context.store.read();
  if (!data) return undefined;
  const { roadmap, hash } = await roadmapOf(data, context, { quiet });
  return { learner: toLearner(data, roadmap), data, hash };
}

/**
 * The roadmap a saved plan was made from, checked against the learner's track, with the
 * current hash of the learner's own roadmap file. `quiet` is for the commands that adopt a
 * changed file (`replan`) and so need no warning.
 */
export async function roadmapOf(
  data: SavedData,
  context: CommandContext,
  { quiet = false } = {},
): Promise<{ roadmap: Roadmap; hash?: string }> {
  const { id, file, hash } = data.profile.roadmap;
  let roadmap: Roadmap;
  let current: string | undefined;
  if (file) {
    const { loadRoadmapFile } = await import('../roadmap/load.js');
    let loaded;
    try {
      loaded = loadRoadmapFile(file);
    } catch (error) {
      if (error instanceof UsageError) {
        throw new FailureError(
          `Your plan's roadmap file ${file} is gone.`,
          'Put it back, or run `backend-path plan --roadmap <id|file>` to choose another; your progress is kept.',
        );
      }
      throw error;
    }
    roadmap = loaded.roadmap;
    current = loaded.hash;
    if (loaded.hash !== hash && !quiet) {
      context.warn(
        `${file} changed since your plan was made; run \`backend-path replan\` to lay the remaining stages out from it (your progress is kept by stage id).`,
      );
    }
  } else {
    const builtin = await findBuiltin(id);
    if (!builtin) {
      throw new FailureError(
        `Your plan uses the roadmap "${id}", which this version of backend-path does not ship.`,
        'Run `backend-path plan --roadmap <id>` to choose another; your progress is kept.',
      );
    }
    roadmap = builtin;
  }
  const { track } = data.profile;
  if (!roadmap.tracks.has(track)) {
    throw new FailureError(
      `Your plan follows the track "${track}", which ${file ?? `the ${id} roadmap`} no longer has (it has: ${[...roadmap.tracks.keys()].join(', ')}).`,
      'Run `backend-path plan --track <track>` to choose one of them; your progress is kept.',
    );
  }
  return { roadmap, hash: current };
}
