import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  unlinkSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeCode, FailureError } from '../errors.js';
import { upgrade } from './migrations.js';
import { SCHEMA_VERSION, validateSaved, type SavedData } from './schema.js';
import { acquireLock, type HeldLock } from './lock.js';

export const STORE_FILE = 'progress.json';
const REPAIR_HINT = 'Fix the file by hand, or run `backend-path reset --yes` to move it aside and start again.';

/** What a change under the lock returns: the data to save (none: save nothing) and the command's result. */
export interface Change<R> {
  data?: SavedData;
  result: R;
}

export interface StoreOptions {
  /** Called when another command holds the lock; returns how to stop waiting visibly. */
  onWait?: () => Promise<() => void>;
  /** The local time of a save, YYYY-MM-DDTHH:MM:SS, which keeps revisions rising across resets. */
  now?: () => string;
}

/** Minutes since 2020 at a local time: a revision a new progress file starts above. */
const minutesSince2020 = (now: string) => Math.floor((Date.parse(`${now}Z`) - Date.UTC(2020, 0, 1)) / 60_000);

/**
 * The learner's plan and progress in one JSON file. Reads are a plain read and parse; every
 * change is a read-modify-write under a lock file, written through conf (atomically), and only
 * after the new data has passed the same validation as a read.
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

  /** The saved data, upgraded to the current schema; undefined when there is no plan yet. */
  async read(): Promise<SavedData | undefined> {
    let fd: number;
    try {
      // Without blocking, so a named pipe in the file's place cannot hang every command.
      fd = openSync(this.path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      throw new FailureError(`${this.path} cannot be read: ${describeCode(code)}.`);
    }
    let source: string;
    try {
      if (!fstatSync(fd).isFile()) throw this.#damaged(['it is not a regular file']);
      source = readFileSync(fd, 'utf8');
    } catch (error) {
      if (error instanceof FailureError) throw error;
      throw new FailureError(`${this.path} cannot be read: ${describeCode((error as NodeJS.ErrnoException).code)}.`);
    } finally {
      closeSync(fd);
    }
    return this.#parse(source);
  }

  async #parse(source: string): Promise<SavedData> {
    let raw: unknown;
    try {
      raw = JSON.parse(source);
    } catch (error) {
      // JSON.parse names an offset; the learner's editor wants a line and a column.
      const offset = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? -1);
      const before = offset >= 0 ? source.slice(0, offset).split('\n') : undefined;
      const where = before ? `${this.path}:${before.length}:${before.at(-1)!.length + 1} ` : '';
      throw this.#damaged([
        `${where}it is not valid JSON (${(error as Error).message.replace(/ in JSON at position \d+.*$/, '')})`,
      ]);
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw this.#damaged([
        `it holds ${Array.isArray(raw) ? 'a list' : raw === null ? 'null' : `a ${typeof raw}`}, not a backend-path progress object`,
      ]);
    }
    const version = (raw as Record<string, unknown>).schemaVersion;
    if (typeof version === 'number' && version > SCHEMA_VERSION) {
      throw new FailureError(
        `${this.path} was written by a newer backend-path (data version ${version}; this one understands up to ${SCHEMA_VERSION}), so it was left untouched.`,
        'Update backend-path: npm install -g backend-path@latest',
      );
    }
    const result = validateSaved(upgrade(raw as Record<string, unknown>));
    if (result.success) return result.output;
    const [{ toProblems }, { locateProblems }] = await Promise.all([
      import('../validation/issues.js'),
      import('../validation/locate.js'),
    ]);
    throw this.#damaged(locateProblems(source, this.path, toProblems(result.issues).slice(0, 5)));
  }

  #damaged(problems: string[]): FailureError {
    return new FailureError(
      `${this.path} is damaged, so it was left untouched:\n${problems.map((p) => `  ${p}`).join('\n')}`,
      REPAIR_HINT,
    );
  }

  /**
   * Applies `change` to the current data under the lock and saves the data it returns. Nothing
   * is written when the change throws, when the result is invalid, or when the lock was lost
   * while this process was stalled.
   */
  async update<R>(change: (current: SavedData | undefined) => Change<R> | Promise<Change<R>>): Promise<R> {
    this.#ensureDir();
    const lock = await acquireLock(this.path, this.#options.onWait);
    try {
      const current = await this.read();
      const { data, result } = await change(current);
      // Every save raises the revision, and a file made after a reset starts above the old one's,
      // so calendar events (whose SEQUENCE it is) always count up.
      const now = this.#options.now?.();
      const revision = Math.max((current?.revision ?? 0) + 1, now ? minutesSince2020(now) : 0);
      if (data) await this.#save({ ...data, revision }, lock);
      return result;
    } finally {
      await lock.release();
    }
  }

  async #save(data: SavedData, lock: HeldLock): Promise<void> {
    const checked = validateSaved(data);
    if (!checked.success) {
      const { toProblems, describeProblem } = await import('../validation/issues.js');
      throw new FailureError(
        `Refused to save an invalid progress file (${describeProblem(toProblems(checked.issues)[0]!)}); nothing was changed.`,
      );
    }
    const text = `${JSON.stringify(data, null, '\t')}\n`;
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
    const { default: Conf } = await import('conf');
    // The last moment before the rename: if another command took the lock while this one was
    // stalled, it may have saved since, and writing now would undo its change.
    lock.verify();
    try {
      new Conf<Record<string, unknown>>({
        cwd: this.dir,
        configName: 'progress',
        accessPropertiesByDotNotation: false,
        serialize: () => text,
      }).store = { ...data };
    } catch (error) {
      throw this.#writeFailure(error as NodeJS.ErrnoException);
    }
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
      mkdirSync(this.dir, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOTDIR' || code === 'EEXIST' ? 'part of that path is a file, not a folder' : describeCode(code);
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
    const lock = await acquireLock(this.path, this.#options.onWait);
    const { randomBytes } = await import('node:crypto');
    try {
      for (;;) {
        const target = `${this.path}.${stamp.replace(/:/g, '')}-${randomBytes(4).toString('hex')}.bak`;
        try {
          linkSync(this.path, target);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') return undefined;
          if (code === 'EEXIST') continue;
          throw new FailureError(`Cannot move ${this.path} aside: ${describeCode(code)}. Nothing was changed.`);
        }
        lock.verify();
        unlinkSync(this.path);
        return target;
      }
    } finally {
      await lock.release();
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
