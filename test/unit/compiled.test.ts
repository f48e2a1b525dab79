import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCompiled, writeCompiled } from '../../src/store/compiled.js';
import { loadRoadmapFile, parseRoadmap } from '../../src/roadmap/load.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/store.js';

// Roadmaps with checks and a login flow (course), hours and projects per track (per-track), and
// letters beyond ASCII in their text (hostile-text).
const ROADMAPS = ['course.yaml', 'per-track.yaml', 'valid.yaml', 'hostile-text.yaml'];

describe('the compiled form of a roadmap file', () => {
  it.each(ROADMAPS)('%s reads back as the very roadmap the YAML gives, Maps and all', (name) => {
    const loaded = loadRoadmapFile(fixture(`roadmaps/${name}`));
    const store = tempDir();
    writeCompiled(store, loaded.hash, loaded.source, loaded.roadmap);
    const read = readCompiled(store, loaded.hash, loaded.source);
    expect(read).toEqual(loaded.roadmap);
    expect(read!.tracks).toBeInstanceOf(Map);
    expect(read!.stages[0]!.hours).toBeInstanceOf(Map);
    expect(read!.stages[0]!.tracks).toBeInstanceOf(Map);
  });

  it('is not used for other bytes than those it was made from', () => {
    const loaded = loadRoadmapFile(fixture('roadmaps/course.yaml'));
    const store = tempDir();
    writeCompiled(store, loaded.hash, loaded.source, loaded.roadmap);
    const edited = Buffer.from(loaded.source.toString('utf8').replace('nine stages', 'nine  stages'));
    expect(readCompiled(store, loaded.hash, edited)).toBeUndefined();
  });

  it('still reads the raw form an earlier version kept, and leaves a form of another version', () => {
    const loaded = loadRoadmapFile(fixture('roadmaps/course.yaml'));
    const store = tempDir();
    const folder = join(store, 'compiled-roadmaps');
    mkdirSync(folder);
    writeFileSync(join(folder, `${loaded.hash}.yaml`), loaded.source);
    const keep = (json: string) => writeFileSync(join(folder, `${loaded.hash}.json`), `${json}\n${json}`);
    // What 0.1.0 kept: the validated raw roadmap as JSON (ASCII, other letters escaped), twice.
    keep(
      JSON.stringify(loaded.raw).replace(/[^\0-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    );
    expect(readCompiled(store, loaded.hash, loaded.source)).toEqual(loaded.roadmap);
    // A plan being made takes only the current form, so the one it keeps is current.
    expect(readCompiled(store, loaded.hash, loaded.source, { earlier: false })).toBeUndefined();
    // The converted form of another version of the program may have another shape.
    writeCompiled(store, loaded.hash, loaded.source, loaded.roadmap);
    const [form, version, roadmap] = JSON.parse(
      readFileSync(join(folder, `${loaded.hash}.json`), 'utf8').split('\n')[0]!,
    ) as [number, string, unknown];
    expect([form, typeof version]).toEqual([2, 'string']);
    keep(JSON.stringify([form, `${version}-other`, roadmap]));
    expect(readCompiled(store, loaded.hash, loaded.source)).toBeUndefined();
    keep(JSON.stringify([3, version, roadmap]));
    expect(readCompiled(store, loaded.hash, loaded.source)).toBeUndefined();
  });

  it('is not kept for a roadmap whose checks hold numbers JSON cannot write', () => {
    const store = tempDir();
    const file = fixture('roadmaps/one-check.yaml');
    for (const value of ['.inf', '-.inf', '-0']) {
      const source = Buffer.from(
        readFileSync(file, 'utf8').replace('expect: {status: 200}', `expect: {status: 200, json: {$.count: ${value}}}`),
      );
      const { roadmap } = parseRoadmap(source.toString('utf8'), file);
      writeCompiled(store, `${'0'.repeat(63)}1`, source, roadmap);
      expect(existsSync(join(store, 'compiled-roadmaps'))).toBe(false);
    }
  });

  it('keeps only the form of the latest version of the file', () => {
    const store = tempDir();
    const first = loadRoadmapFile(fixture('roadmaps/course.yaml'));
    const second = loadRoadmapFile(fixture('roadmaps/per-track.yaml'));
    writeCompiled(store, first.hash, first.source, first.roadmap);
    writeCompiled(store, second.hash, second.source, second.roadmap);
    expect(readdirSync(join(store, 'compiled-roadmaps')).sort()).toEqual([
      `${second.hash}.json`,
      `${second.hash}.yaml`,
    ]);
    expect(readFileSync(join(store, 'compiled-roadmaps', `${second.hash}.yaml`))).toEqual(second.source);
  });
});
