import type { Output } from '../cli/io.js';
import { colorLevel } from './style.js';

/**
 * Shows an ora spinner on stderr while a command waits (for another command's lock, for the
 * learner's server during a check), only on a real, roomy terminal outside CI; ora is imported
 * only then, so the fast paths never pay for it. With `delayMs`, only a wait that lasts that long
 * shows it (a quick check never flickers). Returns how to stop it.
 */
export async function startSpinner(
  text: string,
  stream: Output,
  env: NodeJS.ProcessEnv,
  delayMs = 0,
): Promise<() => void> {
  const usable = stream.isTTY === true && (stream.columns ?? 0) >= 40 && !env.CI && env.TERM !== 'dumb';
  if (!usable) return () => {};
  let stopped = false;
  let stopSpinner = () => {};
  const begin = async () => {
    const { default: ora } = await import('ora');
    if (stopped) return;
    // ora needs a real stream; the usable check above made sure stderr is a terminal.
    // stdin is left alone: ora would put the terminal in raw mode to swallow keys, and Ctrl-C
    // would then reach the command as a keystroke, not as the signal that stops the wait.
    const spinner = ora({
      text,
      stream: process.stderr,
      color: colorLevel(stream, env) > 0 ? 'cyan' : false,
      discardStdin: false,
    }).start();
    stopSpinner = () => spinner.stop();
  };
  let timer: NodeJS.Timeout | undefined;
  if (delayMs > 0) timer = setTimeout(() => void begin(), delayMs);
  else await begin();
  return () => {
    stopped = true;
    clearTimeout(timer);
    stopSpinner();
  };
}
