import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';
import type { RawRoadmap } from './schema.js';
import type { Roadmap } from './types.js';
import { toRoadmap } from './validate.js';

/** True in the bundle (dist/), false when the sources run under vitest. */
declare const __BUNDLED__: boolean;

/** The package folder, found relative to this module, never to the working directory. */
const packageRoot = new URL(__BUNDLED__ ? '../' : '../../', import.meta.url);

export const DEFAULT_ROADMAP = 'backend';

let cache: Roadmap[] | undefined;

/**
 * The shipped roadmaps, default first. The bundle reads the JSON that the build compiled and
 * validated from roadmaps/*.yaml; the sources parse the YAML itself, so tests always see the
 * current files.
 */
export async function builtinRoadmaps(): Promise<Roadmap[]> {
  if (cache) return cache;
  let roadmaps: Roadmap[];
  if (__BUNDLED__) {
    const raw = JSON.parse(readFileSync(new URL('dist/roadmaps.json', packageRoot), 'utf8')) as RawRoadmap[];
    roadmaps = raw.map(toRoadmap);
  } else {
    const { loadRoadmapFile } = await import('./load.js');
    const dir = fileURLToPath(new URL('roadmaps/', packageRoot));
    roadmaps = readdirSync(dir)
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .map((name) => loadRoadmapFile(`${dir}${name}`).roadmap);
  }
  cache = roadmaps.sort((a, b) => (a.id === DEFAULT_ROADMAP ? -1 : b.id === DEFAULT_ROADMAP ? 1 : a.id.localeCompare(b.id)));
  return cache;
}

export async function findBuiltin(id: string): Promise<Roadmap | undefined> {
  return (await builtinRoadmaps()).find((roadmap) => roadmap.id === id);
}

/** A roadmap named on the command line: a built-in id, or a path to a YAML file. */
export interface ResolvedRoadmap {
  roadmap: Roadmap;
  /** Set for a roadmap file: its absolute path and content hash. */
  file?: { path: string; hash: string };
}

export function looksLikePath(name: string): boolean {
  return /[/\\]/.test(name) || /\.ya?ml$/i.test(name);
}

export async function resolveRoadmap(name: string, cwd: string): Promise<ResolvedRoadmap> {
  if (!looksLikePath(name)) {
    const roadmap = await findBuiltin(name);
    if (roadmap) return { roadmap };
    const ids = (await builtinRoadmaps()).map((r) => r.id).join(', ');
    throw new UsageError(`Unknown roadmap "${name}". Built-in roadmaps are: ${ids}.`, 'To use your own, pass a path to a .yaml file, e.g. --roadmap ./my-roadmap.yaml.');
  }
  const { loadRoadmapFile } = await import('./load.js');
  const path = resolve(cwd, name);
  const { roadmap, hash } = loadRoadmapFile(path);
  return { roadmap, file: { path, hash } };
}
