import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayTotals } from '../../src/coach/learner.js';
import { validateSaved } from '../../src/store/schema.js';
import { ProgressStore } from '../../src/store/store.js';
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

    // A save drops the summary, and the next read makes it again from the new file.
    expect((await run(['log', '0.25', '--date', '2027-01-24'], { env })).code).toBe(0);
    expect(existsSync(join(dir, 'progress.json.summary'))).toBe(false);
    expect(json((await run(['status', '--json'], { env })).stdout).effort.recentWeeks.at(-1).hours).toBe(0.25);
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
