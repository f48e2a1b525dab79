import { existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FailureError } from '../../src/errors.js';
import { acquireLock } from '../../src/store/lock.js';
import type { SavedData } from '../../src/store/schema.js';
import { ProgressStore } from '../../src/store/store.js';
import { savedFor } from '../helpers/learner.js';
import { failure, tempDir } from '../helpers/store.js';

const sample = () => savedFor({ hours: [10, 20], perWeek: 10, start: '2026-01-05' }).data;

function storeWith(data: SavedData, options: ConstructorParameters<typeof ProgressStore>[1] = {}) {
  const dir = tempDir();
  writeFileSync(join(dir, 'progress.json'), JSON.stringify(data));
  return { dir, file: join(dir, 'progress.json'), store: new ProgressStore(dir, options) };
}

const withNote = (current: SavedData | undefined, text: string) => ({
  data: { ...current!, notes: { ...current!.notes, s1: [...(current!.notes.s1 ?? []), { date: '2026-01-06', text }] } },
  result: text,
});

const notesIn = (file: string): string[] =>
  (JSON.parse(readFileSync(file, 'utf8')) as SavedData).notes.s1?.map((n) => n.text) ?? [];

/** Blocks this thread, as a suspended or starved process is blocked: no timer of its runs meanwhile. */
const stall = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe('the lock', () => {
  it('is a folder holding its holder and time while a change runs, and is gone after', async () => {
    const { store, file } = storeWith(sample());
    const seen = await store.update((current) => ({ data: current, result: readdirSync(`${file}.lock`) }));
    expect(seen).toEqual([expect.stringMatching(new RegExp(`^${process.pid}-[0-9a-f]{12}@\\d+$`))]);
    expect(readdirSync(join(file, '..')).sort()).toEqual(['progress.json']);
  });

  it('lets every change of many at once through, one at a time, and keeps every one', async () => {
    const { dir, file } = storeWith(sample());
    const texts = Array.from({ length: 20 }, (_, i) => `note ${i}`);
    const results = await Promise.all(
      texts.map((text) => new ProgressStore(dir, { lockTiming: { retryMs: 5 } }).update((c) => withNote(c, text))),
    );
    expect(results).toEqual(texts);
    expect(notesIn(file).sort()).toEqual([...texts].sort());
  });

  it('is taken over when its holder stalled past the stale time, and the stalled holder saves nothing', async () => {
    const { dir, file } = storeWith(sample());
    const other = new ProgressStore(dir, { lockTiming: { staleMs: 50 } });
    const error = await failure(() =>
      new ProgressStore(dir).update(async (current) => {
        stall(120);
        // The other command finds this one's lock 120 ms old, older than its stale time of 50 ms.
        await other.update((c) => withNote(c, 'saved by the other'));
        return withNote(current, 'lost by the stalled one');
      }),
    );
    expect(error.message).toBe(
      'Another backend-path command took over the lock while this one was stalled, so this change was not saved.',
    );
    expect(notesIn(file)).toEqual(['saved by the other']);
  });

  it('is kept by a holder that stays alive, however long it takes, and others wait for it', async () => {
    const { dir, file } = storeWith(sample());
    // The stale time leaves room for a busy machine's pauses, which a live holder may suffer too.
    const timing = { staleMs: 1000, retryMs: 5 };
    let waited = false;
    const second = new ProgressStore(dir, {
      lockTiming: timing,
      onWait: async () => () => void (waited = true),
    });
    const texts = await Promise.all([
      new ProgressStore(dir, { lockTiming: timing }).update(async (current) => {
        // Two and a half stale times of live work: the holder refreshes its time meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 2500));
        return withNote(current, 'first');
      }),
      new Promise((resolve) => setTimeout(resolve, 20)).then(() => second.update((c) => withNote(c, 'second'))),
    ]);
    expect(texts).toEqual(['first', 'second']);
    expect(waited).toBe(true);
    expect(notesIn(file)).toEqual(['first', 'second']);
  });

  it('gives up on a live holder after its patience, saying so, and saves nothing', async () => {
    const { dir, file } = storeWith(sample());
    const timing = { staleMs: 1000, retryMs: 5, patienceMs: 60 };
    let release!: () => void;
    const holding = new ProgressStore(dir, { lockTiming: timing }).update(async (current) => {
      await new Promise<void>((resolve) => (release = resolve));
      return withNote(current, 'first');
    });
    while (!existsSync(`${file}.lock`)) await new Promise((resolve) => setTimeout(resolve, 5));
    const error = await failure(() =>
      new ProgressStore(dir, { lockTiming: timing }).update((c) => withNote(c, 'second')),
    );
    expect(error.message).toMatch(/^Another backend-path command has held the lock .* and is still running/);
    release();
    await holding;
    expect(notesIn(file)).toEqual(['first']);
  });

  it('stops waiting at once when interrupted, and saves nothing', async () => {
    const { dir, file } = storeWith(sample());
    let release!: () => void;
    const holding = new ProgressStore(dir).update(async (current) => {
      await new Promise<void>((resolve) => (release = resolve));
      return withNote(current, 'first');
    });
    while (!existsSync(`${file}.lock`)) await new Promise((resolve) => setTimeout(resolve, 5));
    const controller = new AbortController();
    const interrupted = new ProgressStore(dir, {
      interruptible: () => ({ signal: controller.signal, done: () => {} }),
      onWait: async () => {
        setTimeout(() => controller.abort(new Error('interrupted')), 10);
        return () => {};
      },
    }).update((c) => withNote(c, 'second'));
    await expect(interrupted).rejects.toThrow('interrupted');
    release();
    await holding;
    expect(notesIn(file)).toEqual(['first']);
    expect(readdirSync(dir).sort()).toEqual(['progress.json']);
  });

  it('saves nothing when interrupted while holding the lock, before the save', async () => {
    const { store, file } = storeWith(sample(), {});
    const controller = new AbortController();
    const interrupted = new ProgressStore(join(file, '..'), {
      interruptible: () => ({ signal: controller.signal, done: () => {} }),
    });
    await expect(
      interrupted.update((current) => {
        controller.abort(new Error('interrupted'));
        return withNote(current, 'never');
      }),
    ).rejects.toThrow('interrupted');
    expect(notesIn(file)).toEqual([]);
    expect(await store.update((c) => withNote(c, 'after'))).toBe('after');
  });

  it('takes over a lock left by a command that died, by the time in its name', async () => {
    const { file, store } = storeWith(sample(), { lockTiming: { staleMs: 1000 } });
    mkdirSync(`${file}.lock`);
    writeFileSync(join(`${file}.lock`, `99999-abcdef@${Date.now() - 5000}`), '');
    expect(await store.update((c) => withNote(c, 'after a crash'))).toBe('after a crash');
    expect(existsSync(`${file}.lock`)).toBe(false);
    // An empty lock folder (a release half done, or an older version's lock) is free.
    mkdirSync(`${file}.lock`);
    expect(await store.update((c) => withNote(c, 'over an empty one'))).toBe('over an empty one');
  });

  it.each([
    [
      'a time in the future',
      `1-ab@${Date.now() + 3_600_000}`,
      'has a time in the future, so it would never expire: it is broken',
      'rm -r',
    ],
    ['files it did not make', 'notes.txt', 'holds files backend-path did not put there', 'rm -r'],
  ])('explains a lock with %s, and how to remove it', async (_what, entry, message, hint) => {
    const { file, store } = storeWith(sample());
    mkdirSync(`${file}.lock`);
    writeFileSync(join(`${file}.lock`, entry), '');
    const error = await failure(() => store.update((c) => withNote(c, 'x')));
    expect(error.message).toContain(message);
    expect(error.hint).toContain(`${hint} "${file}.lock"`);
    expect(notesIn(file)).toEqual([]);
  });

  it('clears what commands that died left beside it, and not what a live one is using', async () => {
    const { dir, store } = storeWith(sample(), { lockTiming: { staleMs: 1000 } });
    const old = new Date(Date.now() - 5000);
    const drafts: [string, string][] = [
      ['progress.json.lock.41-dead', `41-dead@${old.getTime()}`],
      ['progress.json.lock.42-live', `42-live@${Date.now()}`],
    ];
    for (const [name, entry] of drafts) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, entry), '');
    }
    utimesSync(join(dir, 'progress.json.lock.41-dead'), old, old);
    writeFileSync(join(dir, 'progress.json.lock.43-taker.stale'), '');
    // A temporary file of a write that stalled: cleared, so that write can no longer land.
    writeFileSync(join(dir, 'progress.json.tmp-1765000000a1b2c3'), '{}');
    await store.update((c) => withNote(c, 'x'));
    expect(readdirSync(dir).sort()).toEqual(['progress.json', 'progress.json.lock.42-live']);
  });

  it('explains a plain file in the lock’s place', async () => {
    const { file, store } = storeWith(sample());
    writeFileSync(`${file}.lock`, 'not a lock');
    const error = await failure(() => store.update((c) => withNote(c, 'x')));
    expect(error.message).toContain('is a file, not a lock that backend-path made');
    expect(error.hint).toContain(`rm "${file}.lock"`);
  });

  it('refuses a second holder while the first holds it, even when both look at the same moment', async () => {
    const dir = tempDir();
    const file = join(dir, 'progress.json');
    const first = await acquireLock(file);
    let second: unknown;
    await acquireLock(file, { timing: { patienceMs: 30, retryMs: 5 } }).catch((error) => (second = error));
    expect(second).toBeInstanceOf(FailureError);
    first.release();
    (await acquireLock(file)).release();
  });
});
