import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  linkSync,
  lstatSync,
  openSync,
  readFileSync,
  realpathSync,
  statSync,
  unlinkSync,
  type BigIntStats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError, describeCode, FailureError } from '../errors.js';
import { makeFolder, settledIdentity, stillHas } from './folder.js';
import { acquireLock, randomHex, type HeldLock, type LockOptions, type LockTiming } from './lock.js';
import { describeProblem, toProblems } from '../validation/issues.js';
import { damaged, DamagedError, parseSaved } from './parse.js';
import { MAX_ENTRIES, validateSaved, type SavedData } from './schema.js';
import { fileText, fileTextAdding, logTextAt, withoutLog } from './layout.js';
import { forgetSummary, readSummary, sameFile, SUMMARY_MIN_BYTES, writeSummary, type LogPlace } from './summary.js';
import type { LogEntry } from '../coach/types.js';

const STORE_FILE = 'progress.json';

/** What a change under the lock returns: the data to save (none: save nothing) and the command's result. */
export interface Change<R> {
  data?: SavedData;
  result: R;
}

/** What a change is told of the file besides its data: how many log entries the file holds. */
export interface Held {
  entries: number;
}

export interface UpdateOptions {
  /**
   * The change reads the log only as day totals (coach/learner.ts) and leaves it as it is or adds
   * entries at its end. Then a long log that a save wrote is not parsed: the change gets its
   * totals from the summary (the rest of the data is parsed from the file), and the save copies
   * the log's text and adds the new entries.
   */
  totals?: boolean;
}

export interface StoreOptions {
  /** Called when another command holds the lock; returns how to stop waiting visibly. */
  onWait?: () => Promise<() => void>;
  /**
   * Called when a write begins; Ctrl-C (or a stop signal) while the command waits for the lock or
   * holds it before saving aborts the signal it returns, and nothing is saved.
   */
  interruptible?: () => { signal: AbortSignal; done: (saved?: boolean) => void };
  /** The local time of a save, YYYY-MM-DDTHH:MM:SS, which keeps revisions rising across resets. */
  now?: () => string;
  /** The lock's timing; tests shorten it. */
  lockTiming?: Partial<LockTiming>;
  /** A damaged file is refused without locating its faults (the prompt line shows one line whatever they are). */
  brief?: boolean;
  /**
   * Reads may return a long log as the coach's day totals, from the summary kept beside the file
   * (store/summary.ts): for the everyday reads, which only count hours. Commands that number log
   * entries read the whole file; a change gets the totals only when it asks (UpdateOptions.totals).
   */
  summary?: boolean;
}

/** Minutes since 2020 at a local time: a revision a new progress file starts above. */
const minutesSince2020 = (now: string) => Math.floor((Date.parse(`${now}Z`) - Date.UTC(2020, 0, 1)) / 60_000);

/** The progress file as conf holds it for one change: the data it read, and how to save new text. */
interface OpenFile {
  current: SavedData | undefined;
  /** The log entries the file holds (current's log is their day totals when `kept` is there). */
  entries: number;
  /** When the log was not parsed: its text in the file (layout.ts). */
  kept?: string;
  /** Writes `text` through conf; `verify` runs as conf serializes, the last step before its own write. */
  save(text: string, verify: () => void): void;
}

/**
 * The learner's plan and progress in one JSON file. A read is one read of the file, one parse and
 * one validation. A change is a read-modify-write under a lock file: conf reads the file (that is
 * the change's only read) and writes the new text atomically, after it has passed the same
 * validation as a read (of the new entries alone, when a long log was kept as text) and the lock
 * has been re-asserted.
 */
export class ProgressStore {
  readonly #dir: string | (() => string);
  readonly #options: StoreOptions;

  /** `dir` may be given as a function: then a folder that cannot be found fails the first use, not the start. */
  constructor(dir: string | (() => string), options: StoreOptions = {}) {
    this.#dir = dir;
    this.#options = options;
  }

  get dir(): string {
    return typeof this.#dir === 'string' ? this.#dir : this.#dir();
  }

  get path(): string {
    return join(this.dir, STORE_FILE);
  }

  /**
   * The progress file's identity when it was settled at `started` (see settledAt): a command
   * that finds the same identity later knows the file has not changed since.
   */
  settledIdentity(started: number): string | undefined {
    return settledIdentity(this.path, started);
  }

