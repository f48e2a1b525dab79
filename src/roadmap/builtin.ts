import { resolve } from 'node:path';
import { quoted, UsageError } from '../errors.js';
import type { Roadmap } from './types.js';
import { BUILTIN_SOURCES } from './builtin-sources.js';

export const DEFAULT_ROADMAP = 'backend';

const cache = new Map<string, Roadmap>();

/** The ids of the shipped roadmaps, default first. */
function builtinIds(): string[] {
  const ids = Object.keys(BUILTIN_SOURCES);
  return ids.sort((a, b) => (a === DEFAULT_ROADMAP ? -1 : b === DEFAULT_ROADMAP ? 1 : a < b ? -1 : 1));
}

/** One shipped roadmap, or undefined for an id that names none. */
export async function findBuiltin(id: string): Promise<Roadmap | undefined> {
  let roadmap = cache.get(id);
  if (!roadmap) {
    if (!Object.hasOwn(BUILTIN_SOURCES, id)) return undefined;
    roadmap = BUILTIN_SOURCES[id]!();
    cache.set(id, roadmap);
  }
  return roadmap;
}

/** The shipped roadmaps, default first. */
export async function builtinRoadmaps(): Promise<Roadmap[]> {
  const roadmaps = await Promise.all(builtinIds().map((id) => findBuiltin(id)));
  return roadmaps.filter((r): r is Roadmap => r !== undefined);
}

/** A roadmap named on the command line: a built-in id, or a path to a YAML file. */
export interface ResolvedRoadmap {
  roadmap: Roadmap;
  /**
   * Set for a roadmap file: its absolute path, content hash and bytes, and whether the roadmap
   * came from the compiled form kept for exactly those bytes (then there is nothing to keep again).
   */
  file?: { path: string; hash: string; source: Buffer; kept?: boolean };
}

function looksLikePath(name: string): boolean {
  return /[/\\]/.test(name) || /\.ya?ml$/i.test(name);
}

/**
 * `kept`, for a command that makes a plan, gives the roadmap a file's bytes were compiled to
 * before, if that form was kept (store/compiled.ts): then the file is not parsed again, and
 * planning again on an unchanged 10,000-stage file skips most of a second of YAML.
 */
export async function resolveRoadmap(
  name: string,
  cwd: string,
  kept?: (hash: string, source: Buffer) => Promise<Roadmap | undefined>,
): Promise<ResolvedRoadmap> {
  if (!looksLikePath(name)) {
    const roadmap = await findBuiltin(name);
    if (roadmap) return { roadmap };
    const ids = (await builtinRoadmaps()).map((r) => r.id).join(', ');
    throw new UsageError(
      `Unknown roadmap ${quoted(name)}. Built-in roadmaps are: ${ids}.`,
      'To use your own, pass a path to a .yaml file, e.g. --roadmap ./my-roadmap.yaml.',
    );
  }
  const path = resolve(cwd, name);
  const [{ readRoadmapBytes }, { contentHash }] = await Promise.all([import('./file.js'), import('./hash.js')]);
  const source = readRoadmapBytes(path);
  const hash = contentHash(source);
  const compiled = await kept?.(hash, source);
  if (compiled) return { roadmap: compiled, file: { path, hash, source, kept: true } };
  const { parseRoadmap } = await import('./load.js');
  return { roadmap: parseRoadmap(source.toString('utf8'), path).roadmap, file: { path, hash, source } };
}
