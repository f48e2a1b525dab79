import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeCode, FailureError } from '../errors.js';
import { SUMMARY_TEMPORARY } from './summary.js';

/**
 * The lock beside the progress file, made for it rather than taken from a library. proper-lockfile,
 * used before, records a lock's identity only after an asynchronous probe (so a process resumed
 * after a stall could adopt another's lock as its own), removes a stale lock with rmdir and mkdir
 * (two takers can both end up holding it: moxystudio/node-proper-lockfile#121), and calls a lock
 * compromised from its mtime alone (writers that never stalled were told they had).
 *
 * The lock is a folder, `<file>.lock`, holding one empty file named `<holder>@<time>`: who holds it
 * and when they last said so. Every step is one rename, which the file system does atomically:
 * - Taking it: a folder with the holder's entry is made under a private name and renamed into
 *   place, which succeeds only while no lock is there (or an empty one), so the identity exists
 *   before anyone can see the lock.
 * - Keeping it: the holder renames its entry to the current time, every quarter of the stale time
 *   and once more just before the progress file is replaced. A rename that finds no entry means
 *   the lock was taken over.
 * - Taking over a stale lock: the entry seen, under its exact name, is renamed out of the folder.
 *   Only one taker can move it; and if the holder refreshed meanwhile, that name is gone and the
 *   takeover fails, so a live holder's lock is never taken over on an old reading of its time.
 * - Releasing: the holder removes its entry, then the empty folder.
 * An empty lock folder (a release half done, or proper-lockfile's lock from older versions) is free.
 *
 * What a file lock cannot fence: a holder stopped after its last check and before its write lands.
 * The check runs as conf serializes, and a new holder clears conf's temporary files (see sweep), so
 * a writer stopped once its temporary file exists cannot land it; what remains is the few system
 * calls between the check and the creation of that file.
 */

export interface LockTiming {
  /** A lock whose time is this old belongs to a command that died or stalled; another may take it. */
  staleMs: number;
  /** About how long a waiting command sleeps between looks (varied so waiters spread out). */
  retryMs: number;
  /** How long to wait for one live holder before giving up; the wait starts again when the holder changes. */
  patienceMs: number;
}

const LOCK_TIMING: LockTiming = { staleMs: 10_000, retryMs: 40, patienceMs: 15_000 };

/** How far in the future a lock's time may be before it is called broken (clocks drift a little). */
const FUTURE_SLACK_MS = 60_000;
const ENTRY = /^(\d+-[0-9a-f]+)@(\d+)$/;

export interface LockOptions {
  timing?: Partial<LockTiming>;
  /** Called once when another command holds the lock; returns how to stop showing the wait. */
  onWait?: () => Promise<() => void>;
  /** Ends the wait for the lock, or the hold before anything is saved; its reason is what is thrown. */
  signal?: AbortSignal;
}

export interface HeldLock {
  /** Re-asserts ownership at the last moment; throws, exit 1, when the lock was taken over. */
  verify(): void;
  release(): void;
}

interface Holder {
  entry: string;
  token: string;
  time: number;
}

/**
 * Takes the lock beside `file`, waiting while a live command holds it and taking over one whose
 * time went stale. Throws, exit 1, when it cannot be taken; throws the signal's reason when the
 * wait is interrupted.
 */
