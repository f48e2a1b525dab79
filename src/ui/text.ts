// The fast-* ports measure and wrap like string-width and wrap-ansi without compiling the
// emoji regex at start-up (~50 ms on these machines).
import stringWidth from 'fast-string-width';
import { wrapAnsi } from 'fast-wrap-ansi';

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatHours(hours: number): string {
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1).replace(/\.0$/, '')} h`;
}

// Dates ("Fri 25 Jun 2027") and counts ("13 days", "4.5 h") read as one word: they are kept on
// one line by joining their parts with a no-break space while wrapping.
const KEEP_TOGETHER = /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?: \d{4})?\b|\b\d+(?:\.\d+)? (?:days?|weeks?|h|hours?|stages?|of \d+)\b|\b(?:in progress|on track|as planned)\b/g;
const NBSP = '\u00a0';

let commandName = 'backend-path';

/**
 * Suggested commands are written `backend-path …` in backticks and printed in the form that
 * works in the learner's shell (`npx backend-path …` under npx, for instance); the CLI layer
 * sets that form once, and text is adapted before it is wrapped, so lines keep their width.
 */
export function useCommandName(name: string): void {
  commandName = name;
}

export function adaptCommands(text: string): string {
  return commandName === 'backend-path' ? text : text.replace(/`backend-path(?=[ `])/g, `\`${commandName}`);
}

/**
 * Wraps `text` by words to `width` columns: the first line indented by `indent`, the lines after
 * it by `indent + hang`. Words are never cut; only a token longer than the line (a URL or a path)
 * may overflow, on a line of its own.
 */
export function wrap(text: string, width: number, indent = 0, hang = 0): string {
  const glued = adaptCommands(text).replace(KEEP_TOGETHER, (match) => match.replaceAll(' ', NBSP));
  const first = ' '.repeat(indent);
  const rest = ' '.repeat(indent + hang);
  return glued
    .split('\n')
    .map((paragraph) =>
      wrapAnsi(paragraph, Math.max(10, width - indent - hang), { hard: false, trim: true })
        .split('\n')
        .map((line, i) => (i === 0 ? first : rest) + line)
        .join('\n'),
    )
    .join('\n')
    .replaceAll(NBSP, ' ');
}

/** Pads `text` with spaces to `width` columns, cutting it with an ellipsis when longer. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const length = stringWidth(text);
  if (length <= width) return text + ' '.repeat(width - length);
  // One pass: keep characters while they fit, so a long title costs its length, not its square.
  let cut = '';
  let used = 0;
  for (const char of text) {
    const w = stringWidth(char);
    if (used + w > width - 1) break;
    cut += char;
    used += w;
  }
  return `${cut}${' '.repeat(Math.max(0, width - 1 - used))}…`;
}

export { stringWidth };
