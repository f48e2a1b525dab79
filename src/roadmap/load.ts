import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { describeCode, FailureError, RoadmapError, UsageError } from '../errors.js';
import { safeLine } from '../validation/sanitize.js';
import { locateProblems } from '../validation/locate.js';
import type { Roadmap } from './types.js';
import { validateRoadmap } from './validate.js';
import type { RawRoadmap } from './schema.js';

export const MAX_ROADMAP_BYTES = 1024 * 1024;
/** Far more than any honest roadmap uses; an alias bomb needs thousands. */
const MAX_ALIASES = 100;

export interface LoadedRoadmap {
  roadmap: Roadmap;
  /** The validated data, as the build compiles it for the built-in roadmaps. */
  raw: RawRoadmap;
  /** sha256 of the file's bytes, so a later run can tell the file changed. */
  hash: string;
}

const KINDS: [keyof Stats, string][] = [
  ['isDirectory', 'a folder'],
  ['isFIFO', 'a named pipe'],
  ['isCharacterDevice', 'a device'],
  ['isBlockDevice', 'a device'],
  ['isSocket', 'a socket'],
];

/**
 * Reads at most the size limit plus one byte of a regular file. The file is opened without
 * blocking and checked before reading, so a pipe, a device such as /dev/zero or a folder is
 * refused at once instead of hanging or filling memory.
 */
export function readRoadmapBytes(file: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw unreadable(file, error as NodeJS.ErrnoException);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      const kind = KINDS.find(([test]) => (stats[test] as () => boolean).call(stats))?.[1] ?? 'not a regular file';
      throw new UsageError(
        `Roadmap file ${file} is ${kind}, not a regular file.`,
        'Pass a path to a .yaml roadmap file.',
      );
    }
    // Sized by the limit, not by stats.size, which some special files report as 0.
    const buffer = Buffer.allocUnsafe(MAX_ROADMAP_BYTES + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) {
      read = readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (length > MAX_ROADMAP_BYTES)
      throw new FailureError(`Roadmap file ${file} is larger than 1 MiB; roadmaps may be at most 1 MiB.`);
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof FailureError || error instanceof UsageError) throw error;
    throw unreadable(file, error as NodeJS.ErrnoException);
  } finally {
    closeSync(fd);
  }
}

function unreadable(file: string, error: NodeJS.ErrnoException): Error {
  switch (error.code) {
    case 'ENOENT':
      return new UsageError(
        `Roadmap file ${file} does not exist.`,
        'Pass a path to a .yaml roadmap, or a built-in id (see `backend-path roadmaps`).',
      );
    case 'EACCES':
    case 'EPERM':
      return new FailureError(`Roadmap file ${file} cannot be read: permission denied.`);
    case 'ELOOP':
      return new FailureError(`Roadmap file ${file} cannot be read: its symbolic links form a loop.`);
    case 'ENOTDIR':
      return new UsageError(`Roadmap file ${file} does not exist: part of its path is a file, not a folder.`);
    case 'EISDIR':
      return new UsageError(`Roadmap file ${file} is a folder, not a regular file.`);
    default:
      return new FailureError(`Roadmap file ${file} cannot be read: ${describeCode(error.code)}.`);
  }
}

/** Reads a roadmap file: type- and size-checked, parsed, sanitized and validated. */
export function loadRoadmapFile(file: string): LoadedRoadmap {
  const bytes = readRoadmapBytes(file);
  const { roadmap, raw } = parseRoadmap(bytes.toString('utf8'), file);
  return { roadmap, raw, hash: createHash('sha256').update(bytes).digest('hex') };
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

/** Parses and validates roadmap YAML; every problem names `file:line:col` and the field path. */
export function parseRoadmap(source: string, file: string): { roadmap: Roadmap; raw: RawRoadmap } {
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return `${file}:${pos.line}:${pos.col}`;
  };
  let data: unknown;
  try {
    const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      throw new RoadmapError(
        file,
        doc.errors.map((error) => `${at(error.pos[0])} ${describeYamlError(error.message)}`),
      );
    }
    // yaml counts the anchored value itself as one use, so its limit is one above the aliases allowed.
    data = doc.toJS({ maxAliasCount: MAX_ALIASES + 1 });
  } catch (error) {
    if (error instanceof RoadmapError) throw error;
    throw new RoadmapError(file, [describeParseFailure(error, source, file, at)]);
  }
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
  if (!result.ok) throw new RoadmapError(file, locateProblems(source, file, result.problems));
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
