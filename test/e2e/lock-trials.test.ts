import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SavedData } from '../../src/store/schema.js';
import { savedFor } from '../helpers/learner.js';
import { buildLockWriter } from '../helpers/lock-writer.js';
import { tempDir } from '../helpers/store.js';

// Writers in processes of their own race for the progress file's lock, over many rounds, and the
// counts are checked: no acknowledged note lost, no writer told it stalled when it did not. The
// rounds multiply with BACKEND_PATH_TRIALS (BACKEND_PATH_TRIALS=10 for a long run); the stale time is short, so
// the only waiting is for a lock to go stale where a trial needs one to.
const TRIALS = Number(process.env.BACKEND_PATH_TRIALS ?? 1);
// A guard against a hang, grown with the rounds: each round takes a few seconds on a busy machine.
const GUARD = 120_000 * TRIALS;
/** A long run prints its counts, for the record. */
const record = (counts: object) => void (process.env.BACKEND_PATH_TRIALS && console.log(JSON.stringify(counts)));
const STALLED = 'took over the lock while this one was stalled';
let writer: string;

beforeAll(async () => {
  writer = await buildLockWriter();
});

interface Writer {
  id: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; stderr: string }>;
  /** Resolves once a holding writer holds the lock. */
  locked: Promise<void>;
}

function startWriter(dir: string, id: string, staleMs: number, hold = false): Writer {
  const child = spawn(process.execPath, [writer, dir, id, String(staleMs), hold ? 'hold' : 'plain'], {
    stdio: [hold ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const locked = new Promise<void>((resolve) =>
    child.stdout!.on('data', (chunk) => String(chunk).includes('locked') && resolve()),
  );
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr })),
  );
  return { id, child, exited, locked };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A store with a plan, and with `entries` log entries to make every write long. */
function freshStore(entries = 0): string {
  const dir = tempDir();
  const data = savedFor({ hours: [10, 20], perWeek: 10, start: '2026-01-05' }).data;
  data.log = Array.from({ length: entries }, () => ({ date: '2026-01-06', hours: 0.01 }));
  writeFileSync(join(dir, 'progress.json'), JSON.stringify(data));
  return dir;
}

