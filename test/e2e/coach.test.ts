import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/store.js';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const json = async (args: string[], env: Record<string, string>) => {
  const result = await runCli([...args, '--json'], env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
};

async function planned(today = '2026-01-05'): Promise<{ BACKEND_PATH_CONFIG_DIR: string; BACKEND_PATH_TODAY: string }> {
  const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: today };
  const result = await runCli(['plan', '--track', 'node', '--hours', '10', '--start', '2026-01-05'], env);
  expect(result.code).toBe(0);
  return env;
}

describe('a learner plays through the weeks', () => {
  it('plan, next, log, done, status, replan', async () => {
    const env = await planned();
    const file = join(env.BACKEND_PATH_CONFIG_DIR, 'progress.json');

    const first = await json(['next'], env);
    expect(first.stage).toMatchObject({ id: 'language', title: 'One language, properly', start: '2026-01-05', end: '2026-02-15' });
    expect(first.stage.tools).toContain('TypeScript (the default for serious Node backends)');
    expect(first.stage.resources.length).toBeGreaterThanOrEqual(2);
    expect(first.stage.project).toMatch(/CSV/);
    expect(first.daysLeft).toBe(41);

    const nextText = await runCli(['next'], env);
    expect(nextText.stdout).toContain('Next: 1. One language, properly');
    expect(nextText.stdout).toContain('Mon 5 Jan – Sun 15 Feb 2026 · 41 days left');
    expect(nextText.stdout).toContain('• The Odin Project - NodeJS course\n    https://www.theodinproject.com/paths/full-stack-javascript/courses/nodejs\n');
    expect(nextText.stdout).toContain('backend-path done language');

    // Two weeks in, ten hours logged each week.
    for (const [date, hours] of [['2026-01-06', '5'], ['2026-01-08', '5'], ['2026-01-13', '4'], ['2026-01-15', '6']] as const) {
      expect((await runCli(['log', hours, '--date', date], { ...env, BACKEND_PATH_TODAY: '2026-01-18' })).code).toBe(0);
    }
    const weekTwo = await json(['status'], { ...env, BACKEND_PATH_TODAY: '2026-01-18' });
    expect(weekTwo).toMatchObject({ loggedHours: 20, done: 0, percent: 0, daysAhead: -13, baselineFinish: '2026-05-24' });
    expect(weekTwo.week).toMatchObject({ number: 2, hours: 10, target: 10 });
    expect(weekTwo.streak).toBe(2);

    // Finishes the language stage early, on 1 February, and HTTP the same day.
    const done = await json(['done', 'language', '2'], { ...env, BACKEND_PATH_TODAY: '2026-02-01' });
    expect(done.changed.map((s: { id: string }) => s.id)).toEqual(['language', 'http']);
    expect(done.next).toMatchObject({ id: 'rest-api', start: '2026-02-23' });
    const ahead = await json(['status'], { ...env, BACKEND_PATH_TODAY: '2026-02-01' });
    expect(ahead).toMatchObject({ done: 2, skipped: 0, total: 9, doneHours: 70, totalHours: 200, percent: 35 });
    // Baseline expected 27 days x 10/7 h = 38.57 h by 1 February; 70 h are done: 22 days ahead.
    expect(ahead.daysAhead).toBe(22);
    const statusText = await runCli(['status'], { ...env, BACKEND_PATH_TODAY: '2026-02-01' });
    expect(statusText.stdout).toContain('22 days ahead');
    expect(statusText.stdout).toMatch(/35% · 70 h of 200 h · 2 of 9 stages done/);

    // Marking a done stage again is harmless and says so.
    const again = await runCli(['done', 'http'], { ...env, BACKEND_PATH_TODAY: '2026-02-01' });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Already done: How HTTP works (nothing to change)');

    // Then life happens: nothing more until April. Replan moves the finish and keeps the original.
    const late = { ...env, BACKEND_PATH_TODAY: '2026-04-01' };
    expect((await json(['status'], late)).daysAhead).toBeLessThan(0);
    const replan = await json(['replan', '--yes'], late);
    expect(replan).toMatchObject({ replanned: true, oldFinish: '2026-05-24', originalFinish: '2026-05-24' });
    expect(replan.newFinish).toBe('2026-06-30'); // 130 h left at 10/7 h a day is 91 days from 1 April
    expect(replan.slipDays).toBe(37);
    const after = await json(['status'], late);
    expect(after).toMatchObject({ baselineFinish: '2026-06-30', originalFinish: '2026-05-24', daysAhead: 0 });
    expect(JSON.parse(readFileSync(file, 'utf8')).progress.language.status).toBe('done');
  });

  it('undo, skip and note', async () => {
    const env = await planned();
    await runCli(['done', 'language'], env);
    const undo = await json(['undo', 'language'], env);
    expect(undo.changed).toEqual([{ id: 'language', title: 'One language, properly' }]);

    const skip = await runCli(['skip', 'orm'], env);
    expect(skip.code).toBe(0);
    expect(skip.stdout).toContain('is not an optional stage');
    const status = await json(['status'], env);
    expect(status).toMatchObject({ done: 0, skipped: 1, totalHours: 190 });

    expect((await runCli(['note', 'sql', 'Use EXPLAIN ANALYZE on slow joins'], env)).code).toBe(0);
    const withNote = await json(['status'], env);
    expect(withNote.stages.find((s: { id: string }) => s.id === 'sql-postgres').notes).toEqual([{ date: '2026-01-05', text: 'Use EXPLAIN ANALYZE on slow joins' }]);
  });

  it('says when everything is done and points to the portfolio', async () => {
    const env = await planned();
    await runCli(['done', '1', '2', '3', '4', '5', '6', '7', '8', '9'], env);
    expect(await json(['next'], env)).toEqual({ stage: null, daysLeft: null });
    const text = await runCli(['next'], env);
    expect(text.stdout).toContain('Every stage is done');
    expect(text.stdout).toMatch(/portfolio/i);
  });
});

