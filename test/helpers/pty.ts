import { spawn } from 'node:child_process';
import { binPath } from './paths.js';
import { isolatedEnv } from './store.js';

// Everything a terminal draws that is not text: CSI and OSC sequences, and carriage returns.
const TERMINAL_CODES = new RegExp(
  `${String.fromCharCode(27)}\\[[0-?]*[ -/]*[@-~]|${String.fromCharCode(27)}\\][^${String.fromCharCode(7)}]*${String.fromCharCode(7)}|\\r`,
  'g',
);

export const KEYS = { enter: '\r', down: '\u001b[B', ctrlC: '\u0003', backspace: '\u007f', tab: '\t' };

/**
 * Runs a shell command line under a real pseudo-terminal (util-linux `script`), so the program
 * sees a TTY on stdin and stdout exactly as a person's terminal would give it. `$BIN` in the
 * line is the built CLI.
 */
export function runInTerminal(line: string, env: Record<string, string>, columns = 80) {
  const command = `stty cols ${columns} rows 40; ${line.replaceAll('$BIN', `"${process.execPath}" "${binPath}"`)}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: { ...isolatedEnv(), TERM: 'xterm-256color', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const screen = () => output.replace(TERMINAL_CODES, '');
  return {
    screen,
    /** Everything the program wrote, terminal codes included. */
    raw: () => output,
    exited,
    /** Waits until `text` has been drawn, then types `keys`. */
    async answer(text: string, ...keys: string[]): Promise<void> {
      const deadline = Date.now() + 60_000;
      while (!screen().includes(text)) {
        if (Date.now() > deadline)
          throw new Error(`The terminal never showed ${JSON.stringify(text)}; it shows:\n${screen()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const key of keys) {
        child.stdin.write(key);
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
    },
  };
}
