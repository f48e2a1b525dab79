import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quoted, UsageError } from '../errors.js';
import type { RawRoadmap } from './schema.js';
import type { Roadmap } from './types.js';
import { toRoadmap } from './convert.js';

/** True in the bundle (dist/), false when the sources run under vitest. */
declare const __BUNDLED__: boolean;

/** The package folder, found relative to this module, never to the working directory. */
const packageRoot = new URL(__BUNDLED__ ? '../' : '../../', import.meta.url);

export const DEFAULT_ROADMAP = 'backend';

const cache = new Map<string, Roadmap>();

/** The ids of the shipped roadmaps, default first. */
function builtinIds(): string[] {
  const dir = fileURLToPath(new URL(__BUNDLED__ ? 'dist/roadmaps/' : 'roadmaps/', packageRoot));
  const ids = readdirSync(dir)
    .filter((name) => name.endsWith(__BUNDLED__ ? '.json' : '.yaml'))
    .map((name) => name.replace(/\.(json|yaml)$/, ''));
  return ids.sort((a, b) => (a === DEFAULT_ROADMAP ? -1 : b === DEFAULT_ROADMAP ? 1 : a < b ? -1 : 1));
}

/**
 * One shipped roadmap. The bundle reads the JSON that the build compiled and validated from
 * roadmaps/<id>.yaml, one file a roadmap so a command reads only the one it needs; the sources
 * parse the YAML itself, so tests always see the current files.
 */
export async function findBuiltin(id: string): Promise<Roadmap | undefined> {
  let roadmap = cache.get(id);
  if (!roadmap) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) return undefined;
    if (__BUNDLED__) {
      let text: string;
      try {
        text = readFileSync(new URL(`dist/roadmaps/${id}.json`, packageRoot), 'utf8');
      } catch {
        return undefined;
      }
      roadmap = toRoadmap(JSON.parse(text) as RawRoadmap);
    } else {
      if (!builtinIds().includes(id)) return undefined;
      const { loadRoadmapFile } = await import('./load.js');
      roadmap = loadRoadmapFile(fileURLToPath(new URL(`roadmaps/${id}.yaml`, packageRoot))).roadmap;
    }
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
  /** Set for a roadmap file: its absolute path, content hash and validated form. */
  file?: { path: string; hash: string; raw: RawRoadmap; source: Buffer };
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
  const { roadmap, hash, raw, source } = loadRoadmapFile(path);
  return { roadmap, file: { path, hash, raw, source } };
}
