import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FailureError } from '../../src/errors.js';
import { upgrade } from '../../src/store/migrations.js';
import { SCHEMA_VERSION, type SavedData } from '../../src/store/schema.js';
import { ProgressStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/store.js';

const sample: SavedData = {
  schemaVersion: SCHEMA_VERSION,
  profile: { roadmap: { id: 'backend' }, track: 'node', hoursPerWeek: 10, start: '2026-01-05' },
  baseline: { madeOn: '2026-01-05', start: '2026-01-05', finish: '2026-01-11', hoursPerWeek: 10, stages: [{ id: 'language', hours: 10, start: '2026-01-05', end: '2026-01-11' }] },
  originalFinish: '2026-01-11',
  progress: { 'has.dots': { status: 'done', date: '2026-01-06' } },
  notes: {},
  log: [],
};

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function storeWith(content: string): { store: ProgressStore; file: string } {
  const dir = tempDir();
  const file = join(dir, 'progress.json');
  writeFileSync(file, content);
  return { store: new ProgressStore(dir), file };
}

describe('ProgressStore', () => {
  it('has no data until a plan is saved, then reads back exactly what was written', async () => {
    const store = new ProgressStore(tempDir());
    expect(store.read()).toBeUndefined();
    await store.update(() => sample);
    expect(store.read()).toEqual(sample);
    expect(JSON.parse(readFileSync(store.path, 'utf8')).progress['has.dots'].status).toBe('done');
  });

  it.each([
    ['not JSON', '{"schemaVersion": 2, "profile": ', /is damaged: it is not valid JSON/],
    ['a list', '[1, 2]', /is damaged: schemaVersion is missing/],
    ['a wrong type', JSON.stringify({ ...sample, profile: { ...sample.profile, hoursPerWeek: 'ten' } }), /is damaged: profile\.hoursPerWeek is wrong \(should be number, found "ten"\)/],
    ['a bad status', JSON.stringify({ ...sample, progress: { x: { status: 'half', date: '2026-01-01' } } }), /is damaged: progress\.x\.status /],
    ['no version', JSON.stringify({ profile: sample.profile }), /is damaged: schemaVersion is missing/],
  ])('refuses a file holding %s, naming it, and leaves it byte for byte as it was', async (_what, content, message) => {
    const { store, file } = storeWith(content);
    const before = sha(file);
    expect(() => store.read()).toThrow(FailureError);
    expect(() => store.read()).toThrow(message);
    expect(() => store.read()).toThrow(file);
    await expect(store.update((data) => data!)).rejects.toThrow(FailureError);
    expect(sha(file)).toBe(before);
  });

  it('refuses to touch a file written by a newer version', async () => {
    const { store, file } = storeWith(JSON.stringify({ ...sample, schemaVersion: SCHEMA_VERSION + 1 }));
    const before = sha(file);
    expect(() => store.read()).toThrow(`was written by a newer backend-path (data version ${SCHEMA_VERSION + 1}; this one understands up to ${SCHEMA_VERSION})`);
    await expect(store.update((data) => data!)).rejects.toThrow(FailureError);
    expect(sha(file)).toBe(before);
  });

  it('upgrades a version 1 file (plan only) and writes the upgrade on the next save', async () => {
    const { notes: _n, log: _l, originalFinish: _o, ...v1 } = { ...sample, schemaVersion: 1 };
    const { store, file } = storeWith(JSON.stringify(v1));
    expect(store.read()).toEqual(sample);
    await store.update((data) => data!);
    expect(JSON.parse(readFileSync(file, 'utf8')).schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('runs migration steps in order and stops at the last one', () => {
    const steps = { 1: (d: Record<string, unknown>) => ({ ...d, a: 1, schemaVersion: 2 }), 2: (d: Record<string, unknown>) => ({ ...d, b: 2, schemaVersion: 3 }) };
    expect(upgrade({ schemaVersion: 1 }, steps)).toEqual({ schemaVersion: 3, a: 1, b: 2 });
    expect(upgrade({ schemaVersion: 3 }, steps)).toEqual({ schemaVersion: 3 });
  });

  it('moves the file aside on reset instead of deleting it, even when damaged', async () => {
    const { store, file } = storeWith('{oops');
    const before = sha(file);
    const moved = await store.moveAside('2026-01-05');
    expect(moved).toMatch(/progress\.json\.2026-01-05-\d+\.bak$/);
    expect(existsSync(file)).toBe(false);
    expect(sha(moved!)).toBe(before);
    expect(store.read()).toBeUndefined();
  });

  it('serialises concurrent updates from one process', async () => {
    const store = new ProgressStore(tempDir());
    await store.update(() => sample);
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.update((data) => ({ ...data!, log: [...data!.log, { date: '2026-01-05', hours: i + 1 }] }))));
    expect(store.read()!.log).toHaveLength(10);
  });
});