export async function acquireLock(file: string, options: LockOptions = {}): Promise<HeldLock> {
  const timing = { ...LOCK_TIMING, ...options.timing };
  const lockPath = `${file}.lock`;
  // Unique among the processes that may wait together, which is all a token needs: no node:crypto
  // (loading it costs a write about 4 ms).
  const token = `${process.pid}-${randomHex(12)}`;
  const draft = `${lockPath}.${token}`;
  let stopWaiting: (() => void) | undefined;
  let watched: { token: string; since: number } | undefined;
  // Once taken, the draft is the lock: nothing of it is left to remove.
  let taken = false;
  try {
    makeDraft(draft, token, lockPath);
    for (;;) {
      const entry = take(draft, token, lockPath);
      if (entry) {
        taken = true;
        sweep(lockPath, timing.staleMs);
        return holding(lockPath, token, entry, timing.staleMs, options.signal);
      }
      const holder = inspect(lockPath);
      if (!holder) continue;
      if (Date.now() - holder.time > timing.staleMs) {
        takeOver(lockPath, holder.entry, token);
        continue;
      }
      if (watched?.token !== holder.token) watched = { token: holder.token, since: Date.now() };
      else if (Date.now() - watched.since > timing.patienceMs) throw stillHeld(lockPath, timing.patienceMs);
      stopWaiting ??= (await options.onWait?.()) ?? (() => {});
      await pause(timing.retryMs * (0.5 + Math.random()), options.signal);
    }
  } finally {
    stopWaiting?.();
    // Node 20's rmSync loads its rimraf module whatever it removes: every write paid for it, for nothing.
    if (!taken) rmSync(draft, { recursive: true, force: true });
  }
}

function makeDraft(draft: string, token: string, lockPath: string): void {
  try {
    mkdirSync(draft);
    writeFileSync(join(draft, `${token}@${Date.now()}`), '', { flag: 'wx' });
  } catch (error) {
    // The first thing made in the folder: a folder that takes no new files (read-only, not
    // ours, or under /proc, which answers ENOENT) cannot hold the progress file either.
    const code = (error as NodeJS.ErrnoException).code;
    throw new FailureError(
      `The folder ${dirname(lockPath)} cannot hold your progress file: ${code === 'ENOENT' ? 'it takes no new files' : describeCode(code)}. Nothing was saved.`,
      'Set BACKEND_PATH_CONFIG_DIR to a folder you can write to.',
    );
  }
}

/** Renames the draft into place, stamped with the current time; the entry's name when that took the lock. */
function take(draft: string, token: string, lockPath: string): string | undefined {
  try {
    // Swept while this command was stopped longer than the stale time: made again.
    if (!existsSync(draft)) makeDraft(draft, token, lockPath);
    const [old] = readdirSync(draft);
    const entry = `${old!.split('@')[0]}@${Date.now()}`;
    if (entry !== old) renameSync(join(draft, old!), join(draft, entry));
    renameSync(draft, lockPath);
    return entry;
  } catch (error) {
    if (error instanceof FailureError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    // Windows refuses to rename a folder onto any folder, empty or not, with EPERM.
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || (code === 'EPERM' && process.platform === 'win32'))
      return undefined;
    if (code === 'ENOTDIR') throw notALock(lockPath);
    throw lockFailure(lockPath, error);
  }
}

