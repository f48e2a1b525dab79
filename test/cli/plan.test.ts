import { COURSE } from '../helpers/paths.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, learner, run } from '../helpers/cli.js';
import { tempDir } from '../helpers/store.js';

const PLAN = ['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-11-23'];

describe('backend-path plan', () => {
  it('prints a dated, week-by-week plan and saves it', async () => {
    const { code, stdout, stderr } = await run(PLAN);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain('Dates      Mon 23 Nov 2026 → Sun 11 Apr 2027');
    expect(stdout).toContain('Week 7 · Mon 4 Jan – Sun 10 Jan 2027');
    expect(stdout).toMatch(/Saved your plan in .*progress\.json/);
    expect(stdout).not.toContain('Every date of this plan is past');
  });

  it('says so when every date of the plan is already past, and the way on', async () => {
    const me = learner();
    const { code, stdout } = await me(PLAN, '2027-05-03');
    expect(code).toBe(0);
    expect(stdout.replace(/\s+/g, ' ')).toContain(
      'Every date of this plan is past: it was to finish Sun 11 Apr. Mark what you have done with `backend-path done <stage>`, then `backend-path replan` lays out what is left from today.',
    );
    // The day it finishes is not past yet.
    expect((await learner()(PLAN, '2027-04-11')).stdout).not.toContain('Every date of this plan is past');
  });

  it('prints the plan as JSON with every stage window', async () => {
    const plan = json((await run([...PLAN, '--json'])).stdout);
    expect(plan).toMatchObject({
      roadmap: { id: 'course' },
      track: 'node',
      hoursPerWeek: 10,
      start: '2026-11-23',
      finish: '2027-04-11',
      totalHours: 200,
      saved: true,
    });
    expect(plan.stages[2]).toMatchObject({
      number: 3,
      id: 'rest-api',
      start: '2027-01-11',
      end: '2027-02-07',
      status: 'todo',
      plannedHours: 40,
    });
    expect(plan.weeks).toHaveLength(20);
  });

  it('without a terminal asks for the missing flags, and --yes takes the defaults', async () => {
    const missing = await run(['plan']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      'No terminal to ask on, so pass --track and --hours (or --yes to take the defaults).',
    );
    const defaults = json((await run(['plan', '--roadmap', COURSE, '--yes', '--json'])).stdout);
    expect(defaults).toMatchObject({ track: 'node', hoursPerWeek: 10, start: '2026-11-23' });
    // Without --roadmap, the plan follows the built-in default roadmap.
    expect(json((await run(['plan', '--yes', '--json'])).stdout).roadmap.id).toBe('backend');
  });

  it('re-prints the saved plan, and replaces it only with --yes, keeping progress', async () => {
    const me = learner();
    await me(PLAN);
    expect((await me(['done', 'language'], '2026-11-30')).code).toBe(0);
    expect(json((await me(['plan', '--json'], '2026-11-30')).stdout)).toMatchObject({
      saved: false,
      finish: '2027-04-11',
    });
    const refused = await me(['plan', '--hours', '12'], '2026-11-30');
    expect([refused.code, refused.stderr]).toEqual([
      2,
      'Error: You already have a plan; pass --yes to lay it out again with these answers (your progress, log and first start are kept).\nTo change only the pace or the start, `backend-path replan --hours <n>` or `backend-path replan --start <date>` does it.\n',
    ]);
    const replaced = json((await me(['plan', '--hours', '12', '--yes', '--json'], '2026-11-30')).stdout);
    expect(replaced).toMatchObject({ saved: true, replaced: true, hoursPerWeek: 12 });
    expect(replaced.stages[0]).toMatchObject({ id: 'language', status: 'done', start: null });
  });

  it('lays the plan out again from a start given on the command line, even when it is today', async () => {
    const me = learner();
    await me(PLAN);
    // The same answers, the plan's own start included: nothing to change.
    expect(json((await me([...PLAN, '--json'], '2026-11-30')).stdout)).toMatchObject({ saved: false });
    const today = json((await me([...PLAN.slice(0, -1), '2026-11-30', '--yes', '--json'], '2026-11-30')).stdout);
    expect(today).toMatchObject({ saved: true, start: '2026-11-30' });
  });

  it.each([
    [['--roadmap', '--yes'], '--roadmap needs a value, but the next word is --yes, a flag.'],
    [['--track', '-y'], '--track needs a value, but the next word is -y, a flag.'],
    [
      ['--start', '2020-01-01'],
      '--start must be within a year of today, from 2025-11-23 to 2027-11-23; got 2020-01-01.',
    ],
    [
      ['--start', '9999-12-31'],
      '--start must be a real date written YYYY-MM-DD, in the years 1970 to 2999; got "9999-12-31".',
    ],
    [
      ['--start', '2026-02-30'],
      '--start must be a real date written YYYY-MM-DD, in the years 1970 to 2999; got "2026-02-30".',
    ],
    [
      ['--hours', '0x10'],
      '--hours must be a number of hours a week from 1 to 80, with at most two decimals, like 10, 7.5 or 7.5h; got "0x10".',
    ],
    [
      ['--hours', '1e308'],
      '--hours must be a number of hours a week from 1 to 80, with at most two decimals, like 10, 7.5 or 7.5h; got "1e308".',
    ],
    [
      ['--hours', '81'],
      '--hours must be a number of hours a week from 1 to 80, with at most two decimals, like 10, 7.5 or 7.5h; got "81".',
    ],
    [
      ['--track', 'toString'],
      'Unknown track "toString". The course roadmap has: node (Node.js (TypeScript)), python (Python).',
    ],
    [
      ['--track', '__proto__'],
      'Unknown track "__proto__". The course roadmap has: node (Node.js (TypeScript)), python (Python).',
    ],
    [['--roadmap', 'frontend'], 'Unknown roadmap "frontend". Built-in roadmaps are: backend, backend-extended.'],
  ])('refuses %j with one sentence and exit 2, saving nothing', async (flags, message) => {
    const dir = tempDir();
    const { code, stdout, stderr } = await run(
      ['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', ...flags],
      {
        env: { BACKEND_PATH_CONFIG_DIR: dir },
      },
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(`Error: ${message}`);
    expect((await run(['status'], { env: { BACKEND_PATH_CONFIG_DIR: dir } })).code).toBe(1);
  });

  it.each([
    ['10h', 10],
    ['7.5 h', 7.5],
    ['6.25H', 6.25],
  ])('takes --hours %s as %d hours a week, as log takes 1.5h', async (text, hours) => {
    const dir = tempDir();
    const env = { BACKEND_PATH_CONFIG_DIR: dir };
    const planned = await run(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', text, '--yes'], { env });
    expect(planned.code).toBe(0);
    expect(JSON.parse((await run(['plan', '--json'], { env })).stdout).hoursPerWeek).toBe(hours);
  });

  it('refuses a plan that would end after 2999 and an impossible today', async () => {
    const far = await run(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '1', '--start', '2999-06-01'], {
      env: { BACKEND_PATH_TODAY: '2999-01-01' },
    });
    expect(far.code).toBe(2);
    expect(far.stderr).toContain('This plan would end after the year 2999');
    const bad = await run(PLAN, { env: { BACKEND_PATH_TODAY: '9999-12-20' } });
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'Error: BACKEND_PATH_TODAY must be a real date written YYYY-MM-DD, in the years 1970 to 2999.\n',
    ]);
  });
});

