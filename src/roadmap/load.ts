import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { FailureError, RoadmapError, UsageError } from '../errors.js';
import { sanitizeTree } from './sanitize.js';
import type { Roadmap } from './types.js';
import { formatPath, validateRoadmap, type RoadmapProblem } from './validate.js';

const MAX_ROADMAP_BYTES = 1024 * 1024;
/** Far more than any honest roadmap uses; an alias bomb needs thousands. */
const MAX_ALIASES = 100;

export interface LoadedRoadmap {
  roadmap: Roadmap;
  /** sha256 of the file's bytes, so a later run can tell the file changed. */
  hash: string;
}

/** Reads a roadmap file: size-checked, parsed, sanitized and validated. */
export function loadRoadmapFile(file: string): LoadedRoadmap {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`Roadmap file ${file} does not exist.`, 'Pass a path to a .yaml roadmap, or a built-in id (see `backend-path roadmaps`).');
  }
  if (size > MAX_ROADMAP_BYTES) {
    throw new FailureError(`Roadmap file ${file} is ${(size / 1024 / 1024).toFixed(1)} MiB; roadmaps may be at most 1 MiB.`);
  }
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new FailureError(`Roadmap file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`);
  }
  return { roadmap: parseRoadmap(source, file), hash: hashText(source) };
}

function hashText(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

/** Parses and validates roadmap YAML; every problem names `file:line:col` and the field path. */
export function parseRoadmap(source: string, file: string): Roadmap {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new RoadmapError(
      file,
      doc.errors.map((error) => {
        const pos = lineCounter.linePos(error.pos[0]);
        return `${file}:${pos.line}:${pos.col} ${error.message.split('\n')[0]}`;
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    throw new RoadmapError(file, [`${file}: uses too many YAML aliases (at most ${MAX_ALIASES} expansions are allowed)`]);
  }
  const result = validateRoadmap(sanitizeTree(data));
  if (!result.ok) {
    const located = result.problems.map((problem) => ({ problem, offset: locate(doc, problem) }));
    // Reported in file order, so the list reads top to bottom like the file.
    located.sort((a, b) => a.offset - b.offset);
    throw new RoadmapError(
      file,
      located.map(({ problem, offset }) => {
        const pos = lineCounter.linePos(offset);
        const where = problem.path.length > 0 ? `${formatPath(problem.path)} ` : '';
        return `${file}:${pos.line}:${pos.col} ${where}${problem.message}`;
      }),
    );
  }
  return result.roadmap;
}

/** The source offset a problem points at: the field's value, its key, or the nearest parent that exists. */
function locate(doc: Document, problem: RoadmapProblem): number {
  const path = [...problem.path];
  if (problem.key !== undefined) {
    const parent = doc.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === problem.key);
      if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
    }
    path.pop();
  }
  while (path.length > 0) {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return node.range[0];
    path.pop();
  }
  return doc.contents?.range?.[0] ?? 0;
}
