import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { describeCode, FailureError, UsageError } from '../errors.js';

/** A roadmap file may be at most this big: far more than 10,000 stages need. */
const MAX_ROADMAP_BYTES = 1024 * 1024;

const KINDS: [keyof Stats, string][] = [
  ['isDirectory', 'a folder'],
  ['isFIFO', 'a named pipe'],
  ['isCharacterDevice', 'a device'],
  ['isBlockDevice', 'a device'],
  ['isSocket', 'a socket'],
];

/**
 * Reads at most the size limit plus one byte of a regular file. The file is opened without
 * blocking and checked before reading, so a pipe, a device such as /dev/zero or a folder is
 * refused at once instead of hanging or filling memory.
 */
export function readRoadmapBytes(file: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw unreadable(file, error as NodeJS.ErrnoException);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      const kind = KINDS.find(([test]) => (stats[test] as () => boolean).call(stats))?.[1] ?? 'not a regular file';
      throw new UsageError(
        `Roadmap file ${file} is ${kind}, not a regular file.`,
        'Pass a path to a .yaml roadmap file.',
      );
    }
    // Sized by the limit, not by stats.size, which some special files report as 0.
    const buffer = Buffer.allocUnsafe(MAX_ROADMAP_BYTES + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) {
      read = readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (length > MAX_ROADMAP_BYTES)
      throw new FailureError(`Roadmap file ${file} is larger than 1 MiB; roadmaps may be at most 1 MiB.`);
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof FailureError || error instanceof UsageError) throw error;
    throw unreadable(file, error as NodeJS.ErrnoException);
  } finally {
    closeSync(fd);
  }
}

function unreadable(file: string, error: NodeJS.ErrnoException): Error {
  switch (error.code) {
    case 'ENOENT':
      return new UsageError(
        `Roadmap file ${file} does not exist.`,
        'Pass a path to a .yaml roadmap, or a built-in id (see `backend-path roadmaps`).',
      );
    case 'EACCES':
    case 'EPERM':
      return new FailureError(`Roadmap file ${file} cannot be read: permission denied.`);
    case 'ELOOP':
      return new FailureError(`Roadmap file ${file} cannot be read: its symbolic links form a loop.`);
    case 'ENOTDIR':
      return new UsageError(`Roadmap file ${file} does not exist: part of its path is a file, not a folder.`);
    case 'EISDIR':
      return new UsageError(`Roadmap file ${file} is a folder, not a regular file.`);
    default:
      return new FailureError(`Roadmap file ${file} cannot be read: ${describeCode(error.code)}.`);
  }
}