describe('a roadmap of your own', () => {
  const custom = (dir: string, tracks = 'node: {title: Node.js}\n  python: {title: Python}', extra = '') => {
    const file = join(dir, 'mine.yaml');
    writeFileSync(
      file,
      `id: mine\ntitle: Mine\ntracks:\n  ${tracks}\nstages:\n  - {id: one, title: One, hours: 7}\n  - {id: two, title: Two, hours: 7}\n${extra}`,
    );
    return file;
  };

  it('plans from the file; a changed file is reported by reading commands and adopted only by replan', async () => {
    const dir = tempDir();
    const file = custom(dir);
    const me = learner();
    expect(
      (await me(['plan', '--roadmap', file, '--track', 'node', '--hours', '7', '--start', '2026-11-23'])).code,
    ).toBe(0);
    custom(dir, undefined, '  - {id: three, title: Three, hours: 7}\n');
    const store = join(json((await me(['plan', '--json'])).stdout).file);
    const before = readFileSync(store, 'utf8');
    for (const command of [['status'], ['next'], ['export', '--format', 'json'], ['complete', '--', 'done', '']]) {
      const result = await me(command);
      expect(result.code).toBe(0);
      if (command[0] !== 'complete')
        expect(result.stderr).toContain('changed since your plan was made; run `backend-path replan`');
    }
    expect(readFileSync(store, 'utf8')).toBe(before);
    const replanned = json((await me(['replan', '--yes', '--json'])).stdout);
    expect(replanned.stages.map((s: { id: string }) => s.id)).toEqual(['one', 'two', 'three']);
    // The study hours each stage is given, under the name plan --json gives them (its `hours` is the estimate).
    const planned = json((await me(['plan', '--json'])).stdout);
    expect(replanned.stages.map((s: { id: string; plannedHours: number }) => [s.id, s.plannedHours])).toEqual(
      planned.stages.map((s: { id: string; plannedHours: number }) => [s.id, s.plannedHours]),
    );
    expect((await me(['status'])).stderr).toBe('');
  });

  it("credits hours logged under one track up to the other track's hours when the plan changes track", async () => {
    const file = join(tempDir(), 'tracks.yaml');
    writeFileSync(
      file,
      'id: tracks\ntitle: Tracks\ntracks:\n  node: {title: Node.js}\n  python: {title: Python}\nstages:\n  - {id: one, title: One, hours: {node: 10, python: 20}}\n  - {id: two, title: Two, hours: 7}\n',
    );
    const me = learner();
    await me(['plan', '--roadmap', file, '--track', 'node', '--hours', '7', '--start', '2026-11-23']);
    await me(['log', '15', '--date', '2026-11-23'], '2026-11-24');
    const plan = json((await me(['plan', '--track', 'python', '--yes', '--json'], '2026-11-24')).stdout);
    // 15 of python's 20 h are logged: 5 h are left, and the plan and the standing say the same.
    expect(plan.stages[0]).toMatchObject({ id: 'one', hours: 20, plannedHours: 5 });
    expect(json((await me(['status', '--json'], '2026-11-24')).stdout).progress).toMatchObject({
      verdict: 'on-track',
      daysAhead: 0,
      creditedHours: 15,
    });
  });

  it('says so when the learner track disappears from the file', async () => {
    const dir = tempDir();
    const file = custom(dir);
    const me = learner();
    await me(['plan', '--roadmap', file, '--track', 'python', '--hours', '7', '--start', '2026-11-23']);
    custom(dir, 'node: {title: Node.js}');
    const status = await me(['status']);
    expect(status.code).toBe(1);
    expect(status.stderr).toContain(
      `Error: Your plan follows the track "python", which ${file} no longer has (it has: node).`,
    );
  });
});
