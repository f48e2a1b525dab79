import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayTotals } from '../../src/coach/learner.js';
import { validateSaved, type SavedData } from '../../src/store/schema.js';
import { ProgressStore, type Held } from '../../src/store/store.js';
import { readSummary, writeSummary, type LogPlace } from '../../src/store/summary.js';
import { json, run } from '../helpers/cli.js';
import { savedFor } from '../helpers/learner.js';
import { COURSE } from '../helpers/paths.js';
import { tempDir } from '../helpers/store.js';

vi.mock('../../src/store/schema.js', async (original) => {
  const actual = await original<typeof import('../../src/store/schema.js')>();
  return { ...actual, validateSaved: vi.fn(actual.validateSaved) };
});

const sample = () => savedFor({ hours: [10, 20], perWeek: 10, start: '2026-01-05' }).data;

afterEach(() => vi.restoreAllMocks());

describe('what a command costs the progress file', () => {
  it('is one parse and one validation for a read, and for a change one more validation of the new data', async () => {
    const dir = tempDir();
    const file = join(dir, 'progress.json');
    writeFileSync(file, `${JSON.stringify(sample(), null, '\t')}\n`);
    const text = readFileSync(file, 'utf8');
    const parse = vi.spyOn(JSON, 'parse');
    const parsesOfFile = () => parse.mock.calls.filter(([source]) => source === text).length;
    const store = new ProgressStore(dir);

    vi.mocked(validateSaved).mockClear();
    await store.read();
    expect({ parses: parsesOfFile(), validations: vi.mocked(validateSaved).mock.calls.length }).toEqual({
      parses: 1,
      validations: 1,
    });

    parse.mockClear();
    vi.mocked(validateSaved).mockClear();
    await store.update((current) => ({ data: { ...current!, log: [{ date: '2026-01-06', hours: 1 }] }, result: null }));
    expect({ parses: parsesOfFile(), validations: vi.mocked(validateSaved).mock.calls.length }).toEqual({
      parses: 1,
      validations: 2,
    });
    expect(JSON.parse(readFileSync(file, 'utf8')).log).toEqual([{ date: '2026-01-06', hours: 1 }]);
  });
});

