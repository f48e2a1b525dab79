/** The styles renderers use; chalk's when colour is on, plain text when it is off. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
  magenta(text: string): string;
}

export interface OutputStream {
  isTTY?: boolean;
  columns?: number;
}

/** Lines longer than this are hard to read, whatever the terminal's width. */
const READING_WIDTH = 100;
/** A table's rows are read across, not as prose: they may take a wide terminal's columns up to this. */
export const TABLE_WIDTH = 160;

/**
 * The one colour policy for chalk, ora and the prompts: FORCE_COLOR wins; otherwise colour is
 * off with NO_COLOR, TERM=dumb, or output that is not a terminal. Node's styleText, which the
 * prompts use, follows the same rules.
 */
export function colorLevel(stream: OutputStream, env: NodeJS.ProcessEnv = process.env): 0 | 1 | 2 | 3 {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    const level = Number.parseInt(force, 10);
    return level >= 1 && level <= 3 ? (level as 1 | 2 | 3) : 1;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.TERM === 'dumb' || !stream.isTTY) return 0;
  return env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit' ? 3 : 2;
}

const plain = (text: string) => text;
const NO_COLOR: Style = {
  bold: plain,
  dim: plain,
  green: plain,
  yellow: plain,
  red: plain,
  cyan: plain,
  magenta: plain,
};

/** chalk at the policy's level; chalk is loaded only when there is colour to make. */
export async function createStyle(stream: OutputStream, env: NodeJS.ProcessEnv = process.env): Promise<Style> {
  const level = colorLevel(stream, env);
  if (level === 0) return NO_COLOR;
  const { Chalk } = await import('chalk');
  return new Chalk({ level });
}

/**
 * The width to lay text out in: the terminal's columns (COLUMNS or 80 when not a terminal),
 * at most `max` (READING_WIDTH for prose) and never below 20.
 */
export function terminalWidth(
  stream: OutputStream,
  env: NodeJS.ProcessEnv = process.env,
  max: number = READING_WIDTH,
): number {
  const width = stream.isTTY && stream.columns ? stream.columns : Number(env.COLUMNS) || 80;
  return Math.max(20, Math.min(width, max));
}
