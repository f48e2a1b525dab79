import { FailureError } from './errors.js';

/** A stream the CLI writes to: process.stdout and process.stderr, or a test's collector. */
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
  stdinIsTTY: boolean;
  now: () => Date;
  /** The script the program was started as (process.argv[1]), to print commands the learner can paste. */
  script?: string;
}

export function processIo(): Io {
  return {
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: process.stdin.isTTY === true,
    now: () => new Date(),
    script: process.argv[1],
  };
}

/**
 * Writes and waits until the text is handed over, so a full disk or a closed pipe is known
 * before the command reports success. A reader that went away (EPIPE) is not a failure.
 */
export function writeText(stream: Output, text: string): Promise<void> {
  if (text === '') return Promise.resolve();
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => {
      if (!error || (error as NodeJS.ErrnoException).code === 'EPIPE') resolve();
      else reject(new FailureError(`Could not write the output: ${(error as NodeJS.ErrnoException).code === 'ENOSPC' ? 'the disk is full' : error.message}.`));
    });
  });
}