describe('a long log', () => {
  /** A plan with `days` days of seventy quarter-hours each, written as a command writes it. */
  function longLog(days: number) {
    const dir = tempDir();
    const data = sample();
    data.log = Array.from({ length: days * 70 }, (_, i) => ({
      date: new Date(Date.UTC(2026, 0, 6 + Math.floor(i / 70))).toISOString().slice(0, 10),
      hours: 0.25,
      ...(i % 2 === 0 ? { stage: 's1' } : {}),
    }));
    const file = join(dir, 'progress.json');
    writeFileSync(file, `${JSON.stringify(data, null, '\t')}\n`);
    return { dir, file, text: readFileSync(file, 'utf8') };
  }

  it('comes to the everyday reads as day totals, from a summary kept while the file is unchanged', async () => {
    const { dir, file, text } = longLog(50);
    const parse = vi.spyOn(JSON, 'parse');
    const parsesOf = (source: string) => parse.mock.calls.filter(([s]) => s === source).length;
    const store = new ProgressStore(dir, { summary: true });

    // The first read is of the whole file, and keeps its summary.
    expect((await store.read())!.log).toHaveLength(3500);
    expect(parsesOf(text)).toBe(1);
    // 3,500 entries on 50 days, half of them on a stage: 100 totals of 8.75 h.
    const second = await store.read();
    expect(parsesOf(text)).toBe(1);
    expect(second!.log).toHaveLength(100);
    expect(second!.log.slice(0, 2)).toEqual([
      { date: '2026-01-06', hours: 8.75, stage: 's1' },
      { date: '2026-01-06', hours: 8.75 },
    ]);

    // The same length, so only the file's times tell the change.
    const edited = text.replace('"hours": 0.25', '"hours": 0.50');
    expect(edited.length).toBe(text.length);
    writeFileSync(file, edited);
    const third = await store.read();
    expect(parsesOf(edited)).toBe(1);
    expect(third!.log[0]).toEqual({ date: '2026-01-06', hours: 0.5, stage: 's1' });
    expect((await store.read())!.log[0]).toEqual({ date: '2026-01-06', hours: 9, stage: 's1' });
    expect(parsesOf(edited)).toBe(1);
  });

  it('is read whole when its summary is damaged, and by every command that numbers entries', async () => {
    const { dir, text } = longLog(50);
    await new ProgressStore(dir, { summary: true }).read();
    const summary = join(dir, 'progress.json.summary');
    const bytes = readFileSync(summary);
    const at = bytes.indexOf('8.75');
    bytes.write('9.75', at);
    writeFileSync(summary, bytes);
    const parse = vi.spyOn(JSON, 'parse');
    const data = await new ProgressStore(dir, { summary: true }).read();
    expect(parse.mock.calls.filter(([s]) => s === text)).toHaveLength(1);
    expect(data!.log).toHaveLength(3500);
    expect((await new ProgressStore(dir).read())!.log).toHaveLength(3500);
  });

  it('damaged, is read whole once for the prompt line, and whole by every other read to say where', async () => {
    const { dir, file, text } = longLog(50);
    const broken = text.replace('"hours": 0.25', '"hours": -.25');
    writeFileSync(file, broken);
    const parse = vi.spyOn(JSON, 'parse');
    const parsesOf = (source: string) => parse.mock.calls.filter(([s]) => s === source).length;
    const prompt = new ProgressStore(dir, { summary: true, brief: true });
    await expect(prompt.read()).rejects.toThrow('is damaged');
    await expect(prompt.read()).rejects.toThrow('it was found damaged when last read');
    // JSON.parse fails on the file, so each whole read tries it once.
    expect(parsesOf(broken)).toBe(1);
    await expect(new ProgressStore(dir, { summary: true }).read()).rejects.toThrow(/progress\.json:\d+:\d+ /);
    expect(parsesOf(broken)).toBe(2);
  });

  it('gives the coach the same figures from the summary as from the whole file', async () => {
    const dir = tempDir();
    const env = { BACKEND_PATH_CONFIG_DIR: dir, BACKEND_PATH_TODAY: '2027-01-25' };
    const plan = ['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-11-23'];
    expect((await run(plan, { env })).code).toBe(0);
    // Seventy quarter-hours a day on language, Mon 23 Nov to Sun 10 Jan: 17.5 h a day.
    const file = join(dir, 'progress.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.log = Array.from({ length: 49 * 70 }, (_, i) => ({
      date: new Date(Date.UTC(2026, 10, 23 + Math.floor(i / 70))).toISOString().slice(0, 10),
      hours: 0.25,
      stage: 'language',
    }));
    const text = `${JSON.stringify(data, null, '\t')}\n`;
    writeFileSync(file, text);
    const parse = vi.spyOn(JSON, 'parse');
    const whole = await run(['status', '--json'], { env });
    expect(whole.code).toBe(0);
    const summarised = await run(['status', '--json'], { env });
    // The second read took the summary: the file's text was parsed by the first alone.
    expect(parse.mock.calls.filter(([source]) => source === text)).toHaveLength(1);
    expect(summarised).toEqual(whole);
    // The weeks from Mon 14 Dec to Sun 10 Jan, seven days of 17.5 h each.
    expect(json(whole.stdout).effort.recentWeeks.map((w: { hours: number }) => w.hours)).toEqual([
      122.5, 122.5, 122.5, 122.5,
    ]);
    const list = await run(['log', 'list', '--all', '--json'], { env });
    expect(json(list.stdout).entries).toHaveLength(3430);
    const exported = await run(['export', '--format', 'json'], { env });
    expect(json(exported.stdout).log).toHaveLength(3430);

    // A save keeps the summary of the file it wrote, and the next save adds to the log's text.
    const logged = await run(['log', '0.25', '--date', '2027-01-24'], { env });
    expect(logged.stdout).toContain('(entry 3431)');
    expect(existsSync(join(dir, 'progress.json.summary'))).toBe(true);
    const again = await run(['log', '0.5', '--date', '2027-01-24'], { env });
    expect(again.stdout).toContain('(entry 3432)');
    expect(json((await run(['status', '--json'], { env })).stdout).effort.recentWeeks.at(-1).hours).toBe(0.75);
    expect(JSON.parse(readFileSync(file, 'utf8')).log.slice(-3)).toEqual([
      { date: '2027-01-10', hours: 0.25, stage: 'language' },
      { date: '2027-01-24', hours: 0.25, stage: 'language' },
      { date: '2027-01-24', hours: 0.5, stage: 'language' },
    ]);
    expect(json((await run(['log', 'list', '--all', '--json'], { env })).stdout).entries).toHaveLength(3432);

    // Text before the log that is not ASCII, then changes that keep or add to the kept log.
    const note = 'Café, naïve ✓ 𝄞 — “joins” 学习';
    expect((await run(['note', 'language', note], { env })).code).toBe(0);
    const env2 = { ...env, BACKEND_PATH_NOW: '2027-01-25T09:00:00' };
    expect((await run(['start', 'language'], { env: env2 })).code).toBe(0);
    const stopped = await run(['stop', '--json'], { env: { ...env2, BACKEND_PATH_NOW: '2027-01-25T10:30:00' } });
    expect(stopped.code).toBe(0);
    expect((await run(['log', '1', '--date', '2027-01-25'], { env })).stdout).toContain('(entry 3434)');
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.notes.language.map((n: { text: string }) => n.text)).toEqual([note]);
    expect(saved.log.slice(-2)).toEqual([
      { date: '2027-01-25', hours: 1.5, stage: 'language' },
      { date: '2027-01-25', hours: 1, stage: 'language' },
    ]);
    expect(saved.log).toHaveLength(3434);
  });

  it('keeps a summary of a full day of tenths, which add up to a hair over 24 h in floating point', async () => {
    const { dir, file } = longLog(50);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.log = Array.from({ length: 50 * 80 }, (_, i) => ({
      date: new Date(Date.UTC(2026, 0, 6 + Math.floor(i / 80))).toISOString().slice(0, 10),
      hours: 0.3,
    }));
    const text = `${JSON.stringify(data, null, '\t')}\n`;
    writeFileSync(file, text);
    const parse = vi.spyOn(JSON, 'parse');
    const store = new ProgressStore(dir, { summary: true });
    await store.read();
    const second = await store.read();
    expect(parse.mock.calls.filter(([source]) => source === text)).toHaveLength(1);
    expect(second!.log[0]).toEqual({ date: '2026-01-06', hours: 24 });
  });

  it('is not remembered as damaged when a newer backend-path wrote it', async () => {
    const { dir, file } = longLog(50);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...data, schemaVersion: 99 }));
    const prompt = new ProgressStore(dir, { summary: true, brief: true });
    await expect(prompt.read()).rejects.toThrow('newer backend-path');
    await expect(prompt.read()).rejects.toThrow('newer backend-path');
  });
});

