import { colorLevel, type OutputStream } from './style.js';

export interface Spinner {
  stop(): void;
}

/**
 * Shows an ora spinner on stderr around slow work, only on a real, roomy terminal outside CI;
 * ora is imported only then, so the fast paths never pay for it.
 */
export async function startSpinner(text: string, stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Promise<Spinner> {
  const usable = (stream as OutputStream).isTTY === true && (stream.columns ?? 0) >= 40 && !env.CI && env.TERM !== 'dumb';
  if (!usable) return { stop: () => {} };
  const { default: ora } = await import('ora');
  const spinner = ora({ text, stream, color: colorLevel(stream, env) > 0 ? 'cyan' : false }).start();
  return { stop: () => spinner.stop() };
}
