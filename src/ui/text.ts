// The fast-* ports measure and wrap like string-width and wrap-ansi without compiling the
// emoji regex at start-up (~50 ms on these machines).
import stringWidth from 'fast-string-width';
import { wrapAnsi } from 'fast-wrap-ansi';
import { roundHours } from '../plan/schedule.js';
import { adaptCommands } from './command-name.js';

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "45 min", "1 h 30 min", "2 h". */
export const duration = (minutes: number): string => {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
};

/** Hours as a duration, to the minute: 1.5 → "1 h 30 min", 0.25 → "15 min", 2 → "2 h". */
export const formatDuration = (hours: number): string => duration(Math.round(hours * 60));

/**
 * Hours as the figures hold them, to two decimals (4.75 h, 6.31 h, 0.98 h): the same number the
 * JSON gives, and parts that add up to their whole (4.75 h logged and 39.25 h to go of 44 h).
 */
export function formatHours(hours: number): string {
  return `${roundHours(hours)} h`;
}

// Dates ("Fri 25 Jun 2027"), counts ("13 days", "4.5 h") and short commands in backticks read
// as one word: the spaces inside them are not places to break a line. Each may start right after
// a colour code (which ends in a letter, so \b alone would not see the word start there).
const KEEP_TOGETHER =
  // eslint-disable-next-line no-control-regex -- a colour code's escape is what the lookbehind matches.
  /(?:\b|(?<=\u001b\[[0-9;]*m))(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?: \d{4})?\b|\d+(?:\.\d+)? (?:days?|weeks?|h|hours?|stages?|of \d+)\b|(?:in progress|on track|as planned)\b(?!\.\w))/g;
const IN_BACKTICKS = /`[^`\n]+`/g;
const NBSP = '\u00a0';

// Latin text and the few symbols backend-path prints are one column each; measuring them needs
// no Unicode tables (whose regular expressions cost a millisecond to compile on first use).
const NARROW =
  /^[\x20-\x7e\u00a0-\u02ff\u00b7\u2022\u2013\u2014\u2026\u2192\u2714\u2716\u25b6\u25cf\u2610\u2588\u2591]*$/;
// Colour codes and terminal links take no columns.
// eslint-disable-next-line no-control-regex -- escape sequences are what this matches.
const ZERO_WIDTH = /\u001b\[[0-9;]*m|\u001b\]8;[^\u0007]*\u0007/g;

/**
 * Wraps `text` by words to `width` columns: the first line of each paragraph indented by
 * `indent`, the lines after it by `indent + hang`. Words are never cut; only a token longer than
 * the line (a URL or a path) may overflow, on a line of its own.
 */
export function wrap(text: string, width: number, indent = 0, hang = 0): string {
  const room = Math.max(10, width - indent - hang);
  const first = ' '.repeat(indent);
  const rest = ' '.repeat(indent + hang);
  let out = '';
  let separator = '';
  for (const paragraph of adaptCommands(text).split('\n')) {
    const rows = rowsOf(paragraph, room);
    for (let i = 0; i < rows.length; i++) {
      out += `${separator}${i === 0 ? first : rest}${rows[i]}`;
      separator = '\n';
    }
  }
  return out;
}

/**
 * A label with `text` wrapped beside it, every row of the text starting at one column (`indent`,
 * the label's width and a space), so the first row is as wide as the others. Where that leaves
 * the text fewer than 20 columns, it runs on from the label, its rows hanging by 2. `label` is
 * plain text (its width is its length); `paint` styles it.
 */
export function labelled(
  label: string,
  text: string,
  width: number,
  { indent = 0, paint = (plain: string) => plain }: { indent?: number; paint?: (plain: string) => string } = {},
): string {
  const column = indent + label.length + 1;
  if (width - column < 20) return wrap(`${paint(label.trimEnd())} ${text}`, width, indent, 2).trimEnd();
  return `${' '.repeat(indent)}${paint(label)} ${wrap(text, width, column).slice(column)}`.trimEnd();
}

/**
 * A paragraph's rows, broken as wrap-ansi breaks them with `hard: false, trim: true` (a word
 * longer than the line gets a line of its own; rows lose their leading and trailing spaces). The
 * spaces that must not break are no-break spaces meanwhile, and spaces again in the rows.
 */
function rowsOf(paragraph: string, room: number): string[] {
  // One column a character, no colour codes and no no-break spaces of its own (which a row would
  // lose at its ends, as any space): nearly everything backend-path prints.
  const plain = NARROW.test(paragraph) && !paragraph.includes(NBSP);
  let glued = paragraph.includes('`')
    ? paragraph.replace(IN_BACKTICKS, (match) => (match.length <= room ? match.replaceAll(' ', NBSP) : match))
    : paragraph;
  glued = glued.replace(KEEP_TOGETHER, (match) => match.replaceAll(' ', NBSP));
  const rows = plain
    ? cutRows(glued, room)
    : (coloredRows(glued, room) ?? wrapAnsi(glued, room, { hard: false, trim: true }).split('\n'));
  return plain && glued === paragraph ? rows : rows.map((row) => row.replaceAll(NBSP, ' '));
}

