import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SavedData } from '../../src/store/schema.js';
import { COURSE, fixture } from '../helpers/paths.js';
import { runBin } from '../helpers/spawn.js';
import { tempDir } from '../helpers/store.js';

// A damaged progress file must be refused at about the cost of reading a valid one: each big
// damaged file is run beside a valid file of about the same size, in the same test, and only the
// ratios of their CPU time and peak memory are checked (CPU time, since a shared machine's wall
// time measures its load). The valid read is `status --short --json`, which reads and validates
// the whole file on every run (the text line may be printed as kept: src/cli/kept.ts).
let saved: SavedData;

beforeAll(async () => {
  const dir = tempDir();
  const env = { BACKEND_PATH_CONFIG_DIR: dir, BACKEND_PATH_TODAY: '2026-11-23' };
  expect((await runBin(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--yes'], env)).code).toBe(0);
  saved = JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8')) as SavedData;
});

interface Usage {
  cpu: number;
  rss: number;
}

/** The binary run `times` times on `data`: the median CPU time and memory, with the last run's output. */
async function measure(data: SavedData, args: string[], times: number) {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'progress.json'), JSON.stringify(data, null, '\t'));
  const report = join(dir, 'usage.json');
  const env = {
    BACKEND_PATH_CONFIG_DIR: dir,
    BACKEND_PATH_TODAY: '2026-11-23',
    NODE_OPTIONS: `--require ${fixture('report-usage.cjs')}`,
    REPORT_USAGE: report,
  };
  const runs: (Usage & Awaited<ReturnType<typeof runBin>>)[] = [];
  for (let i = 0; i < times; i++) {
    const result = await runBin(args, env);
    runs.push({ ...result, ...(JSON.parse(readFileSync(report, 'utf8')) as Usage) });
  }
  const median = (key: keyof Usage) => runs.map((run) => run[key]).sort((a, b) => a - b)[times >> 1]!;
  return { ...runs.at(-1)!, cpu: median('cpu'), rss: median('rss'), file: join(dir, 'progress.json') };
}

const stage = () => saved.baseline.stages[0]!.id;
const note = (text: string) => ({ date: '2026-11-23', text });
const entry = (hours: number) => ({ date: '2026-11-23', hours });

// The big cases cost seconds a run, where one run's noise is small; the small ones run three times.
const CASES: [string, () => SavedData, () => SavedData, RegExp, number][] = [
  [
    'a 50 MB note',
    () => ({ ...saved, notes: { [stage()]: [note('x'.repeat(50_000_000))] } }),
    () => ({ ...saved, notes: { [stage()]: Array.from({ length: 50_000 }, () => note('x'.repeat(990))) } }),
    /:\d+:\d+ notes\.\w+\[0\]\.text should be at most 1000 characters/,
    1,
  ],
  [
    '300,000 keys that are not stage ids',
    () => ({ ...saved, progress: byKey((i) => `Bad Key ${i}`) }),
    () => ({ ...saved, progress: byKey((i) => `good-key-${i}`) }),
    /:\d+:\d+ progress\.Bad Key 0 should be a stage id/,
    1,
  ],
  [
    '100,001 log entries',
    () => ({ ...saved, log: Array.from({ length: 100_001 }, () => entry(0.5)) }),
    () => ({ ...saved, log: Array.from({ length: 100_000 }, () => entry(0.5)) }),
    /:\d+:\d+ log should hold at most 100000 entries/,
    3,
  ],
  [
    'a 10,000-entry log with one bad entry',
    () => ({ ...saved, log: Array.from({ length: 10_000 }, (_, i) => entry(i === 9_000 ? 25 : 0.5)) }),
    () => ({ ...saved, log: Array.from({ length: 10_000 }, () => entry(0.5)) }),
    /:\d+:\d+ log\[9000\]\.hours should be a number of hours from 0\.01 to 24/,
    3,
  ],
];

function byKey(key: (i: number) => string): SavedData['progress'] {
  return Object.fromEntries(
    Array.from({ length: 300_000 }, (_, i) => [key(i), { status: 'done' as const, date: '2026-11-23' }]),
  );
}

describe('a big damaged progress file', () => {
  it.each(CASES)(
    'with %s is refused, located, at about the cost of a valid read',
    async (_what, bad, good, where, times) => {
      const valid = await measure(good(), ['status', '--short', '--json'], times);
      expect(valid.code).toBe(0);
      expect(valid.stdout).not.toContain('backend-path: see');

      const located = await measure(bad(), ['status'], times);
      expect(located.code).toBe(1);
      expect(located.stderr).toMatch(where);
      expect(located.stderr).toContain(located.file);
      const line = await measure(bad(), ['status', '--short'], times);
      expect({ code: line.code, stdout: line.stdout.replace(/`.*`/, '`…`') }).toEqual({
        code: 0,
        stdout: 'backend-path: see `…`\n',
      });

      // Generous multiples: the damaged runs measured 0.7x to 1.3x of the valid one in time, and up to
      // 1.4x in memory (300,000 problems are 300,000 messages kept until the first five are chosen).
      const details = JSON.stringify({
        valid: [valid.cpu, valid.rss],
        located: [located.cpu, located.rss],
        line: [line.cpu, line.rss],
      });
      expect(located.cpu / valid.cpu, `located time ${details}`).toBeLessThanOrEqual(2);
      expect(located.rss / valid.rss, `located memory ${details}`).toBeLessThanOrEqual(2);
      expect(line.cpu / valid.cpu, `prompt line time ${details}`).toBeLessThanOrEqual(1.5);
      expect(line.rss / valid.rss, `prompt line memory ${details}`).toBeLessThanOrEqual(2);
    },
  );
});
