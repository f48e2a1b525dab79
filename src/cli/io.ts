import { fstatSync, statSync, writeSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { describeCode, FailureError } from '../errors.js';

/** A stream the CLI writes to: stdout and stderr, or a test's collector. */
export interface Output {
  write(chunk: string, callback?: (error?: Error | null) => void): boolean;
  isTTY?: boolean;
  columns?: number;
}

/** Everything the CLI takes from its process, so tests can run it in-process with their own. */
export interface Io {
  /** The words after the program name. */
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: Output;
  stderr: Output;
  /** Whether stdin is a terminal: asked only by commands that may ask questions. */
  stdinIsTTY: () => boolean;
  now: () => Date;
  /** The script the program was started as (process.argv[1]), to print commands the learner can paste. */
  script?: string;
}

/**
 * Whether `fd` is a terminal. Only a character device can be one, and /dev/null (where
 * benchmarks and scheduled jobs send output) is one that is not: both are told by a stat,
 * without making the stream.
 */
export function isTerminal(fd: number, stream: () => NodeJS.WriteStream): boolean {
  const stats = fstatSync(fd);
  if (!stats.isCharacterDevice()) return false;
  try {
    if (process.platform !== 'win32' && stats.rdev !== 0 && stats.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    // No /dev/null to compare with: the stream knows.
  }
  return stream().isTTY === true;
}

/**
 * Standard output (or error) written straight to its file descriptor. Node's process.stdout is
 * a stream whose creation loads the stream and net machinery (a few milliseconds of every
 * start); the stream is only made when the descriptor is a terminal, for its width. A reader
 * that went away (EPIPE) ends the writing quietly.
 */
function fdOutput(fd: number, stream: () => NodeJS.WriteStream): Output {
  let tty: boolean | undefined;
  let closed = false;
  const isTTY = () => (tty ??= isTerminal(fd, stream));
  return {
    write(chunk, callback) {
      const bytes = Buffer.from(chunk);
      let error: NodeJS.ErrnoException | null = null;
      for (let done = 0; done < bytes.length && !closed;) {
        try {
          done += writeSync(fd, bytes, done);
        } catch (caught) {
          const code = (caught as NodeJS.ErrnoException).code;
          // A pipe that is full for now: wait a moment (without spinning) and go on.
          if (code === 'EAGAIN') {
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
            continue;
          }
          if (code === 'EPIPE') closed = true;
          else error = caught as NodeJS.ErrnoException;
          break;
        }
      }
      callback?.(error);
      return error === null;
    },
    get isTTY() {
      return isTTY();
    },
    get columns() {
      return isTTY() ? stream().columns : undefined;
    },
  };
}

/**
 * The working folder. One deleted under the shell has no name the system will give, so the
 * shell's own word for it (PWD) stands in: relative paths are then reported missing there, and
 * everything else, the prompt line first, works as anywhere.
 */
export function workingFolder(env: NodeJS.ProcessEnv = process.env): string {
  try {
    return process.cwd();
  } catch {
    return env.PWD && isAbsolute(env.PWD) ? env.PWD : '/';
  }
}

export function processIo(): Io {
  return {
    argv: process.argv.slice(2),
    env: process.env,
    cwd: workingFolder(),
    stdout: fdOutput(1, () => process.stdout),
    stderr: fdOutput(2, () => process.stderr),
    // Asked lazily: creating the stdin stream costs a few milliseconds that most commands never need.
    stdinIsTTY: () => process.stdin.isTTY === true,
    now: () => new Date(),
    script: process.argv[1],
  };
}

/**
 * Writes and waits until the text is handed over, so a full disk is known before the command
 * reports success. A reader that went away (EPIPE) is not a failure.
 */
export function writeText(stream: Output, text: string): Promise<void> {
  if (text === '') return Promise.resolve();
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => {
      if (!error || (error as NodeJS.ErrnoException).code === 'EPIPE') resolve();
      else reject(outputLost(error));
    });
  });
}

/** The same io with what it writes to stdout recorded too: what the loader may keep (kept.ts). */
export function recordingStdout(io: Io): { io: Io; printed: () => string } {
  let printed = '';
  const stdout: Output = Object.create(io.stdout, {
    write: {
      value: (chunk: string, done?: (error?: Error | null) => void) => (
        (printed += chunk),
        io.stdout.write(chunk, done)
      ),
    },
  });
  return { io: { ...io, stdout }, printed: () => printed };
}

/** The same io with every stdout write watched; `lost()` is the failure to report if one failed. */
export function watchStdout(io: Io): { watched: Io; lost: () => FailureError | undefined } {
  let lost: NodeJS.ErrnoException | undefined;
  const stdout: Output = Object.create(io.stdout, {
    write: {
      value: (chunk: string, done?: (error?: Error | null) => void) =>
        io.stdout.write(chunk, (error) => ((lost ??= error ?? undefined), done?.(error))),
    },
  });
  return {
    watched: { ...io, stdout },
    lost: () => lost && outputLost(lost),
  };
}

function outputLost(error: NodeJS.ErrnoException): FailureError {
  return new FailureError(`Could not write the output: ${error.code ? describeCode(error.code) : error.message}.`);
}