  /** Whether the progress file is still the one `identity` (from settledIdentity) describes. */
  stillIs(identity: string): boolean {
    return stillHas(this.path, identity);
  }

  /** The saved data, upgraded to the current schema; undefined when there is no plan yet. */
  async read(): Promise<SavedData | undefined> {
    let fd: number;
    try {
      // Without blocking, so a named pipe in the file's place cannot hang every command.
      fd = openSync(this.path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      throw this.#readFailure(error);
    }
    let source: string;
    let stats: BigIntStats;
    let summarised = false;
    const { brief = false, summary = false } = this.#options;
    try {
      stats = fstatSync(fd, { bigint: true });
      if (!stats.isFile()) throw damaged(this.path, ['it is not a regular file']);
      summarised = summary && stats.size >= SUMMARY_MIN_BYTES;
      const kept = summarised ? readSummary(this.dir, stats) : undefined;
      if (kept && 'data' in kept) return kept.data;
      if (kept && brief) throw damaged(this.path, ['it was found damaged when last read, and has not changed since']);
      source = readFileSync(fd, 'utf8');
    } catch (error) {
      if (error instanceof FailureError) throw error;
      throw this.#readFailure(error);
    } finally {
      closeSync(fd);
    }
    let data: SavedData;
    try {
      data = parseSaved(source, this.path, !brief);
    } catch (error) {
      if (summarised && error instanceof DamagedError) writeSummary(this.dir, stats, 'damaged');
      throw error;
    }
    if (summarised) writeSummary(this.dir, stats, data);
    return data;
  }

  /**
   * Applies `change` to the current data under the lock and saves the data it returns. `change`
   * may wait (for a roadmap to load), and this is a write command's only read of the file.
   * Nothing is written when the change throws, when the result is invalid, when the lock was
   * lost while this process was stalled, or when the command was interrupted before saving.
   */
  async update<R>(
    change: (current: SavedData | undefined, held: Held) => Change<R> | Promise<Change<R>>,
    options: UpdateOptions = {},
  ): Promise<R> {
    this.#ensureDir();
    const interrupt = this.#options.interruptible?.();
    let saved = false;
    try {
      const lock = await acquireLock(this.path, this.#lockOptions(interrupt?.signal));
      try {
        const file = await this.#open(options.totals === true);
        const { data, result } = await change(file.current, { entries: file.entries });
        // Every save raises the revision, and a file made after a reset starts above the old one's,
        // so calendar events (whose SEQUENCE it is) always count up.
        const now = this.#options.now?.();
        const revision = Math.max((file.current?.revision ?? 0) + 1, now ? minutesSince2020(now) : 0);
        if (data) {
          this.#save(file, { ...data, revision }, lock);
          saved = true;
        }
        return result;
      } finally {
        lock.release();
      }
    } finally {
      interrupt?.done(saved);
    }
  }

  #lockOptions(signal?: AbortSignal): LockOptions {
    return { timing: this.#options.lockTiming, onWait: this.#options.onWait, signal };
  }

  /**
   * The file opened through conf, which reads it in its constructor (a save spares it a second
   * read). The text is parsed and validated, all but a long log kept as text (`totals`).
   */
  async #open(totals: boolean): Promise<OpenFile> {
    let stats: BigIntStats | undefined;
    try {
      stats = statSync(this.path, { bigint: true });
      // conf would wait forever on a named pipe in the file's place; only a regular file is read.
      if (!stats.isFile()) throw damaged(this.path, ['it is not a regular file']);
    } catch (error) {
      if (error instanceof CliError) throw error;
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw this.#readFailure(error);
    }
    const known = totals ? this.#placed(stats) : undefined;
    let kept: OpenFile['kept'];
    let source = '';
    const { default: Conf } = await import('conf');
    let current: SavedData | undefined;
    let pending: { text: string; verify: () => void } | undefined;
    let conf: InstanceType<typeof Conf<Record<string, unknown>>>;
    try {
      conf = new Conf<Record<string, unknown>>({
        cwd: this.dir,
        configName: 'progress',
        accessPropertiesByDotNotation: false,
        deserialize: (text) => {
          if (!current) {
            source = text;
            current = known ? known.data : parseSaved(text, this.path, !this.#options.brief);
          }
          return { ...current };
        },
        // conf serializes just before it writes: the lock is re-asserted here, as late as conf
        // allows, and nothing is written unless a save asked for this text.
        serialize: () => {
          if (!pending) throw new Error('conf tried to write the progress file when no change was being saved');
          pending.verify();
          return pending.text;
        },
      });
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw this.#readFailure(error);
    }
    // (No current: the file went between the look and conf's read, and there is no plan.)
    if (known && current) ({ current, kept } = this.#withKeptLog(source, stats!, known));
    return {
      current,
      entries: kept === undefined ? (current?.log.length ?? 0) : known!.place.entries,
      kept,
      save: (text, verify) => {
        pending = { text, verify };
        try {
          // The value is only the trigger (serialize returns the text). Holding conf's internal
          // key spares conf a read of the whole file to carry that key over, which this file
          // never has: with a long log that read was a fifth of a write.
          conf.store = { __internal__: {} };
        } catch (error) {
          if (error instanceof CliError) throw error;
          // A writer that stalled mid-write finds its temporary file cleared by the one that took
          // the lock over (see sweep in lock.ts): that is the lost lock, not a disk problem.
          verify();
          throw this.#writeFailure(error as NodeJS.ErrnoException);
        }
      },
    };
  }

  /** A long log's summary that a save left of this very file, with the log's place: a change then need not parse the log. */
  #placed(stats: BigIntStats | undefined): { data: SavedData; place: LogPlace } | undefined {
    if (!stats || stats.size < SUMMARY_MIN_BYTES) return undefined;
    const summary = readSummary(this.dir, stats);
    return summary && 'data' in summary && summary.place ? { data: summary.data, place: summary.place } : undefined;
  }

  /**
   * The file conf read as `source`, its log kept as text when the file is still the one `stats`
   * describe and is laid out as the summary says. The summary is trusted for the log's totals
   * alone: everything else is parsed from the file.
   */
  #withKeptLog(
    source: string,
    stats: BigIntStats,
    known: { data: SavedData; place: LogPlace },
  ): { current: SavedData; kept?: string } {
    let kept: string | undefined;
    try {
      if (sameFile(statSync(this.path, { bigint: true }), stats)) kept = logTextAt(source, known.place.logAt);
    } catch {
      kept = undefined;
    }
    const locate = !this.#options.brief;
    if (kept === undefined) return { current: parseSaved(source, this.path, locate) };
    return {
      current: { ...parseSaved(withoutLog(source, known.place.logAt), this.path, locate), log: known.data.log },
      kept,
    };
  }

  #save(file: OpenFile, data: SavedData, lock: HeldLock): void {
    // With the log kept as text, only the entries the change added are new to validation.
    const added = file.kept === undefined ? undefined : addedTo(file.current!.log, data.log);
    const checked = validateSaved(added ? { ...data, log: added } : data);
    const entries = added ? file.entries + added.length : data.log.length;
    const problem = !checked.success
      ? describeProblem(toProblems(checked.issues)[0]!)
      : entries > MAX_ENTRIES
        ? describeProblem({ path: ['log'], message: `should hold at most ${MAX_ENTRIES} entries` })
        : undefined;
    if (problem) throw new FailureError(`Refused to save an invalid progress file (${problem}); nothing was changed.`);
    const { text, logAt } =
      file.kept === undefined || added === undefined ? fileText(data) : fileTextAdding(data, file.kept, added);
    try {
      accessSync(this.path, constants.W_OK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new FailureError(
          `${this.path} is read-only, so nothing was saved.`,
          `Make it writable (chmod u+w "${this.path}") and run the command again.`,
        );
      }
    }
    // The old summary goes first: were this process stopped after the save, no summary would
    // vouch for a file it does not describe (a file system that reuses inodes and keeps coarse
    // times could otherwise give the new file the old one's identity).
    forgetSummary(this.dir);
    // Checked at the last moment before conf writes: if another command took the lock while this
    // one was stalled, it may have saved since, and writing now would undo its change.
    file.save(text, () => lock.verify());
    this.#summarise(added ? { ...data, log: [...file.current!.log, ...added] } : data, { entries, logAt }, lock);
  }

