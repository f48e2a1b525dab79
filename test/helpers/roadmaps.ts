import type { RawRoadmap } from '../../src/roadmap/schema.js';
import type { Roadmap } from '../../src/roadmap/types.js';
import { toRoadmap } from '../../src/roadmap/convert.js';

/** A roadmap with one stage per entry, ids s1, s2, ...; a number is the same on both tracks. */
export function makeRoadmap(hours: (number | { node: number; python: number })[]): Roadmap {
  const raw = {
    id: 'generated',
    title: 'Generated',
    tracks: { node: { title: 'Node.js' }, python: { title: 'Python' } },
    stages: hours.map((h, i) => ({ id: `s${i + 1}`, title: `Stage ${i + 1}`, hours: h })),
  };
  return toRoadmap(raw as unknown as RawRoadmap);
}
