import { spawn } from 'node:child_process';

export interface GitOutput {
  text: string;
  /** True when the output passed its cap and git was stopped: the text is the part read. */
  truncated: boolean;
}

export interface GitOptions {
  cwd: string;
  /** Most bytes of output to keep; git is stopped past it. */
  maxBytes?: number;
  /** Most time git may run; it is stopped after it. */
  timeoutMs?: number;
  /** Written to git's standard input. */
  input?: string;
}

/** Git failed: its first line of complaint, or the reason it could not run. */
export class GitFailed extends Error {}

const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * Runs git with bounded output and time, for reading a learner's repository: never prompting,
 * never taking optional locks, with messages in English so their meaning can be recognised.
 */
export function git(args: readonly string[], options: GitOptions): Promise<GitOutput> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-c', 'core.quotepath=off', ...args], {
      cwd: options.cwd,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', LANGUAGE: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
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
    child.on('error', (error: NodeJS.ErrnoException) => reject(new GitFailed(error.code === 'ENOENT' ? 'git is not installed' : error.message)));
    child.on('close', (code, signal) => {
      const text = Buffer.concat(chunks).subarray(0, truncated ? maxBytes : undefined).toString('utf8');
      if (truncated) return resolve({ text, truncated });
      if (signal) return reject(new GitFailed(`git ${args[0]} took longer than ${(options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} seconds`));
      if (code !== 0) return reject(new GitFailed(stderr.split('\n').find((line) => line.trim() !== '')?.replace(/^(fatal|error): /, '') ?? `git ${args[0]} failed`));
      resolve({ text, truncated: false });
    });
  });
}
