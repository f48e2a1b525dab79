// The fast-* ports measure and wrap like string-width and wrap-ansi without compiling the
// emoji regex at start-up (~50 ms on these machines).
import stringWidth from 'fast-string-width';
import { wrapAnsi } from 'fast-wrap-ansi';

/** Pads `text` with spaces to `width` terminal columns, cutting it with an ellipsis when longer. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const length = stringWidth(text);
  if (length <= width) return text + ' '.repeat(width - length);
  let cut = text;
  while (cut.length > 0 && stringWidth(cut) > width - 1) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Wraps `text` to `width` columns and indents every line by `indent` spaces. */
export function wrap(text: string, width: number, indent = 0): string {
  const pad = ' '.repeat(indent);
  return wrapAnsi(text, Math.max(10, width - indent), { hard: true, trim: true })
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}

export function formatHours(hours: number): string {
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1).replace(/\.0$/, '')} h`;
}
