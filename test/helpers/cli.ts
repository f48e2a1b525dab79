import { Writable } from 'node:stream';
import { main } from '../../src/cli/run.js';
import type { Io } from '../../src/cli/io.js';
import { isolatedEnv, tempDir } from './store.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

class Collector extends Writable {
  text = '';
  isTTY: boolean;
  columns: number | undefined;
  constructor(tty: boolean, columns?: number) {
    super();
    this.isTTY = tty;
    this.columns = columns;
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Columns of a pretend terminal on stdout; without it stdout is not a terminal. */
  columns?: number;
  /**
   * A terminal to ask on (stdin and stderr are terminals), for tests that replace the one prompt
   * module (src/ui/prompts.ts) with scripted answers.
   */
  terminal?: boolean;
  /** The path the binary was started by (process.argv[1]); none by default. */
  script?: string;
}

/**
 * Runs the CLI in this process, as the binary would, with its own streams, environment and a
 * progress folder of the caller's (a fresh one by default). Colour is off unless the env says.
 */
export async function run(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const stdout = new Collector(options.columns !== undefined, options.columns);
  const stderr = new Collector(options.terminal === true);
  const io: Io = {
    argv: args,
    env: {
      NO_COLOR: '1',
      BACKEND_PATH_TODAY: '2026-11-23',
      BACKEND_PATH_CONFIG_DIR: options.env && 'BACKEND_PATH_CONFIG_DIR' in options.env ? undefined : tempDir(),
      PATH: process.env.PATH,
      HOME: isolatedEnv().HOME,
      ...options.env,
    },
    cwd: options.cwd ?? process.cwd(),
    stdout,
    stderr,
    stdinIsTTY: () => options.terminal === true,
    now: () => new Date('2026-11-23T12:00:00Z'),
    script: options.script,
  };
  const code = await main(io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A learner's session: every run shares one progress folder and moves through the days given. */
export function learner(env: Record<string, string> = {}) {
  const dir = tempDir();
  return (args: string[], today = '2026-11-23', options: RunOptions = {}) =>
    run(args, { ...options, env: { BACKEND_PATH_CONFIG_DIR: dir, BACKEND_PATH_TODAY: today, ...env, ...options.env } });
}

/** A command's --json output, for assertions on its documented shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the document holds.
export const json = (text: string): any => JSON.parse(text);
