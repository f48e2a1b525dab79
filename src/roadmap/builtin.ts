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
  /** Set for a roadmap file: its absolute path, content hash and bytes. */
  file?: { path: string; hash: string; source: Buffer };
}

function looksLikePath(name: string): boolean {
  return /[/\\]/.test(name) || /\.ya?ml$/i.test(name);
}

export async function resolveRoadmap(name: string, cwd: string): Promise<ResolvedRoadmap> {
  if (!looksLikePath(name)) {
    const roadmap = await findBuiltin(name);
    if (roadmap) return { roadmap };
    const ids = (await builtinRoadmaps()).map((r) => r.id).join(', ');
    throw new UsageError(
      `Unknown roadmap ${quoted(name)}. Built-in roadmaps are: ${ids}.`,
      'To use your own, pass a path to a .yaml file, e.g. --roadmap ./my-roadmap.yaml.',
    );
  }
  const { loadRoadmapFile } = await import('./load.js');
  const path = resolve(cwd, name);
  const { roadmap, hash, source } = loadRoadmapFile(path);
  return { roadmap, file: { path, hash, source } };
}
