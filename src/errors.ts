import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getSystemErrorMap } from 'node:util';

/**
 * Errors a command throws on purpose. The CLI layer prints `message` (and `hint`) and exits
 * with `exitCode`; anything else is a bug and is reported as one.
 */
export class CliError extends Error {
  readonly exitCode: number;
  readonly hint: string | undefined;

  constructor(message: string, exitCode: number, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

/** What the user typed, quoted for a message: cut at 40 characters, so a 100,000-character value stays one line. */
export function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** The user asked for something the command does not accept: exit 2. */
export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, 2, hint);
  }
}

/**
 * Something retyping the command does not fix: a damaged or unreadable file, or a command that
 * is well formed but that the saved state refuses (a session already running, a skipped stage,
 * nothing left to replan). Exit 1.
 */
export class FailureError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, 1, hint);
  }
}

/**
 * A value breaks one of the coach's rules (a date outside the plan, a plan past the last
 * supported year). The domain throws it without knowing about exit codes' meaning to a shell;
 * like a usage error, it exits 2.
 */
export class RuleError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, 2, hint);
  }
}

/** The user pressed Ctrl-C (exit 130), or the command was told to stop (SIGTERM: exit 143). */
export class CancelledError extends CliError {
  constructor(message: string, exitCode: 130 | 143 = 130) {
    super(message, exitCode);
  }
}

/** The learner answered no to a question: nothing was changed, and that is not a failure (exit 0). */
export class Declined extends CliError {
  constructor(message: string, hint?: string) {
    super(message, 0, hint);
  }
}

/**
 * The command has already printed its outcome (e.g. a failing `roadmaps validate` or `check`)
 * and only the exit code is left to set.
 */
export class AlreadyReported extends CliError {
  constructor(exitCode = 1) {
    super('', exitCode);
  }
}

/**
 * Where the roadmap format is written down: the installed package's roadmaps/README.md, found
 * from the program's own file (a link, as npx and a global install make, is followed), so the
 * path opens from any folder.
 */
function roadmapFormatFile(): string {
  try {
    const file = join(dirname(realpathSync(process.argv[1]!)), '..', 'roadmaps', 'README.md');
    if (existsSync(file)) return file;
  } catch {
    // No program file to go from (a test runner): the path inside the package.
  }
  return "roadmaps/README.md in backend-path's folder";
}

/** A roadmap file broke the format: one line per problem, each with file:line:col and field path. */
export class RoadmapError extends CliError {
  readonly problems: string[];
  /** Said when the problems found stopped the checks that span fields from running. */
  readonly later: string | null;

  constructor(file: string, problems: string[], exitCode = 1, { spanChecked = true } = {}) {
    const later = spanChecked ? null : LATER_CHECKS;
    super(
      `${file} is not a valid roadmap (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n` +
        problems.map((p) => `  ${p}`).join('\n'),
      exitCode,
      `${later ? `${later} ` : ''}The roadmap format is described in ${roadmapFormatFile()}.`,
    );
    this.problems = problems;
    this.later = later;
  }
}

/** What a roadmap file's check leaves for when its shape is right. */
const LATER_CHECKS =
  'Repeated stage ids, unknown tracks, stages named by at: and unknown ${variables} are checked once these are fixed.';
/** Words for the error codes a learner's files and folders meet, where the system's own are terse. */
const CODE_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a folder',
  ENOTDIR: 'part of its path is a file, not a folder',
  ENOENT: 'it does not exist',
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  ELOOP: 'its symbolic links form a loop',
  ENAMETOOLONG: 'its name is too long for the file system',
  ENXIO: 'it is a device or socket that cannot be opened as a file',
  ENODEV: 'it is a device that cannot be opened as a file',
  EINVAL: 'the file system does not allow that here',
  EIO: 'the disk reported an input/output error',
  EBUSY: 'it is in use by the system',
  EEXIST: 'something of that name is already there',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EFBIG: 'the file would be too large',
  EXDEV: 'it is on another file system',
  ETXTBSY: 'it is a program that is running',
  EAGAIN: 'it is busy; try again',
  ENOTEMPTY: 'the folder is not empty',
  ESTALE: 'the network file system lost track of it',
};

/**
 * A system error code in plain words, for the sentence that tells the learner what went wrong:
 * ours for the common ones, the system's own description (from libuv) for the rest, so no
 * message shows a bare ENXIO or EINVAL.
 */
export function describeCode(code: string | undefined): string {
  if (code === undefined) return 'an unknown error';
  const words = CODE_WORDS[code];
  if (words) return words;
  for (const [name, description] of getSystemErrorMap().values()) if (name === code) return description;
  return `an error the system calls ${code}`;
}
