import { spawn } from 'node:child_process';
import { binPath } from './paths.js';
import { isolatedEnv } from './store.js';

const ESC = String.fromCharCode(27);
const BEL = String.fromCharCode(7);

// Everything a terminal draws that is not text: CSI sequences, OSC sequences (ended by BEL or by
// ESC \), the short escapes (Debian's zshrc turns the keypad on with ESC = at every prompt; a
// charset is chosen with ESC ( B), bells and carriage returns.
const TERMINAL_CODES = new RegExp(
  `${ESC}\\[[0-?]*[ -/]*[@-~]|${ESC}\\][^${BEL}${ESC}]*(${BEL}|${ESC}\\\\)|${ESC}[()*+%#].|${ESC}[^[\\]()*+%#]|${BEL}|\\r`,
  'g',
);

// The start of an escape still being written: held back until it is whole, so the screen only
// ever grows and a place in it stays the same place.
const UNFINISHED_CODE = new RegExp(`${ESC}(\\[[0-?]*[ -/]*|\\][^${BEL}${ESC}]*${ESC}?|[()*+%#])?$`);

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
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  const screen = () => output.replace(UNFINISHED_CODE, '').replace(TERMINAL_CODES, '');
  let seen = 0;
  // Every wait ends, well before the test's own timeout, with the screen in its error: a hang in CI
  // then says where it hung.
  const patience = 60_000;
  const waitFor = async (text: string, from: number): Promise<number> => {
    const deadline = Date.now() + patience;
    let at: number;
    while ((at = screen().indexOf(text, from)) === -1) {
      if (Date.now() > deadline)
        throw new Error(`The terminal never showed ${JSON.stringify(text)}; it shows:\n${screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return at + text.length;
  };
  const type = async (keys: string[]) => {
    for (const key of keys) {
      child.stdin.write(key);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
  };
  return {
    screen,
    /** Everything the program wrote, terminal codes included. */
    raw: () => output,
    /** The exit code, once the program has ended; if it never ends, an error with the screen. */
    get exited(): Promise<number | null> {
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`The terminal's program never ended; the terminal shows:\n${screen()}`));
        }, patience);
      });
      return Promise.race([closed, hung]).finally(() => clearTimeout(timer));
    },
    /** Waits until `text` has been drawn anywhere on the screen, then types `keys`. */
    async answer(text: string, ...keys: string[]): Promise<void> {
      await waitFor(text, 0);
      await type(keys);
    },
    /**
     * Waits until `text` is drawn after what the previous wait found, then types `keys`: a shell's
     * next prompt, not the one already on the screen, as a person waits for it before typing.
     */
    async next(text: string, ...keys: string[]): Promise<void> {
      seen = await waitFor(text, seen);
      await type(keys);
    },
    /**
     * Whether, within `within` ms, the screen comes to end with `text` and then draws nothing more
     * for a moment: a shell's fresh prompt, idle and reading. The next wait starts at that text.
     * A prompt drawn again with the old line after it does not count: the screen ends elsewhere.
     */
    async restsAt(text: string, within: number): Promise<boolean> {
      const deadline = Date.now() + within;
      let last = '';
      let since = Date.now();
      while (Date.now() < deadline) {
        const now = screen();
        if (now !== last) [last, since] = [now, Date.now()];
        else if (now.endsWith(text) && Date.now() - since >= 300) {
          seen = now.length - text.length;
          return true;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return false;
    },
    /**
     * Presses Ctrl-C until the shell rests at an empty `prompt`, as a person would: a shell that
     * takes the Ctrl-C while it still completes (fish drawing a suggestion, a loaded bash finishing)
     * stops the completion and draws the line again, and a second Ctrl-C drops it.
     */
    async dropLine(prompt: string): Promise<void> {
      const deadline = Date.now() + patience;
      while (Date.now() < deadline) {
        await type([KEYS.ctrlC]);
        if (await this.restsAt(prompt, 2000)) return;
      }
      throw new Error(`Ctrl-C never brought back an empty ${JSON.stringify(prompt)}; the terminal shows:\n${screen()}`);
    },
  };
}
