import { spawn } from 'node:child_process';
import { binPath } from './paths.js';
import { isolatedEnv } from './store.js';

export interface SpawnResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built binary with stdin closed and colour off unless the test's env says otherwise. */
export function runBin(
  args: string[],
  env: Record<string, string | undefined> = {},
  options: { cwd?: string; input?: string } = {},
): Promise<SpawnResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      cwd: options.cwd,
      env: { ...isolatedEnv(), NO_COLOR: '1', ...env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}
