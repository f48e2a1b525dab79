// The part of YAML that js-yaml reads as yaml does, for reading large roadmap files quickly:
// src/roadmap/load.ts gives a file to yaml whenever readQuickly says undefined.
import { load as loadQuickly } from 'js-yaml';

/**
 * Text js-yaml reads otherwise than yaml, or accepts where yaml refuses the file, as comparing the
 * two on millions of random documents found; each is rare in a roadmap, so such a file is read by
 * yaml, as every file was before.
 */
const YAML_ONLY = [
  // A directive: under `%YAML 1.1`, yaml reads yes as true.
  /^%/m,
  // A document marker where no document starts.
  /^ *\.\.\.|^ +---/m,
  // A tag or an anchor.
  /(?:^|[\s[{,])(?:!|&\S)/m,
  // A tab; a CR that ends no CRLF; YAML 1.1's line breaks (U+0085, U+2028, U+2029); a byte
  // order mark.
  /[\t\u0085\u2028\u2029\uFEFF]|\r(?!\n)/,
  // An escaped line break in a quoted text.
  /\\\r?\n/,
  // A block scalar's indentation indicator, or its final lines kept.
  /[|>][+-]?[1-9]|[|>]\+/,
];
/**
 * Whether a line has a quoted text with more after it, as in `- "a"b` or `- 'a' : b`: yaml
 * refuses it and js-yaml reads it. A quoted text starts a line or follows `- `, `: `, `? `, `[`,
 * `{` or `,`; after it may come `:`, `,`, `]`, `}`, or spaces and then a comment, one of those
 * three, or the line's end. One pass over each line, so a hostile line costs no more than its
 * length.
 */
function quotedThenMore(source: string): boolean {
  return source.split('\n').some(lineHasQuotedThenMore);
}

function lineHasQuotedThenMore(line: string): boolean {
  let startsText = true;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ') continue;
    if (startsText && (c === '"' || c === "'")) {
      const end = closingQuote(line, i);
      if (end < 0) return false;
      if (!endsText(line, end + 1)) return true;
      i = end;
      startsText = false;
    } else if (c === '#' && (i === 0 || line[i - 1] === ' ')) return false;
    else startsText = c === '[' || c === '{' || c === ',' || ('-:?'.includes(c) && line[i + 1] === ' ');
  }
  return false;
}

/** Where the quoted text starting at `start` ends on its line, or -1 if it goes on to the next. */
function closingQuote(line: string, start: number): number {
  const quote = line[start];
  for (let j = start + 1; j < line.length; j++) {
    if (quote === '"' && line[j] === '\\') j++;
    else if (line[j] === quote) {
      if (quote === "'" && line[j + 1] === "'") j++;
      else return j;
    }
  }
  return -1;
}

/** Whether what follows a quoted text at `at` may follow one. */
function endsText(line: string, at: number): boolean {
  let j = at;
  if (j < line.length && ':,]}'.includes(line[j]!)) return true;
  while (line[j] === ' ') j++;
  return j >= line.length || line[j] === '\r' || '#,]}'.includes(line[j]!);
}

/** What yaml reads as a number: js-yaml leaves one too large for a double (1e400) as text. */
const NUMBER_LIKE = /^[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?$|^0x[0-9a-fA-F]+$|^0o[0-7]+$/;
/** yaml refuses an implicit key longer than this; js-yaml does not. */
const LONGEST_KEY = 1024;

/**
 * The document as js-yaml reads it, or undefined for yaml to read instead, as it read every file
 * before: a file js-yaml refuses (yaml then says what is wrong), one with an alias (yaml counts
 * them), one that is empty or null, one with any text of YAML_ONLY or a quoted text with more
 * after it (quotedThenMore), and one whose data holds a key or text yaml would read otherwise
 * (needsYaml). What is left, both read alike: every document of test/unit/roadmap-yaml.test.ts,
 * random text made of YAML's punctuation included.
 * js-yaml reads a 10,000-stage file (448 KB) in 160 ms where yaml takes 650 ms and 50 MiB more: a
 * plan on that file took 1.32 s with yaml alone and 0.75 s so (Node 20; docs/speed.md).
 */
export function readQuickly(source: string): unknown {
  if (YAML_ONLY.some((pattern) => pattern.test(source)) || quotedThenMore(source)) return undefined;
  let data: unknown;
  try {
    data = loadQuickly(source, { maxAliases: 0 });
  } catch {
    return undefined;
  }
  return data == null || needsYaml(data) ? undefined : data;
}

/**
 * Whether the data holds what yaml would have read otherwise: a key named null (yaml calls a key
 * written ~, null or nothing ""), a key too long for yaml, or text that may be a number js-yaml
 * could not hold (a quoted "12" too: it is only read the slower way).
 */
function needsYaml(value: unknown): boolean {
  if (typeof value === 'string') return NUMBER_LIKE.test(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(needsYaml);
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'null' || key.length > LONGEST_KEY || NUMBER_LIKE.test(key) || needsYaml(inner)) return true;
  }
  return false;
}
