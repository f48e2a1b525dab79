import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeCode, FailureError, UsageError } from '../errors.js';

/**
 * Writes an export where the learner asked. A regular file is replaced through a temporary file
 * and a rename, so a reader never sees half of it and a failed write leaves the old one; a
 * terminal, /dev/null or a pipe with a reader is written into; anything else is refused.
 * `isProtected` names files that must never be overwritten (the progress file and its kin).
 */
export function writeOutputFile(
  file: string,
  text: string,
  isProtected: (path: string) => boolean,
  example = 'plan.txt',
): void {
  if (isProtected(file)) {
    throw new UsageError(`-o ${file} is your progress file, its lock or one of its backups; choose another file name.`);
  }
  let stats: Stats | undefined;
  try {
    stats = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw writeFailure(file, code);
  }
  if (!stats) {
    const folder = dirname(file);
    try {
      if (!statSync(folder).isDirectory()) throw new UsageError(`-o ${file}: ${folder} is not a folder.`);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(
        `-o ${file}: the folder ${folder} does not exist.`,
        'Create it first, or choose another path.',
      );
    }
    return replaceFile(file, text);
  }
  if (stats.isFile()) {
    // Through a symbolic link, the file it points to is replaced and the link kept.
    const target = lstatSync(file).isSymbolicLink() ? realpathSync(file) : file;
    if (isProtected(target))
      throw new UsageError(
        `-o ${file} leads to your progress file, its lock or one of its backups; choose another file name.`,
      );
    refuseReadOnly(file, target, stats);
    return replaceFile(target, text);
  }
  if (stats.isDirectory())
    throw new UsageError(`-o ${file} is a folder; give a file name, e.g. ${join(file, example)}.`);
  if (stats.isCharacterDevice()) return writeInto(file, text, constants.O_WRONLY);
  if (stats.isFIFO()) return writeIntoPipe(file, text);
  throw new UsageError(`-o ${file} is ${stats.isSocket() ? 'a socket' : 'a device'}, not a file; choose a file name.`);
}

/**
 * A file the learner protected (chmod 444), or may not write, is not replaced: the rename that
 * replaces a file needs only the folder's permission, and would ignore the file's own. The mode is
 * read as well as the access check, since the check passes for root whatever the mode says.
 */
function refuseReadOnly(file: string, target: string, stats: Stats): void {
  let writable = (stats.mode & 0o200) !== 0;
  try {
    accessSync(target, constants.W_OK);
  } catch {
    writable = false;
  }
  if (!writable)
    throw new FailureError(
      `-o ${file} is read-only, so it was not replaced.`,
      `Make it writable (chmod u+w "${file}") if you mean to replace it, or choose another file name.`,
    );
}

function replaceFile(file: string, text: string): void {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeInto(temp, text, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, true);
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or already renamed: nothing to clean up.
    }
    if (error instanceof FailureError) throw new FailureError(error.message.replace(temp, file), error.hint);
    throw writeFailure(file, (error as NodeJS.ErrnoException).code);
  }
}

function writeInto(file: string, text: string, flags: number, sync = false): void {
  let fd: number;
  try {
    fd = openSync(file, flags, 0o644);
  } catch (error) {
    throw writeFailure(file, (error as NodeJS.ErrnoException).code);
  }
  try {
    const bytes = Buffer.from(text);
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
    if (sync) fsyncSync(fd);
  } catch (error) {
    throw writeFailure(file, (error as NodeJS.ErrnoException).code);
  } finally {
    closeSync(fd);
  }
}

/** A named pipe is written only when something reads it; otherwise opening it would hang forever. */
function writeIntoPipe(file: string, text: string): void {
  try {
    closeSync(openSync(file, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENXIO')
      throw new FailureError(`-o ${file} is a named pipe with nothing reading from it, so nothing was written.`);
    throw writeFailure(file, (error as NodeJS.ErrnoException).code);
  }
  writeInto(file, text, constants.O_WRONLY);
}

function writeFailure(file: string, code: string | undefined): FailureError {
  return new FailureError(
    `Cannot write ${file}: ${describeCode(code)}. ${code === 'ENOSPC' || code === 'EDQUOT' ? 'Nothing was written.' : ''}`.trim(),
  );
}
