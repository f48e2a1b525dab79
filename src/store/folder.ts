import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
  type BigIntStats,
} from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Makes a folder and its missing parents, one level at a time, and fails when one cannot be
 * made. Node's own `mkdirSync(path, { recursive: true })` loops forever where a folder exists but
 * refuses new entries with ENOENT (/proc and /sys do), so a config or code-cache folder there
 * hung every command. Also used by the loader (src/cli/boot.ts) for its cache folder.
 */
export function makeFolder(path: string, mode?: number): void {
  const missing: string[] = [];
  for (let at = resolve(path); ; at = dirname(at)) {
    try {
      if (statSync(at).isDirectory()) break;
      throw Object.assign(new Error(`${at} is not a folder`), { code: 'ENOTDIR' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(at) === at) throw error;
      missing.push(at);
    }
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder, { mode });
    } catch (error) {
      // Made by another command meanwhile: as good as made here.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(folder).isDirectory()) throw error;
    }
  }
}

/**
 * A regular file opened without blocking (a pipe in its place cannot hang a command), with its
 * size; undefined when it is missing, unreadable or anything but a regular file, or, with `mine`,
 * another user's (what the loader runs or prints must be this user's own). The caller closes `fd`.
 */
export function openRegularFile(path: string, { mine = false } = {}): { fd: number; size: number } | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = fstatSync(fd);
    if (stats.isFile() && !(mine && process.getuid !== undefined && stats.uid !== process.getuid()))
      return { fd, size: stats.size };
  } catch {
    // Missing or unreadable: no file.
  }
  if (fd !== undefined) closeSync(fd);
  return undefined;
}

/** A regular file's bytes (see openRegularFile); undefined when there is no such file to read. */
export function readRegularFile(path: string, options: { mine?: boolean } = {}): Buffer | undefined {
  const file = openRegularFile(path, options);
  if (!file) return undefined;
  try {
    return readFileSync(file.fd);
  } catch {
    return undefined;
  } finally {
    closeSync(file.fd);
  }
}

/**
 * Writes a file of this user's whole or not at all: into a temporary file beside it, renamed over
 * it. A temporary file left by a failed write (a full disk, a folder in the file's place) is
 * removed, so a command that fails this way on every run leaves nothing behind. `data` may be
 * given in parts, written one after another without joining them first.
 */
export function writeWhole(path: string, data: string | NodeJS.ArrayBufferView | readonly Buffer[]): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    if (Array.isArray(data)) writeParts(temporary, data);
    else writeFileSync(temporary, data as string | NodeJS.ArrayBufferView, { mode: 0o600 });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function writeParts(path: string, parts: readonly Buffer[]): void {
  const fd = openSync(path, 'w', 0o600);
  try {
    for (const part of parts) for (let at = 0; at < part.length;) at += writeSync(fd, part, at);
  } finally {
    closeSync(fd);
  }
}

/**
 * A file's identity: device, inode, size, and change and modification times to the nanosecond.
 * Any rewrite changes it (a save renames a new file over the old one; an editor changes its
 * times), which is what the summary beside the progress file and the kept prompt line are keyed by.
 */
export const fileIdentity = (stats: BigIntStats): string =>
  [stats.dev, stats.ino, stats.size, stats.ctimeNs, stats.mtimeNs].join(':');

/**
 * Whether a file last changed at `ctimeNs` (ns since 1970) was settled at `started` (ms): whether
 * any change after `started` must show in its change time. Within its clock's resolution a file
 * system may change a file and leave every time as it was, so a file changed less than that long
 * before is not settled (git's index treats "racily clean" files the same way). Times with a
 * fraction of a second come from a clock that ticks every few milliseconds (a jiffy on Linux, at
 * most 10 ms): 50 ms covers it, so the first prompt after a command that changed the plan is
 * kept. Whole seconds may be a clock of one or two (ext3, FAT): 2 s then.
 */
export function settledAt(ctimeNs: bigint, started: number): boolean {
  const resolutionMs = ctimeNs % 1_000_000_000n === 0n ? 2_000 : 50;
  return ctimeNs < BigInt(Math.floor(started - resolutionMs)) * 1_000_000n;
}

/**
 * The identity (fileIdentity) of the regular file at `path` when it was settled at `started` (see
 * settledAt): while it is the same later, the file has not changed since `started`. Undefined
 * for a file that is missing, not a regular file, or changed too shortly before.
 */
export function settledIdentity(path: string, started: number): string | undefined {
  let stats: BigIntStats;
  try {
    stats = statSync(path, { bigint: true });
  } catch {
    return undefined;
  }
  return stats.isFile() && settledAt(stats.ctimeNs, started) ? fileIdentity(stats) : undefined;
}

/** Whether the file at `path` has `identity` (fileIdentity) still: false once it changed or went. */
export function stillHas(path: string, identity: string): boolean {
  try {
    return fileIdentity(statSync(path, { bigint: true })) === identity;
  } catch {
    return false;
  }
}