describe("the coach's day totals", () => {
  it('sum each day and stage in the order they first appear, entries without a stage apart', () => {
    expect(
      dayTotals([
        { date: '2026-01-07', hours: 1, stage: 'a' },
        { date: '2026-01-06', hours: 0.5 },
        { date: '2026-01-07', hours: 0.25, stage: 'b' },
        { date: '2026-01-07', hours: 2, stage: 'a' },
        { date: '2026-01-06', hours: 0.25 },
        { date: '2026-01-07', hours: 0.1, stage: 'b' },
      ]),
    ).toEqual([
      { date: '2026-01-07', hours: 3, stage: 'a' },
      { date: '2026-01-06', hours: 0.75 },
      { date: '2026-01-07', hours: 0.35, stage: 'b' },
    ]);
  });

  it('leave a log of totals as it is, and never change the entries they are given', () => {
    const log = [
      { date: '2026-01-06', hours: 0.5, stage: 'a' },
      { date: '2026-01-06', hours: 0.5, stage: 'a' },
    ];
    const totals = dayTotals(log);
    expect(dayTotals(totals)).toEqual(totals);
    expect(log[0]).toEqual({ date: '2026-01-06', hours: 0.5, stage: 'a' });
  });
});

describe("a long log's saves", () => {
  /** A plan with `entries` quarter-hours, seventy a day, written by hand (not as a save lays it out). */
  function longLog(entries: number) {
    const dir = tempDir();
    const data = sample();
    data.log = Array.from({ length: entries }, (_, i) => ({
      date: new Date(Date.UTC(2026, 0, 6 + Math.floor(i / 70))).toISOString().slice(0, 10),
      hours: 0.25,
      ...(i % 2 === 0 ? { stage: 's1' } : {}),
    }));
    writeFileSync(join(dir, 'progress.json'), `${JSON.stringify(data, null, '\t')}\n`);
    return { dir, file: join(dir, 'progress.json'), log: data.log };
  }
  const entry = (hours: number) => ({ date: '2026-03-01', hours, stage: 's1' });
  /** A change that adds `hours` on 1 Mar, returning what it was given. */
  const adding = (hours: number) => (current: SavedData | undefined, held: Held) => ({
    data: { ...current!, log: [...current!.log, entry(hours)] },
    result: { given: current!.log.length, entries: held.entries },
  });

  it('adds to the text of a log a save wrote, unparsed, and writes what a whole save writes', async () => {
    const { dir, file, log } = longLog(4200);
    const whole = longLog(4200);
    const store = new ProgressStore(dir);
    // The first save reads the hand-written file whole and lays it out.
    expect(await store.update(adding(1), { totals: true })).toEqual({ given: 4200, entries: 4200 });
    const parse = vi.spyOn(JSON, 'parse');
    const laidOut = readFileSync(file, 'utf8');
    // The second gets the 60 days' totals (120: a day's entries with a stage and without), and
    // the count of entries from the summary; the file's text is never parsed.
    expect(await store.update(adding(0.5), { totals: true })).toEqual({ given: 120, entries: 4201 });
    expect(parse.mock.calls.filter(([source]) => source === laidOut)).toHaveLength(0);

    const wholeStore = new ProgressStore(whole.dir);
    await wholeStore.update(adding(1));
    await wholeStore.update(adding(0.5));
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(whole.file, 'utf8'));
    expect(JSON.parse(readFileSync(file, 'utf8')).log).toEqual([...log, entry(1), entry(0.5)]);
    expect(readFileSync(file, 'utf8')).toContain(
      '\t\t{"date":"2026-03-01","hours":1,"stage":"s1"},\n\t\t{"date":"2026-03-01","hours":0.5,"stage":"s1"}\n\t]\n}\n',
    );
  });

  it('is read whole again once anything else has written the file', async () => {
    const { dir, file, log } = longLog(4200);
    const store = new ProgressStore(dir);
    await store.update(adding(1), { totals: true });
    // An editor writes the same data its own way.
    writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), null, 2));
    expect(await store.update(adding(0.5), { totals: true })).toEqual({ given: 4201, entries: 4201 });
    expect(JSON.parse(readFileSync(file, 'utf8')).log).toEqual([...log, entry(1), entry(0.5)]);
  });

  it('takes only the totals from a summary: the rest is read from the file', async () => {
    const { dir, file } = longLog(4200);
    const store = new ProgressStore(dir);
    await store.update(adding(1), { totals: true });
    // A summary that says otherwise, under the file's identity (as a command stalled after its
    // save might have left it): its totals are used, and nothing else.
    const stats = statSync(file, { bigint: true });
    const summary = readSummary(dir, stats) as { data: SavedData; place: LogPlace };
    const forged = { ...summary.data, profile: { ...summary.data.profile, hoursPerWeek: 3 } };
    writeSummary(dir, stats, forged, summary.place);
    const hours = await store.update((current) => ({ result: current!.profile.hoursPerWeek }), { totals: true });
    expect(hours).toBe(JSON.parse(readFileSync(file, 'utf8')).profile.hoursPerWeek);
    expect(hours).not.toBe(3);
  });

  it('refuses a change that alters the log it was given as totals, and leaves the file as it was', async () => {
    const { dir, file } = longLog(4200);
    const store = new ProgressStore(dir);
    await store.update(adding(1), { totals: true });
    const before = readFileSync(file, 'utf8');
    await expect(
      store.update((current) => ({ data: { ...current!, log: current!.log.slice(1) }, result: null }), {
        totals: true,
      }),
    ).rejects.toThrow('changed it instead of adding to it');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('counts the entry limit from the file, and refuses the entry past it as a whole save does', async () => {
    const { dir, file } = longLog(99_999);
    const whole = longLog(100_000);
    const store = new ProgressStore(dir);
    await store.update(adding(0.25), { totals: true });
    const before = readFileSync(file, 'utf8');
    const refusal = await new ProgressStore(whole.dir).update(adding(0.25)).catch((error: Error) => error.message);
    expect(refusal).toBe(
      'Refused to save an invalid progress file (log should hold at most 100000 entries); nothing was changed.',
    );
    await expect(store.update(adding(0.25), { totals: true })).rejects.toThrow(refusal as string);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
