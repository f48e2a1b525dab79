import { LineCounter, parseDocument } from 'yaml';
import { RoadmapError } from '../errors.js';
import { readRoadmapBytes } from './file.js';
import { contentHash } from './hash.js';
import { safeLine } from '../validation/sanitize.js';
import { locateProblems } from '../validation/locate.js';
import type { Roadmap } from './types.js';
import { validateRoadmap } from './validate.js';
import { readQuickly } from './yaml-subset.js';
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
