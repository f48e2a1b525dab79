import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { isGoodLogEntry, isGoodPlannedStage, logEntrySchema, plannedStageSchema } from '../../src/store/schema.js';
import { ProgressStore } from '../../src/store/store.js';
import { savedFor } from '../helpers/learner.js';
import { failure, tempDir } from '../helpers/store.js';

const sample = () => savedFor({ hours: [10, 20], perWeek: 10, start: '2026-01-05' }).data;

function storeWith(text: string): { store: ProgressStore; file: string } {
  const dir = tempDir();
  writeFileSync(join(dir, 'progress.json'), text);
  return { store: new ProgressStore(dir), file: join(dir, 'progress.json') };
}

describe('the progress store', () => {
  it('has no plan before the first save, and reads back what it saved with a raised revision', async () => {
    const store = new ProgressStore(join(tempDir(), 'nested', 'folder'));
    expect(await store.read()).toBeUndefined();
    const saved = await store.update(() => ({ data: sample(), result: 'ok' }));
    expect(saved).toBe('ok');
    expect((await store.read())!.revision).toBe(1);
    await store.update((current) => ({ data: current!, result: null }));
    expect((await store.read())!.revision).toBe(2);
  });

  it.each(['null', '42', '[]', 'true', '{}', '"text"', ''])(
    'calls a file holding %j damaged and leaves it untouched',
    async (text) => {
      const { store, file } = storeWith(text);
      const error = await failure(() => store.update(() => ({ data: sample(), result: null })));
      expect(error.message).toContain(`${file} is damaged, so it was left untouched`);
      expect(readFileSync(file, 'utf8')).toBe(text);
    },
  );

  it("calls a named pipe or a folder in the file's place damaged, at once", async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'progress.json')]);
    expect((await failure(() => new ProgressStore(dir).read())).message).toContain(
      'is damaged, so it was left untouched:\n  it is not a regular file',
    );
    const folder = tempDir();
    mkdirSync(join(folder, 'progress.json'));
    expect((await failure(() => new ProgressStore(folder).read())).message).toContain('it is not a regular file');
  });

  it('names a bad value with its line, column and field, as strictly as the flags', async () => {
    const data = { ...sample(), log: [{ date: '2026-01-06', hours: 1e-320, stage: 's1' }] };
    const { store, file } = storeWith(JSON.stringify(data, null, 2));
    const error = await failure(() => store.read());
    expect(error.message).toMatch(
      new RegExp(`${file}:\\d+:\\d+ log\\[0\\]\\.hours should be a number of hours from 0.01 to 24`),
    );
    const denormal = storeWith(JSON.stringify({ ...sample(), profile: { ...sample().profile, hoursPerWeek: 5e-324 } }));
    expect((await failure(() => denormal.store.read())).message).toContain(
      'profile.hoursPerWeek should be a number of hours a week from 1 to 80',
    );
    const farFuture = storeWith(JSON.stringify({ ...sample(), originalFinish: '+010000-04-01' }));
    expect((await failure(() => farFuture.store.read())).message).toContain(
      'originalFinish should be a real date like 2026-01-31, in the years 1970 to 2999',
    );
  });

  it('says a byte-order mark, which some editors add, is what stops the file being read', async () => {
    const text = `\ufeff${JSON.stringify(sample(), null, 2)}`;
    const { store, file } = storeWith(text);
    expect((await failure(() => store.read())).message).toContain(
      `${file}:1:1 it starts with a byte-order mark, an invisible character some editors add, which JSON does not allow; save it as UTF-8 without a BOM`,
    );
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('names a field it does not know, or one missing, inside a list or map, as at the top', async () => {
    const base = sample();
    const data = {
      ...base,
      progress: { s1: { status: 'done', date: '2026-01-06', when: 'today' } },
      notes: { s1: [{ date: '2026-01-06', text: 'a note', x: 1 }] },
      log: [
        { hours: 1, stage: 's1' },
        { date: '2026-01-06', hours: 1, stage: 's1', mood: 'good' },
      ],
    };
    const { store, file } = storeWith(JSON.stringify(data, null, 2));
    const lines = (await failure(() => store.read())).message.split('\n').slice(1);
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^  ${file}:\\d+:\\d+ progress\\.s1\\.when is not a known field$`)),
      expect.stringMatching(new RegExp(`^  ${file}:\\d+:\\d+ notes\\.s1\\[0\\]\\.x is not a known field$`)),
      expect.stringMatching(new RegExp(`^  ${file}:\\d+:\\d+ log\\[0\\]\\.date is required$`)),
      expect.stringMatching(new RegExp(`^  ${file}:\\d+:\\d+ log\\[1\\]\\.mood is not a known field$`)),
    ]);
  });

  it('refuses a key written twice, which JSON.parse would silently drop, with its line and column', async () => {
    const text = JSON.stringify(sample(), null, '\t').replace('"track": "node"', '"track": "node",\n\t\t"track": "go"');
    const { store, file } = storeWith(text);
    const error = await failure(() => store.update((current) => ({ data: current!, result: null })));
    expect(error.message).toContain(
      `${file}:9:3 the key "track" appears twice in profile; only the last would count, so delete the one that is wrong`,
    );
    expect(readFileSync(file, 'utf8')).toBe(text);
    // A colon written as an escape cannot hide a repeated key.
    const notes = { ...sample(), notes: { s1: [{ date: '2026-01-06', text: 'a\u003ab' }] } };
    const escaped = JSON.stringify(notes)
      .replace('a:b', 'a\\u003ab')
      .replace('"revision":1', '"revision":1,"revision":2');
    expect((await failure(() => storeWith(escaped).store.read())).message).toContain(
      'the key "revision" appears twice;',
    );
    expect((await storeWith(JSON.stringify(notes).replace('a:b', 'a\\u003ab')).store.read())!.notes.s1![0]!.text).toBe(
      'a:b',
    );
  });

  it('names where the JSON breaks, by line and column', async () => {
    const { store, file } = storeWith('{\n\t"schemaVersion": 3,\n\t"revision": tru\n}');
    expect((await failure(() => store.read())).message).toContain(
      `${file}:3:17 it is not valid JSON: true was expected here`,
    );
  });

  it('keeps progress for a stage called constructor', async () => {
    const data = { ...sample(), progress: { constructor: { status: 'done' as const, date: '2026-01-06' } } };
    const { store } = storeWith(JSON.stringify(data));
    expect(Object.keys((await store.read())!.progress)).toEqual(['constructor']);
  });

  it('refuses a file from a newer version, and upgrades one from an older', async () => {
    const newer = storeWith(JSON.stringify({ ...sample(), schemaVersion: 9 }));
    expect((await failure(() => newer.store.read())).message).toContain(
      'was written by a newer backend-path (data version 9',
    );
    const { speed: _speed, ...oldBaseline } = sample().baseline;
    const {
      links: _l,
      checks: _c,
      session: _s,
      revision: _r,
      paces: _p,
      ...v2
    } = { ...sample(), baseline: oldBaseline, schemaVersion: 2 };
    const older = storeWith(JSON.stringify(v2));
    expect(await older.store.read()).toMatchObject({
      schemaVersion: 4,
      revision: 1,
      links: {},
      checks: {},
      session: null,
      // Version 3 knew one weekly target, the plan's estimates, and sessions by the wall clock.
      paces: [{ from: '2026-01-05', hoursPerWeek: 10 }],
      baseline: { speed: 1 },
    });
    const running = {
      ...v2,
      schemaVersion: 3,
      links: {},
      checks: {},
      revision: 1,
      session: { stage: 's1', start: '2026-01-06T18:30:00' },
    };
    expect((await storeWith(JSON.stringify(running)).store.read())?.session).toEqual({
      stage: 's1',
      start: '2026-01-06T18:30:00',
      startedAt: new Date(2026, 0, 6, 18, 30).getTime(),
    });
  });

  it('writes nothing when the change fails or its result is invalid', async () => {
    const { store, file } = storeWith(JSON.stringify(sample()));
    const before = readFileSync(file, 'utf8');
    await expect(
      store.update(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const invalid = { ...sample(), baseline: { ...sample().baseline, finish: '10000-01-01' } };
    expect((await failure(() => store.update(() => ({ data: invalid, result: null })))).message).toContain(
      'Refused to save an invalid progress file (baseline.finish',
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('moves the file aside under names that never collide, and never deletes one', async () => {
    const dir = tempDir();
    const store = new ProgressStore(dir);
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      await store.update(() => ({ data: sample(), result: null }));
      names.push((await store.moveAside('2026-01-05T10:00:00'))!);
    }
    expect(new Set(names).size).toBe(3);
    expect(
      readdirSync(dir)
        .filter((n) => n.endsWith('.bak'))
        .sort(),
    ).toEqual(names.map((n) => n.slice(dir.length + 1)).sort());
    expect(existsSync(join(dir, 'progress.json'))).toBe(false);
    expect(await store.moveAside('2026-01-05T10:00:00')).toBeUndefined();
  });

  it('knows its own files: the store, its lock, backups and a link to them', () => {
    const dir = tempDir();
    const store = new ProgressStore(dir);
    writeFileSync(join(dir, 'progress.json'), '{}');
    const link = join(tempDir(), 'link.json');
    symlinkSync(join(dir, 'progress.json'), link);
    expect(store.owns(link)).toBe(true);
    for (const name of ['progress.json', 'progress.json.lock', 'progress.json.2026-01-05-1a2b3c4d.bak'])
      expect(store.owns(join(dir, name))).toBe(true);
    expect(store.owns(join(dir, 'plan.ics'))).toBe(false);
    expect(store.owns(join(tempDir(), 'progress.json'))).toBe(false);
    expect(store.owns(join(dir, '..', dir.split('/').at(-1)!, 'progress.json'))).toBe(true);
  });
});

describe('the quick check of log entries', () => {
  // Values near every edge the schema draws: real and unreal dates, hours around 0.01 and 24,
  // ids with and without their rules, and keys that should not be there.
  const date = fc.oneof(
    fc.constantFrom('2026-01-06', '2024-02-29', '2023-02-29', '1969-12-31', '2999-12-31', '3000-01-01', '2026-1-6', ''),
    fc.string(),
  );
  const hours = fc.oneof(
    fc.constantFrom(0, 0.009, 0.01, 1, 24, 24.01, Number.NaN, Number.POSITIVE_INFINITY, -1, 5e-324),
    fc.double(),
    fc.string(),
  );
  const stage = fc.oneof(
    fc.constantFrom('rest-api', 'a', '-a', 'a--b', 'A', 'x'.repeat(64), 'x'.repeat(65), undefined),
    fc.string(),
  );
  const entry = fc.oneof(
    fc.record({ date, hours, stage }, { requiredKeys: ['date', 'hours'] }),
    fc.record({ date, hours, extra: fc.anything() }),
    fc.anything(),
  );
  const schema = logEntrySchema();

  it('accepts only what the schema accepts, so every problem still gets its message', () => {
    fc.assert(
      fc.property(entry, (value) => !isGoodLogEntry(value) || v.is(schema, value)),
      { numRuns: 2000 },
    );
  });

  it('accepts the entries the commands write', () => {
    expect(
      [
        { date: '2026-01-06', hours: 1.5, stage: 'rest-api' },
        { date: '2024-02-29', hours: 0.01 },
        { date: '2999-12-31', hours: 24, stage: 'x'.repeat(64) },
      ].every(isGoodLogEntry),
    ).toBe(true);
    expect(
      [
        { date: '2023-02-29', hours: 1 },
        { date: '2026-01-06', hours: 25 },
        { date: '2026-01-06', hours: 1, note: 'x' },
      ].some(isGoodLogEntry),
    ).toBe(false);
  });

  it('accepts only the stages of a plan that the schema accepts, and those the plans write', () => {
    const planned = fc.oneof(
      fc.record({ id: stage, hours, start: date, end: date }),
      fc.record({ id: stage, hours, start: date, end: date }, { requiredKeys: ['id', 'start'] }),
      fc.record({ id: stage, hours, start: date, end: date, extra: fc.anything() }),
      fc.anything(),
    );
    const plannedSchema = plannedStageSchema();
    fc.assert(
      fc.property(planned, (value) => !isGoodPlannedStage(value) || v.is(plannedSchema, value)),
      { numRuns: 2000 },
    );
    expect(
      [
        { id: 'rest-api', hours: 12.5, start: '2026-01-05', end: '2026-01-18' },
        { id: 'x'.repeat(64), hours: 0, start: '2999-12-31', end: '2999-12-31' },
      ].every(isGoodPlannedStage),
    ).toBe(true);
    expect(
      [
        { id: 'rest-api', hours: 1001, start: '2026-01-05', end: '2026-01-18' },
        { id: 'rest-api', hours: 1, start: '2026-01-05', end: '2026-02-30' },
        { id: 'Rest', hours: 1, start: '2026-01-05', end: '2026-01-18' },
        { id: 'rest-api', hours: 1, start: '2026-01-05' },
        { id: 'rest-api', hours: 1, start: '2026-01-05', end: '2026-01-18', note: 'x' },
      ].some(isGoodPlannedStage),
    ).toBe(false);
  });

  it('still names a bad entry deep in a long log by its index and field', async () => {
    const log = Array.from({ length: 5000 }, (_, i) => ({
      date: '2026-01-06',
      hours: 1,
      stage: i === 4321 ? 'Bad Id' : 's1',
    }));
    const { store, file } = storeWith(JSON.stringify({ ...sample(), log }));
    expect((await failure(() => store.read())).message).toMatch(
      new RegExp(`${file}:\\d+:\\d+ log\\[4321\\]\\.stage should be a stage id`),
    );
  });
});