/** The lock's holder, or undefined when it has none (it was just released: try again at once). */
function inspect(lockPath: string): Holder | undefined {
  let names: string[];
  try {
    names = readdirSync(lockPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') throw notALock(lockPath);
    throw lockFailure(lockPath, error);
  }
  if (names.length === 0) {
    // A free lock; removed, since Windows cannot rename a draft onto it (a new holder's rename
    // coming first makes it non-empty, and this fails harmlessly).
    try {
      rmdirSync(lockPath);
    } catch {
      // Taken meanwhile, or gone already.
    }
    return undefined;
  }
  const match = names.length === 1 ? ENTRY.exec(names[0]!) : null;
  if (!match) {
    throw new FailureError(
      `The lock ${lockPath} holds files backend-path did not put there, so your progress cannot be saved.`,
      `If no other backend-path command is running, remove it (rm -r "${lockPath}") and run the command again.`,
    );
  }
  const time = Number(match[2]);
  if (time > Date.now() + FUTURE_SLACK_MS) {
    throw new FailureError(
      `The lock ${lockPath} has a time in the future, so it would never expire: it is broken.`,
      `If no other backend-path command is running, remove it (rm -r "${lockPath}") and run the command again.`,
    );
  }
  return { entry: names[0]!, token: match[1]!, time };
}

/** Moves the stale entry, by the name that was seen, out of the lock; whoever moves it first frees the lock. */
function takeOver(lockPath: string, entry: string, token: string): void {
  const removed = `${lockPath}.${token}.stale`;
  try {
    renameSync(join(lockPath, entry), removed);
  } catch (error) {
    // Taken over by another, refreshed by its holder, or released: look again.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw lockFailure(lockPath, error);
  }
  rmSync(removed, { force: true });
}

/**
 * Clears, as the new holder (so one command at a time), what other commands left beside the lock:
 * - a waiter's draft untouched for the stale time (a live waiter renames its entry on every try);
 * - an entry a taker moved out but did not delete;
 * - the data file's temporary files (`<file>.tmp-…`, as atomically, conf's writer, names them);
 * - the log summary's temporary files untouched for the stale time (reads write those unlocked).
 *   Only the holder writes, so any such file belongs to a command that died, or that stalled in
 *   the middle of its write and lost the lock: without its temporary file its rename fails, and
 *   it cannot replace the file after this holder has saved.
 */
function sweep(lockPath: string, staleMs: number): void {
  const dir = dirname(lockPath);
  const lockPrefix = `${basename(lockPath)}.`;
  const temporary = new RegExp(`^${basename(lockPath, '.lock').replace(/\./g, '\\.')}\\.tmp-\\d+[0-9a-f]*$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      if (
        temporary.test(name) ||
        ((name.startsWith(lockPrefix) || SUMMARY_TEMPORARY.test(name)) &&
          (name.endsWith('.stale') || Date.now() - lstatSync(path).mtimeMs > staleMs))
      )
        rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone meanwhile, or not ours to remove: either way nothing to do.
    }
  }
}

function holding(
  lockPath: string,
  token: string,
  first: string,
  staleMs: number,
  signal: AbortSignal | undefined,
): HeldLock {
  let entry = first;
  let lost: NodeJS.ErrnoException | undefined;
  const refresh = () => {
    if (lost) return;
    const next = `${token}@${Date.now()}`;
    if (next === entry) return;
    try {
      renameSync(join(lockPath, entry), join(lockPath, next));
      entry = next;
    } catch (error) {
      lost = error as NodeJS.ErrnoException;
    }
  };
  const timer = setInterval(refresh, staleMs / 4);
  timer.unref();
  return {
    verify() {
      if (signal?.aborted) throw signal.reason;
      refresh();
      if (lost?.code === 'ENOENT') {
        throw new FailureError(
          'Another backend-path command took over the lock while this one was stalled, so this change was not saved.',
          'Check with `backend-path status`, then run the command again if it is still needed.',
        );
      }
      if (lost) throw lockFailure(lockPath, lost);
    },
    release() {
      clearInterval(timer);
      if (lost) return;
      try {
        unlinkSync(join(lockPath, entry));
        rmdirSync(lockPath);
      } catch {
        // Another command took the free lock already (the folder is not empty): it is theirs now.
      }
    },
  };
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const stop = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    signal?.addEventListener('abort', stop, { once: true });
  });
}

function notALock(lockPath: string): FailureError {
  return new FailureError(
    `${lockPath} is a file, not a lock that backend-path made, so your progress cannot be saved.`,
    `Remove it (rm "${lockPath}") and run the command again.`,
  );
}

function stillHeld(lockPath: string, patienceMs: number): FailureError {
  return new FailureError(
    `Another backend-path command has held the lock ${lockPath} for over ${Math.round(patienceMs / 1000)} seconds and is still running, so nothing was saved.`,
    'Wait for it to finish and try again.',
  );
}

function lockFailure(lockPath: string, error: unknown): FailureError {
  const code = (error as NodeJS.ErrnoException).code;
  return new FailureError(
    `Cannot lock your progress file to save it: ${describeCode(code)} (${lockPath}). Nothing was changed.`,
  );
}

/** `length` random hexadecimal digits (not for secrets). */
export function randomHex(length: number): string {
  let text = '';
  while (text.length < length)
    text += Math.floor(Math.random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return text.slice(0, length);
}
