import { mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Conf from 'conf';
import envPaths from 'env-paths';
import { FailureError } from '../errors.js';
import { upgrade } from './migrations.js';
import { firstProblem, SCHEMA_VERSION, type SavedData } from './schema.js';

const REPAIR_HINT = 'Fix the file by hand, or run `backend-path reset --yes` to move it aside and start again.';

/**
 * The learner's plan and progress in one JSON file, written through conf (atomic writes).
 * Every change is a read-modify-write under a lock file, so parallel commands never lose one.
 */
export class ProgressStore {
  readonly path: string;
  readonly #dir: string;
  readonly #onWait: (() => Promise<() => void>) | undefined;

  /** `onWait` is called when another command holds the lock; it returns how to stop waiting visibly. */
  constructor(dir?: string, onWait?: () => Promise<() => void>) {
    this.#dir = dir ?? envPaths('backend-path', { suffix: '' }).config;
    this.path = join(this.#dir, 'progress.json');
    this.#onWait = onWait;
  }

  /** conf reads the file as it opens, so it is opened afresh for every read. */
  #open(): Conf<Record<string, unknown>> {
    return new Conf<Record<string, unknown>>({ cwd: this.#dir, configName: 'progress', accessPropertiesByDotNotation: false });
  }

  /** The saved data, upgraded to the current schema; undefined when there is no plan yet. */
  read(): SavedData | undefined {
    const raw = this.#readRaw();
    if (raw === undefined || Object.keys(raw).length === 0) return undefined;
    const version = raw.schemaVersion;
    if (typeof version === 'number' && version > SCHEMA_VERSION) {
      throw new FailureError(
        `${this.path} was written by a newer backend-path (data version ${version}; this one understands up to ${SCHEMA_VERSION}), so it was left untouched.`,
        'Update backend-path: npm install -g backend-path@latest',
      );
    }
    const upgraded = upgrade(raw);
    const problem = firstProblem(upgraded);
    if (problem) throw new FailureError(`${this.path} is damaged: ${problem}. Nothing was changed.`, REPAIR_HINT);
    return upgraded as SavedData;
  }

  /** Applies `change` to the current data under the lock and saves what it returns. */
  async update(change: (current: SavedData | undefined) => SavedData): Promise<SavedData> {
    mkdirSync(dirname(this.path), { recursive: true });
    const release = await this.#lock();
    try {
      const next = change(this.read());
      this.#open().store = next;
      return next;
    } finally {
      await release();
    }
  }

  /** Moves the file aside (never deletes it) and returns where it went; undefined when there was none. */
  async moveAside(today: string): Promise<string | undefined> {
    mkdirSync(dirname(this.path), { recursive: true });
    const release = await this.#lock();
    try {
      const target = `${this.path}.${today}-${process.pid}.bak`;
      try {
        renameSync(this.path, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      return target;
    } finally {
      await release();
    }
  }

  #readRaw(): Record<string, unknown> | undefined {
    let raw: unknown;
    try {
      raw = this.#open().store;
    } catch (error) {
      return this.#damaged(error);
    }
    return raw as Record<string, unknown>;
  }

  #damaged(error: unknown): never {
    if (error instanceof SyntaxError) {
      throw new FailureError(`${this.path} is damaged: it is not valid JSON (${error.message}). Nothing was changed.`, REPAIR_HINT);
    }
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    throw new FailureError(`${this.path} cannot be read${code ? ` (${code})` : ''}.`);
  }

  async #lock(): Promise<() => Promise<void>> {
    // Only commands that write take the lock, so reading commands never load the library.
    const { default: lockfile } = await import('proper-lockfile');
    const options = { realpath: false, stale: 10_000 };
    try {
      return await lockfile.lock(this.path, options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw this.#lockFailure(error);
    }
    const stopWaiting = (await this.#onWait?.()) ?? (() => {});
    try {
      return await lockfile.lock(this.path, { ...options, retries: { retries: 200, factor: 1.2, minTimeout: 5, maxTimeout: 100, randomize: true } });
    } catch (error) {
      throw this.#lockFailure(error);
    } finally {
      stopWaiting();
    }
  }

  #lockFailure(error: unknown): FailureError {
    return new FailureError(`${this.path} is locked by another backend-path command (${(error as Error).message}).`, 'Wait for it to finish and try again.');
  }
}