describe('bad input and missing plans', () => {
  it('needs a plan first (exit 1)', async () => {
    for (const args of [['next'], ['status'], ['done', 'http'], ['log', '1'], ['replan', '--yes']]) {
      const result = await runCli(args, { BACKEND_PATH_CONFIG_DIR: tempDir() });
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain('Run `backend-path plan` to make one.');
    }
  });

  it('refuses an unknown stage with suggestions and saves nothing (exit 2)', async () => {
    const env = await planned();
    const file = join(env.BACKEND_PATH_CONFIG_DIR, 'progress.json');
    const before = sha(file);
    const result = await runCli(['done', 'http', 'sqll'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown stage "sqll". Did you mean "sql-postgres"?');
    expect(result.stderr).toContain('backend-path status');
    expect(sha(file)).toBe(before);
  });

  it.each([
    [['log', '0'], 'Hours must be a number above 0 and at most 24'],
    [['log', 'lots'], 'got "lots"'],
    [['done', 'http', '--date', '2026-13-01'], '--date must be a real calendar date'],
    [['done', 'http', '--date', '2027-01-01'], '--date cannot be in the future'],
    [['replan'], 'pass --yes'],
    [['reset'], 'pass --yes'],
  ])('%j is a usage error', async (args, message) => {
    const env = await planned();
    const result = await runCli(args, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

describe('never lose progress', () => {
  it('twenty parallel `log 1` leave 20 hours logged', async () => {
    const env = await planned();
    const results = await Promise.all(Array.from({ length: 20 }, () => runCli(['log', '1'], env)));
    expect(results.map((r) => r.code)).toEqual(Array(20).fill(0));
    expect((await json(['status'], env)).loggedHours).toBe(20);
  });

  it('nine parallel `done` of different stages leave nine stages done', async () => {
    const env = await planned();
    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => runCli(['done', String(i + 1)], env)));
    expect(results.map((r) => r.code)).toEqual(Array(9).fill(0));
    expect((await json(['status'], env)).done).toBe(9);
  });

  it('stops on a damaged file, names it, leaves it byte for byte, and reset moves it aside', async () => {
    const env = await planned();
    const file = join(env.BACKEND_PATH_CONFIG_DIR, 'progress.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"hoursPerWeek": 10', '"hoursPerWeek": "ten"'));
    const before = sha(file);
    for (const args of [['next'], ['status'], ['done', 'http'], ['log', '1'], ['plan', '--track', 'node', '--hours', '5', '--yes']]) {
      const result = await runCli(args, env);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain(`${file} is damaged: profile.hoursPerWeek is wrong`);
      expect(result.stderr).toContain('reset --yes');
      expect(sha(file)).toBe(before);
    }
    const reset = await runCli(['reset', '--yes'], env);
    expect(reset.code).toBe(0);
    expect(existsSync(file)).toBe(false);
    const aside = readdirSync(env.BACKEND_PATH_CONFIG_DIR).find((name) => name.endsWith('.bak'))!;
    expect(sha(join(env.BACKEND_PATH_CONFIG_DIR, aside))).toBe(before);
    expect(reset.stdout).toContain(aside);
  });

  it('keeps and reports progress of a stage the roadmap no longer has', async () => {
    const env = await planned();
    const file = join(env.BACKEND_PATH_CONFIG_DIR, 'progress.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.progress['graphql-basics'] = { status: 'done', date: '2026-01-04' };
    writeFileSync(file, JSON.stringify(data));
    expect((await json(['status'], env)).orphans).toEqual([{ id: 'graphql-basics', status: 'done' }]);
    expect((await runCli(['status'], env)).stdout).toContain('Kept progress for stages this roadmap no longer has: graphql-basics (done)');
    await runCli(['done', 'http'], env);
    expect(JSON.parse(readFileSync(file, 'utf8')).progress['graphql-basics']).toEqual({ status: 'done', date: '2026-01-04' });
  });
});
