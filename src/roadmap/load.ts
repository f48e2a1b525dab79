import { load as loadQuickly } from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import { RoadmapError } from '../errors.js';
import { readRoadmapBytes } from './file.js';
import { contentHash } from './hash.js';
import { safeLine } from '../validation/sanitize.js';
import { locateProblems } from '../validation/locate.js';
import type { Roadmap } from './types.js';
import { validateRoadmap } from './validate.js';
import type { RawRoadmap } from './schema.js';

/** Far more than any honest roadmap uses; an alias bomb needs thousands. */
const MAX_ALIASES = 100;

export interface LoadedRoadmap {
  roadmap: Roadmap;
  /** The validated data, as the build compiles it for the built-in roadmaps. */
  raw: RawRoadmap;
  /** sha256 of the file's bytes, so a later run can tell the file changed. */
  hash: string;
  /** The bytes themselves, for the compiled form a plan keeps (store/compiled.ts). */
  source: Buffer;
}

/** Reads a roadmap file: type- and size-checked, parsed, sanitized and validated. */
export function loadRoadmapFile(file: string): LoadedRoadmap {
  const bytes = readRoadmapBytes(file);
  const { roadmap, raw } = parseRoadmap(bytes.toString('utf8'), file);
  return { roadmap, raw, hash: contentHash(bytes), source: bytes };
}

/** An alias that points back into its own anchor: the document would contain itself. */
class SelfReference extends Error {}

/** Every string and key of parsed YAML as one clean line; a value that contains itself is refused. */
function sanitizeTree(value: unknown, ancestors: object[] = []): unknown {
  if (typeof value === 'string') return safeLine(value);
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.includes(value)) throw new SelfReference();
  const path = [...ancestors, value];
  if (Array.isArray(value)) return value.map((item) => sanitizeTree(item, path));
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, inner] of Object.entries(value)) out[safeLine(key)] = sanitizeTree(inner, path);
  return out;
}

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
  // A tab; a CR that ends no CRLF; YAML 1.1's line breaks, which JavaScript's regexps also treat
  // as ends of lines; a byte order mark.
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
 * three, or the line's end. One pass over each line, so a hostile line costs no more than its length.
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
 * after it (quotedThenMore), and one whose data holds a
 * key or text yaml would read otherwise (see needsYaml). What is left, both read alike: every
 * document of test/unit/roadmap-yaml.test.ts, random text made of YAML's punctuation included.
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

/** The document as yaml reads it; what is wrong with it as a RoadmapError naming the line. */
function readYaml(source: string, file: string, lineCounter: LineCounter, at: (offset: number) => string): unknown {
  try {
    const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      throw new RoadmapError(
        file,
        doc.errors.map((error) => `${at(error.pos[0])} ${describeYamlError(error.message)}`),
      );
    }
    // yaml counts the anchored value itself as one use, so its limit is one above the aliases allowed.
    return doc.toJS({ maxAliasCount: MAX_ALIASES + 1 });
  } catch (error) {
    if (error instanceof RoadmapError) throw error;
    throw new RoadmapError(file, [describeParseFailure(error, source, file, at)]);
  }
}

/** Parses and validates roadmap YAML; every problem names `file:line:col` and the field path. */
export function parseRoadmap(source: string, file: string): { roadmap: Roadmap; raw: RawRoadmap } {
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return `${file}:${pos.line}:${pos.col}`;
  };
  const data = readQuickly(source) ?? readYaml(source, file, lineCounter, at);
  let clean: unknown;
  try {
    clean = sanitizeTree(data);
  } catch (error) {
    if (!(error instanceof SelfReference)) throw error;
    const alias = /\*[^\s,\]}]+/.exec(source);
    throw new RoadmapError(file, [
      `${alias ? at(alias.index) : file} an alias refers to the map or list it is in, so the document would contain itself`,
    ]);
  }
  const result = validateRoadmap(clean);
  if (!result.ok)
    throw new RoadmapError(file, locateProblems(source, file, result.problems), 1, {
      spanChecked: result.spanChecked,
    });
  return { roadmap: result.roadmap, raw: result.raw };
}

/** What the YAML parser's own exceptions mean, with the line where it can be found. */
function describeParseFailure(error: unknown, source: string, file: string, at: (offset: number) => string): string {
  const message = error instanceof Error ? error.message : String(error);
  const unresolved = /Unresolved alias[^:]*: (\S+)/.exec(message);
  if (unresolved) {
    const name = unresolved[1]!;
    const offset = source.indexOf(`*${name}`);
    return `${offset >= 0 ? at(offset) : file} the alias *${safeLine(name)} names no anchor (&${safeLine(name)}) defined before it`;
  }
  if (/alias count/i.test(message))
    return `${file}: uses YAML aliases more than ${MAX_ALIASES} times (an alias inside an anchored map or list counts once for every use of that map or list)`;
  if (TOO_DEEP.test(message)) return `${at(deepestOffset(source))} ${describeYamlError(message)}`;
  return `${file}: cannot be read as YAML (${safeLine(message)})`;
}

const TOO_DEEP = /Maximum call stack size exceeded/;

/** A parser message in plain words: the first line, and "too deep" for a stack overflow. */
function describeYamlError(message: string): string {
  return TOO_DEEP.test(message) ? 'nests lists or maps too deeply to read' : safeLine(message.split('\n')[0]!);
}

/** Where flow brackets nest deepest: the place a stack-overflowing document is easiest to find. */
function deepestOffset(source: string): number {
  let depth = 0;
  let max = 0;
  let offset = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '[' || c === '{') {
      depth++;
      if (depth > max) [max, offset] = [depth, i];
    } else if (c === ']' || c === '}') depth--;
  }
  return offset;
}
