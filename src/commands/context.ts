import { toLearner, type Learner } from '../coach/learner.js';
import type { Clock } from '../coach/types.js';
import { skipCodeCache } from '../code-cache.js';
import { FailureError, UsageError } from '../errors.js';
import { findBuiltin } from '../roadmap/builtin.js';
import type { Roadmap } from '../roadmap/types.js';
import type { SavedData } from '../store/schema.js';
import type { Held, ProgressStore } from '../store/store.js';

/** What every command gets from the CLI layer besides its own flags. */
export interface CommandContext {
  store: ProgressStore;
  clock: Clock;
  cwd: string;
  /** A terminal is there to ask questions on. */
  interactive: boolean;
  /** What the command prints goes to a terminal (not a pipe or a file). */
  printsToTerminal: boolean;
  /** Tells the learner something on the side (stderr), without touching the command's result. */
  warn: (message: string) => void;
  /**
   * Shows that a step is under way once it has lasted `delayMs` (a spinner on a terminal's
   * stderr, else nothing); returns how to stop it.
   */
  busy: (text: string, delayMs?: number) => Promise<() => void>;
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
  change: (
    learner: Learner,
    data: SavedData,
    hash: string | undefined,
    held: Held,
  ) => LearnerChange<R> | Promise<LearnerChange<R>>,
  options: {
    adopt?: boolean;
    /**
     * The change reads the log only as day totals (all the coach reads: checkDay and toLearner
     * sum by day) and leaves it as it is or adds entries at its end. Then it gets a long log as
     * day totals (see ProgressStore.update); otherwise every entry as written.
     */
    totals?: boolean;
  } = {},
): Promise<R> {
  return context.store.update(
    async (current, held) => {
      if (!current) throw noPlan();
      const { roadmap, hash, compiled } = await roadmapOf(current, context, { quiet: options.adopt });
      const outcome = await change(toLearner(current, roadmap), current, hash, held);
      // A writer that had to parse the learner's roadmap file keeps its compiled form for the reads after it.
      const kept = (outcome.data ?? current).profile.roadmap.hash;
      if (compiled && kept === hash) await keepCompiled(context, hash, compiled);
      return outcome;
    },
    { totals: options.totals === true },
  );
}

/** As loadLearner, for the commands that have something to say without a plan: undefined then. */
export async function readLearner(
  context: CommandContext,
  { quiet = false } = {},
): Promise<{ learner: Learner; data: SavedData; hash?: string } | undefined> {
  const data = await context.store.read();
  if (!data) {
    // Nothing to read but the welcome or an empty prompt line: not a run to keep the code of.
    skipCodeCache();
    return undefined;
  }
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
): Promise<{ roadmap: Roadmap; hash?: string; compiled?: Compiled }> {
  const { id, file, hash } = data.profile.roadmap;
  let roadmap: Roadmap;
  let current: string | undefined;
  let compiled: Compiled | undefined;
  if (file) {
    const loaded = await ownRoadmap(file, hash, context);
    ({ roadmap, compiled } = loaded);
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
  return { roadmap, hash: current, ...(compiled ? { compiled } : {}) };
}

/**
 * A learner's own roadmap file: its compiled form when the file is unchanged and one was kept
 * (see store/compiled.ts), else the file parsed and validated, with the roadmap it gives for a
 * writing command to keep.
 */
async function ownRoadmap(
  file: string,
  saved: string | undefined,
  context: CommandContext,
): Promise<{ roadmap: Roadmap; hash: string; compiled?: Compiled }> {
  const { readRoadmapBytes } = await import('../roadmap/file.js');
  let bytes: Buffer;
  try {
    bytes = readRoadmapBytes(file);
  } catch (error) {
    if (error instanceof UsageError) {
      throw new FailureError(
        `Your plan's roadmap file ${file} is gone.`,
        'Put it back, or run `backend-path plan --roadmap <id|file>` to choose another; your progress is kept.',
      );
    }
    throw error;
  }
  if (saved) {
    const { readCompiled } = await import('../store/compiled.js');
    const roadmap = readCompiled(context.store.dir, saved, bytes);
    if (roadmap) return { roadmap, hash: saved };
  }
  const [{ parseRoadmap }, { contentHash }] = await Promise.all([
    import('../roadmap/load.js'),
    import('../roadmap/hash.js'),
  ]);
  const { roadmap } = parseRoadmap(bytes.toString('utf8'), file);
  return { roadmap, hash: contentHash(bytes), compiled: { roadmap, source: bytes } };
}

/** A learner's own roadmap file as parsed now: the roadmap it gives and the bytes it came from. */
export interface Compiled {
  roadmap: Roadmap;
  source: Buffer;
}

/** Keeps the compiled form of the learner's own roadmap: only writing commands call this. */
export async function keepCompiled(
  context: CommandContext,
  hash: string | undefined,
  compiled: Compiled | undefined,
): Promise<void> {
  if (!hash || !compiled) return;
  const { writeCompiled } = await import('../store/compiled.js');
  writeCompiled(context.store.dir, hash, compiled.source, compiled.roadmap);
}