  /**
   * After a save, a long log's summary (its totals, and where the log is) for the reads and the
   * next save, under the identity of the file this save wrote: taken while the lock is still
   * this command's, so a command that stalled after its save cannot put its summary on the file
   * of the command that took the lock over.
   */
  #summarise(data: SavedData, place: LogPlace, lock: HeldLock): void {
    let stats: BigIntStats;
    try {
      stats = statSync(this.path, { bigint: true });
      lock.verify();
    } catch {
      return;
    }
    if (stats.size >= SUMMARY_MIN_BYTES) writeSummary(this.dir, stats, data, place);
  }

  #readFailure(error: unknown): FailureError {
    return new FailureError(`${this.path} cannot be read: ${describeCode((error as NodeJS.ErrnoException).code)}.`);
  }

  #writeFailure(error: NodeJS.ErrnoException): FailureError {
    if (error.code === 'ENOSPC')
      return new FailureError(
        `The disk is full, so nothing was saved; ${this.path} is unchanged.`,
        'Free some space and run the command again.',
      );
    if (error.code === 'EDQUOT')
      return new FailureError(`Your disk quota is used up, so nothing was saved; ${this.path} is unchanged.`);
    return new FailureError(
      `Cannot save ${this.path}: ${error.code ? describeCode(error.code) : error.message}. Nothing was changed.`,
    );
  }

  #ensureDir(): void {
    try {
      makeFolder(this.dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOTDIR' || code === 'EEXIST'
          ? 'part of that path is a file, not a folder'
          : code === 'ENOENT'
            ? 'that part of the file system takes no new folders'
            : describeCode(code);
      throw new FailureError(
        `Cannot create the folder ${this.dir} for your progress: ${why}.`,
        'Set BACKEND_PATH_CONFIG_DIR to a folder you can write to.',
      );
    }
  }

  /**
   * Moves the file aside (never deletes it) and returns where it went; undefined when there was
   * none. Backup names carry the time and random letters, and the move links before it unlinks,
   * so one backup can never replace another.
   */
  async moveAside(stamp: string): Promise<string | undefined> {
    this.#ensureDir();
    const interrupt = this.#options.interruptible?.();
    let moved: string | undefined;
    try {
      const lock = await acquireLock(this.path, this.#lockOptions(interrupt?.signal));
      try {
        return (moved = await this.#moveAsideLocked(stamp, lock));
      } finally {
        lock.release();
      }
    } finally {
      interrupt?.done(moved !== undefined);
    }
  }

  async #moveAsideLocked(stamp: string, lock: HeldLock): Promise<string | undefined> {
    for (;;) {
      const target = `${this.path}.${stamp.replace(/:/g, '')}-${randomHex(8)}.bak`;
      try {
        linkSync(this.path, target);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return undefined;
        if (code === 'EEXIST') continue;
        throw new FailureError(`Cannot move ${this.path} aside: ${describeCode(code)}. Nothing was changed.`);
      }
      try {
        lock.verify();
      } catch (error) {
        unlinkSync(target);
        throw error;
      }
      unlinkSync(this.path);
      return target;
    }
  }

  /** True when `file` is the progress file, its lock, a backup or a temporary file of it. */
  owns(file: string): boolean {
    const real = (path: string) => {
      try {
        return realpathSync(path);
      } catch {
        return path;
      }
    };
    const fold = (path: string) =>
      process.platform === 'darwin' || process.platform === 'win32' ? path.toLowerCase() : path;
    let target: string;
    try {
      target = lstatSync(file).isSymbolicLink() ? real(file) : join(real(dirname(file)), basename(file));
    } catch {
      target = join(real(dirname(file)), basename(file));
    }
    return fold(dirname(target)) === fold(real(this.dir)) && fold(basename(target)).startsWith(STORE_FILE);
  }
}

/**
 * The entries a change added after the log it was given (day totals, when the log was kept as
 * text). A change that did anything else to such a log broke its word (UpdateOptions.totals).
 */
function addedTo(given: readonly LogEntry[], log: readonly LogEntry[]): LogEntry[] {
  for (let i = 0; i < given.length; i++)
    if (log[i] !== given[i])
      throw new Error('A change given the log as day totals changed it instead of adding to it.');
  return log.slice(given.length);
}