/**
 * Greedy word wrap of one-column text by positions: each row ends at the last space that leaves
 * it `room` columns or fewer, or after its first word when that word alone is longer. A search
 * for a space per row replaces strings built per word: wrapping word by word, `next` allocated
 * 1030 KB in V8's young generation, one garbage collection's worth, and now 877 KB, none.
 */
function cutRows(text: string, room: number): string[] {
  const rows: string[] = [];
  let start = afterSpaces(text, 0);
  while (start < text.length) {
    let cut = text.length - start <= room ? text.length : text.lastIndexOf(' ', start + room);
    if (cut <= start) {
      const space = text.indexOf(' ', start);
      cut = space === -1 ? text.length : space;
    }
    rows.push(text.slice(start, cut).trimEnd());
    start = afterSpaces(text, cut);
  }
  return rows.length === 0 ? [''] : rows;
}

/** The position of the first character from `at` on that is not a space. */
function afterSpaces(text: string, at: number): number {
  while (text.charCodeAt(at) === 32) at++;
  return at;
}

/**
 * The same word wrap, word by word, for a paragraph that is not plain: colour codes measure as
 * nothing (a colour may continue past a line break, which terminals carry over to the next
 * line); undefined for text with a character that is not one column wide.
 */
function coloredRows(paragraph: string, room: number): string[] | undefined {
  const rows: string[] = [];
  let row = '';
  let used = 0;
  for (const word of paragraph.split(' ')) {
    const plain = word.includes('\u001b') ? word.replace(ZERO_WIDTH, '') : word;
    if (!NARROW.test(plain)) return undefined;
    if (used === 0) {
      row = row === '' ? word : `${row}${word}`;
      used = plain.length;
    } else if (used + 1 + plain.length <= room || plain.length === 0) {
      row += ` ${word}`;
      used += 1 + plain.length;
    } else {
      rows.push(row);
      row = word;
      used = plain.length;
    }
  }
  rows.push(row);
  return rows.map((line) => line.trim());
}

/** Terminal columns of a text without escape sequences. */
function displayWidth(text: string): number {
  return NARROW.test(text) ? text.length : stringWidth(text);
}

/** Pads `text` with spaces to `width` columns, cutting it with an ellipsis when longer. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const length = displayWidth(text);
  if (length <= width) return text + ' '.repeat(width - length);
  // One pass: keep characters while they fit, so a long title costs its length, not its square.
  let cut = '';
  let used = 0;
  for (const char of text) {
    const w = displayWidth(char);
    if (used + w > width - 1) break;
    cut += char;
    used += w;
  }
  return `${cut}${' '.repeat(Math.max(0, width - 1 - used))}…`;
}
