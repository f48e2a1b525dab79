import { lstatSync, type Stats } from 'node:fs';
import { describeCode, FailureError } from '../errors.js';

/** A lock not refreshed for this long belongs to a command that died; another may take it. */
export const STALE_MS = 10_000;
/** How far in the future a lock's time may be before it is called broken (clocks drift a little). */
const FUTURE_SLACK_MS = 60_000;

export interface HeldLock {
  /** Throws, exit 1, when the lock is no longer this process's: it was taken over while this one stalled. */
  verify(): void;
  release(): Promise<void>;
}

/**
 * Takes the lock beside `file` with proper-lockfile, which keeps it fresh while the process
 * runs. A process that stalls (suspended, or blocked longer than the stale time) can lose it to
 * another command, so the lock directory's identity is recorded and checked before writing.
 */
export async function acquireLock(file: string, onWait?: () => Promise<() => void>): Promise<HeldLock> {
  // Only commands that write take the lock, so reading commands never load the library.
  const { default: lockfile } = await import('proper-lockfile');
  const lockPath = `${file}.lock`;
  let compromised: Error | undefined;
  const options = {
    realpath: false,
    stale: STALE_MS,
    onCompromised: (error: Error) => {
      compromised = error;
    },
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw lockFailure(lockPath, error);
    checkHeldLock(lockPath);
    const stopWaiting = (await onWait?.()) ?? (() => {});
    try {
      // Long enough for a lock left by a crashed command to go stale and be taken over.
      release = await lockfile.lock(file, {
        ...options,
        retries: { retries: 140, factor: 1.2, minTimeout: 10, maxTimeout: 100, randomize: false },
      });
    } catch (retryError) {
      throw lockFailure(lockPath, retryError);
    } finally {
      stopWaiting();
    }
  }
  const identity = (stats: Stats) => `${stats.dev}:${stats.ino}:${stats.birthtimeMs}`;
  const mine = identity(lstatSync(lockPath));
  return {
    verify() {
      let now: string | undefined;
      try {
        now = identity(lstatSync(lockPath));
      } catch {
        now = undefined;
      }
      if (compromised || now !== mine) {
        throw new FailureError(
          'Another backend-path command took over the lock while this one was stalled, so this change was not saved.',
          'Check with `backend-path status`, then run the command again if it is still needed.',
        );
      }
    },
    async release() {
      try {
        await release();
      } catch {
        // Released already (taken over, or removed by hand): there is nothing left to free.
      }
    },
  };
}

/** A lock that will never go stale by itself: a plain file, or a time in the future. */
function checkHeldLock(lockPath: string): void {
  let stats: Stats;
  try {
    stats = lstatSync(lockPath);
  } catch {
    return;
  }
  if (!stats.isDirectory()) {
    throw new FailureError(
      `${lockPath} is a file, not a lock that backend-path made, so your progress cannot be saved.`,
      `Remove it (rm "${lockPath}") and run the command again.`,
    );
  }
  if (stats.mtimeMs > Date.now() + FUTURE_SLACK_MS) {
    throw new FailureError(
      `The lock ${lockPath} has a time in the future, so it would never expire: it is broken.`,
      `If no other backend-path command is running, remove it (rmdir "${lockPath}") and run the command again.`,
    );
  }
}

function lockFailure(lockPath: string, error: unknown): FailureError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOCKED') {
    return new FailureError(
      `Another backend-path command has held the lock ${lockPath} for over ${STALE_MS / 1000} seconds and is still running.`,
      'Wait for it to finish and try again.',
    );
  }
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return new FailureError(
      `${lockPath} is in the way of the lock: part of that path is a file, not a folder.`,
      `Remove it (rm "${lockPath}") and run the command again.`,
    );
  }
  return new FailureError(
    `Cannot lock your progress file to save it: ${describeCode(code)} (${lockPath}). Nothing was changed.`,
  );
}
