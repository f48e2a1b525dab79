import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadRoadmapFile } from './load.js';
import type { RawRoadmap } from './schema.js';

/**
 * The shipped roadmaps' validated data, by id, each behind a function of its own. Here, in the
 * sources, each is read from roadmaps/<id>.yaml when asked for, so tests always see the current
 * files. The build replaces this module with the data it compiled and validated from those files,
 * written into the bundle (see scripts/build.mjs): a command compiles only the roadmap it uses,
 * and V8 keeps it compiled between runs.
 */
const folder = fileURLToPath(new URL('../../roadmaps/', import.meta.url));

export const BUILTIN_SOURCES: Record<string, () => RawRoadmap> = Object.fromEntries(
  readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => [name.slice(0, -'.yaml'.length), () => loadRoadmapFile(`${folder}${name}`).raw]),
);