const notesIn = (dir: string): Set<string> =>
  new Set(
    ((JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8')) as SavedData).notes.s1 ?? []).map((n) => n.text),
  );

/** Lost: writers that exited 0 but whose note is not in the file. Stalled: writers told they stalled. */
async function tally(dir: string, writers: Writer[]) {
  const results = await Promise.all(writers.map(async (w) => ({ id: w.id, ...(await w.exited) })));
  const notes = notesIn(dir);
  return {
    lost: results.filter((r) => r.code === 0 && !notes.has(`note ${r.id}`)).length,
    /** Who exited how, and whether their note is in the file, for the message of a failed count. */
    outcomes: results.map((r) => `${r.id}:${r.code}${notes.has(`note ${r.id}`) ? '+' : '-'}`).join(' '),
    stalled: results.filter((r) => r.stderr.includes(STALLED)).length,
    failed: results.filter((r) => r.code !== 0),
    saved: results.filter((r) => r.code === 0).length,
  };
}

describe('the progress file lock, between processes', () => {
  it(
    `fails a writer stopped while holding the lock and resumed after another took it over (${4 * TRIALS} trials)`,
    async () => {
      const staleMs = 300;
      let lost = 0;
      let stalledFailed = 0;
      const others: string[] = [];
      for (let trial = 0; trial < 4 * TRIALS; trial++) {
        const dir = freshStore();
        const stopped = startWriter(dir, 'stopped', staleMs, true);
        await stopped.locked;
        stopped.child.kill('SIGSTOP');
        await sleep(staleMs * 2);
        const taker = startWriter(dir, 'taker', staleMs, true);
        await taker.locked;
        // The stopped writer resumes and tries to save while the taker holds the lock.
        stopped.child.kill('SIGCONT');
        stopped.child.stdin!.end('go\n');
        const first = await stopped.exited;
        taker.child.stdin!.end('go\n');
        const counts = await tally(dir, [stopped, taker]);
        lost += counts.lost;
        if (first.code === 1 && first.stderr.includes(STALLED)) stalledFailed += 1;
        else others.push(`exit ${first.code}: ${first.stderr.trim()}`);
        expect(counts.saved).toBe(1);
        expect(notesIn(dir)).toEqual(new Set(['note taker']));
      }
      record({ trials: 4 * TRIALS, lost, stalledFailed });
      expect({ lost, stalledFailed }, `the stalled writers that were not told so: ${others.join(' | ')}`).toEqual({
        lost: 0,
        stalledFailed: 4 * TRIALS,
      });
    },
    GUARD,
  );

  it(
    `keeps every acknowledged note when a writer is stopped at a random moment (${6 * TRIALS} trials)`,
    async () => {
      // Long enough that the writers that are not stopped never pause that long on a busy machine.
      const staleMs = 1000;
      let lost = 0;
      let saved = 0;
      const losses: string[] = [];
      for (let trial = 0; trial < 6 * TRIALS; trial++) {
        const dir = freshStore();
        const stopped = startWriter(dir, 'stopped', staleMs);
        // Anywhere from start-up to after its save, as a laptop lid closes when it closes.
        await sleep(Math.random() * 300);
        stopped.child.kill('SIGSTOP');
        await sleep(staleMs * 2);
        const others = [startWriter(dir, 'a', staleMs), startWriter(dir, 'b', staleMs)];
        await sleep(Math.random() * 50);
        stopped.child.kill('SIGCONT');
        const counts = await tally(dir, [stopped, ...others]);
        lost += counts.lost;
        saved += counts.saved;
        if (counts.lost > 0) losses.push(counts.outcomes);
        // Only the writer that was stopped may fail, and only by saying it stalled.
        for (const failure of counts.failed)
          expect([failure.id, failure.stderr]).toEqual(['stopped', expect.stringContaining(STALLED)]);
      }
      record({ trials: 6 * TRIALS, lost, saved });
      expect(lost, losses.join('; ')).toBe(0);
      expect(saved).toBeGreaterThanOrEqual(12 * TRIALS);
    },
    GUARD,
  );

  it(
    `keeps every acknowledged note when a writer is stopped while conf writes its file (${6 * TRIALS} trials)`,
    async () => {
      const staleMs = 1000;
      let lost = 0;
      let caught = 0;
      const losses: string[] = [];
      for (let trial = 0; trial < 6 * TRIALS; trial++) {
        // 60,000 log entries: writing the temporary file of several megabytes takes a while.
        const dir = freshStore(60_000);
        const stopped = startWriter(dir, 'stopped', staleMs, true);
        await stopped.locked;
        let exited = false;
        void stopped.exited.then(() => (exited = true));
        stopped.child.stdin!.end('go\n');
        // Stopped once conf's temporary file exists: between its creation and the rename.
        while (!exited && !readdirSync(dir).some((name) => name.startsWith('progress.json.tmp-'))) await sleep(0);
        stopped.child.kill('SIGSTOP');
        if (readdirSync(dir).some((name) => name.startsWith('progress.json.tmp-'))) caught += 1;
        await sleep(staleMs * 2);
        const others = [startWriter(dir, 'a', staleMs), startWriter(dir, 'b', staleMs)];
        await Promise.all(others.map((w) => w.exited));
        stopped.child.kill('SIGCONT');
        const counts = await tally(dir, [stopped, ...others]);
        lost += counts.lost;
        if (counts.lost > 0) losses.push(counts.outcomes);
      }
      record({ trials: 6 * TRIALS, caught, lost });
      expect(lost, losses.join('; ')).toBe(0);
    },
    GUARD,
  );

  it(
    `lets one of 25 writers take over a dead writer's lock, and loses no note (${2 * TRIALS} rounds)`,
    async () => {
      // Long enough that a holder starved by 25 starting processes still refreshes its lock in time.
      const staleMs = 3000;
      let lost = 0;
      let stalled = 0;
      let saved = 0;
      for (let round = 0; round < 2 * TRIALS; round++) {
        const dir = freshStore();
        const dead = startWriter(dir, 'dead', staleMs, true);
        await dead.locked;
        // Its lock goes stale, then it dies holding it: all 25 find a stale lock at once.
        dead.child.kill('SIGSTOP');
        await sleep(staleMs + 100);
        dead.child.kill('SIGKILL');
        await dead.exited;
        const writers = Array.from({ length: 25 }, (_, i) => startWriter(dir, String(i), staleMs));
        const counts = await tally(dir, writers);
        lost += counts.lost;
        stalled += counts.stalled;
        saved += counts.saved;
      }
      record({ rounds: 2 * TRIALS, lost, stalled, saved });
      expect({ lost, stalled, saved }).toEqual({ lost: 0, stalled: 0, saved: 50 * TRIALS });
    },
    GUARD,
  );

  it(
    `never tells one of 2 to 5 writers racing for a free lock that it stalled (${16 * TRIALS} rounds)`,
    async () => {
      let lost = 0;
      let stalled = 0;
      let writersRun = 0;
      let saved = 0;
      for (let round = 0; round < 16 * TRIALS; round++) {
        const dir = freshStore();
        const writers = Array.from({ length: 2 + (round % 4) }, (_, i) => startWriter(dir, String(i), 10_000));
        writersRun += writers.length;
        const counts = await tally(dir, writers);
        lost += counts.lost;
        stalled += counts.stalled;
        saved += counts.saved;
      }
      record({ rounds: 16 * TRIALS, writers: writersRun, lost, stalled, saved });
      expect({ lost, stalled, saved }).toEqual({ lost: 0, stalled: 0, saved: writersRun });
    },
    GUARD,
  );
});

describe('a signal once the change is saved', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'a %s that arrives after the save leaves the run to end as it would (exit 0), the note kept',
    async (signal) => {
      const dir = freshStore();
      const child = spawn(process.execPath, [writer, dir, 'late', '10000', 'after'], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('close', (code, signal) => resolve({ code, signal })),
      );
      await new Promise<void>((resolve) =>
        child.stdout!.on('data', (chunk) => String(chunk).includes('saved') && resolve()),
      );
      // Before the fix the default action ended the process here: killed by the signal, as a
      // Ctrl-C reports 130, for a change that was made.
      child.kill(signal);
      child.stdin!.write('go\n');
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(notesIn(dir)).toEqual(new Set(['note late']));
    },
  );
});
