import { spawn } from 'node:child_process';

export interface ProcessOutput {
  text: string;
  /** True when the output passed its cap and git was stopped: the text is the part read. */
  truncated: boolean;
}

export interface ProcessOptions {
  cwd: string;
  /** Most bytes of output to keep; the program is stopped past it. */
  maxBytes?: number;
  /** Most time the program may run; it is stopped after it. */
  timeoutMs?: number;
  /** Written to the program's standard input. */
  input?: string;
}

/** The program failed: its first line of complaint, or the reason it could not run. */
export class ProcessFailed extends Error {
  /** True when the program is not installed at all. */
  readonly missing: boolean;
  /** Everything it said on stderr (the first 4 KB), for programs whose last line is the one that matters. */
  readonly stderr: string;

  constructor(message: string, missing = false, stderr = '') {
    super(message);
    this.missing = missing;
    this.stderr = stderr;
  }
}

const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * Runs a program (git, docker) with bounded output and time, never prompting, with messages in
 * English so their meaning can be recognised.
 */
export function runBounded(command: string, args: readonly string[], options: ProcessOptions): Promise<ProcessOutput> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', LANGUAGE: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (truncated) return;
      chunks.push(chunk);
      size += chunk.length;
      if (size > maxBytes) {
        truncated = true;
        child.kill();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new ProcessFailed(
          error.code === 'ENOENT' ? `${command} is not installed` : error.message,
          error.code === 'ENOENT',
        ),
      ),
    );
    child.on('close', (code, signal) => {
      const text = Buffer.concat(chunks)
        .subarray(0, truncated ? maxBytes : undefined)
        .toString('utf8');
      if (truncated) return resolve({ text, truncated });
      if (signal)
        return reject(new ProcessFailed(`${command} ${args[0]} took longer than ${timeoutMs / 1000} seconds`));
      if (code !== 0)
        return reject(
          new ProcessFailed(
            stderr
              .split('\n')
              .find((line) => line.trim() !== '')
              ?.replace(/^(fatal|error): /, '') ?? `${command} ${args[0]} failed`,
            false,
            stderr,
          ),
        );
      resolve({ text, truncated: false });
    });
  });
}

/** git reading a learner's repository: paths written as they are, never taking optional locks. */
export const git = (args: readonly string[], options: ProcessOptions) =>
  runBounded('git', ['-c', 'core.quotepath=off', ...args], options);
