import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadRoadmapFile } from './load.js';
import type { Roadmap } from './types.js';

/**
 * The shipped roadmaps, by id, each behind a function of its own. Here, in the sources, each is
 * read from roadmaps/<id>.yaml when asked for, so tests always see the current files. The build
 * replaces this module with the roadmaps it read, validated and converted from those files,
 * written into the bundle as code (see scripts/build.mjs): a command compiles only the roadmap it
 * uses, and V8 keeps it compiled between runs.
 */
const folder = fileURLToPath(new URL('../../roadmaps/', import.meta.url));

export const BUILTIN_SOURCES: Record<string, () => Roadmap> = Object.fromEntries(
  readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => [name.slice(0, -'.yaml'.length), () => loadRoadmapFile(`${folder}${name}`).roadmap]),
);
