import { COURSE } from '../helpers/paths.js';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '../../src/plan/dates.js';
import { json, learner } from '../helpers/cli.js';
import { tempDir } from '../helpers/store.js';

const PLAN = ['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-11-23'];

async function planned() {
  const me = learner();
  expect((await me(PLAN)).code).toBe(0);
  return me;
}

describe('the coach through the CLI', () => {
  it('tells the same story in status, next and JSON over the weeks, without a cliff', async () => {
    const me = await planned();
    await me(['done', 'language', 'http'], '2027-01-10');
    const feb7 = json((await me(['status', '--json'], '2027-02-07')).stdout);
    const feb8 = json((await me(['status', '--json'], '2027-02-08')).stdout);
    expect([feb7.verdict, feb7.daysAhead, feb7.projectedFinish]).toEqual(['behind', -27, '2027-05-08']);
    expect([feb8.verdict, feb8.daysAhead, feb8.projectedFinish]).toEqual(['behind', -28, '2027-05-09']);
    expect(feb8).toMatchObject({
      creditedHours: 70,
      recent: null,
      baselineFinish: '2027-04-11',
      advice: { command: 'backend-path replan' },
    });
    const status = (await me(['status'], '2027-02-08')).stdout;
    expect(status.replace(/\n/g, ' ')).toContain(
      '28 days behind: at 10 h a week you finish Sun 9 May, 28 days after your planned Sun 11 Apr.',
    );
    expect(status).toContain('Run `backend-path replan`');
    expect(status).toMatch(/ 3 ! rest-api +Build a REST API +Mon 11 Jan – Sun 7 Feb · overdue/);
    const next = await me(['next'], '2027-02-08');
    expect(next.stdout).toContain('28 days behind');
    expect(next.stdout).not.toMatch(/\d+ days? overdue/);
    expect(json((await me(['next', '--json'], '2027-02-08')).stdout).standing.daysAhead).toBe(-28);
  });

  it('credits logged hours to the stage in progress, and logging is never punished', async () => {
    const me = await planned();
    const before = json((await me(['status', '--json'], '2026-12-20')).stdout);
    const logged = json((await me(['log', '2', '--json'], '2026-12-20')).stdout);
    expect(logged.entry).toEqual({ date: '2026-12-20', hours: 2, stage: 'language' });
    const after = json((await me(['status', '--json'], '2026-12-20')).stdout);
    expect(after.creditedHours).toBe(2);
    expect(after.daysAhead).toBeGreaterThan(before.daysAhead);
    expect(after.projectedFinish < before.projectedFinish).toBe(true);
    // The second figure: 2 h in the last 28 days is 0.5 h a week, too little to give a finish date by.
    expect(after.recent).toEqual({ hoursPerWeek: 0.5, finish: null, days: 28 });
    expect((await me(['next'], '2026-12-20')).stdout).toContain('62 h of 64 h to go');
    expect((await me(['status'], '2026-12-20')).stdout.replace(/\n/g, ' ')).toContain(
      'At your recent pace of 0.5 h a week (last 4 weeks) there is no finish date',
    );
  });

  it("names the days a young plan's recent pace was measured over, in text and JSON alike", async () => {
    const me = await planned();
    // 9 h in the 9 days since Mon 23 Nov is 7 h a week: the other 191 h take 191 days from 1 Dec.
    await me(['log', '9'], '2026-12-01');
    expect(json((await me(['status', '--json'], '2026-12-01')).stdout).recent).toEqual({
      hoursPerWeek: 7,
      finish: '2027-06-09',
      days: 9,
    });
    expect((await me(['status'], '2026-12-01')).stdout.replace(/\n/g, ' ')).toContain(
      'At your recent pace of 7 h a week (last 9 days, since your plan began) you finish Wed 9 Jun 2027.',
    );
  });

  it('says to start now when ahead, never "starts in N days"', async () => {
    const me = await planned();
    await me(['done', 'language', 'http', 'rest-api'], '2027-01-11');
    const next = (await me(['next'], '2027-01-11')).stdout;
    expect(next).toContain('you are 28 days ahead, so start it now');
    expect(next).not.toMatch(/starts in/);
    const stage = json((await me(['next', '--json'], '2027-01-11')).stdout).stage;
    expect(stage).toMatchObject({ id: 'sql-postgres', timing: 'ahead' });
    expect(stage.selfCheck.length).toBeGreaterThanOrEqual(3);
  });

  it('replans with a new pace, credits partial hours, and is on track that day', async () => {
    const me = await planned();
    await me(['done', 'language', 'http'], '2027-01-10');
    for (let day = 11; day <= 25; day++) await me(['log', '1', '--date', `2027-01-${day}`], '2027-02-08');
    const replan = json((await me(['replan', '--hours', '5', '--yes', '--json'], '2027-02-08')).stdout);
    expect(replan).toMatchObject({
      replanned: true,
      oldFinish: '2027-04-11',
      hoursPerWeek: 5,
      oldHoursPerWeek: 10,
      originalFinish: '2027-04-11',
    });
    // 15 of its 40 h were logged, so 25 h at 5 h a week: 35 days.
    expect(replan.stages[0]).toEqual({ id: 'rest-api', hours: 25, start: '2027-02-08', end: '2027-03-14' });
    expect(replan.standing).toMatchObject({ verdict: 'on-track', daysAhead: 0 });
    const text = (await me(['replan', '--hours', '6', '--yes'], '2027-02-08')).stdout;
    expect(text).toContain('Weekly target: 6 h (was 5 h)');
    expect(text).toMatch(/Finish: .* → /);
    const refused = await me(['replan', '--hours', '4'], '2027-02-08');
    expect(refused.code).toBe(2);
  });

  it('agrees on every window and the finish in plan, export and status after done, log and replan', async () => {
    const me = await planned();
    await me(['done', 'language'], '2027-01-02');
    await me(['log', '3'], '2027-01-05');
    await me(['replan', '--yes'], '2027-01-06');
    await me(['skip', 'orm'], '2027-01-07');
    const plan = json((await me(['plan', '--json'], '2027-01-08')).stdout);
    const exported = json((await me(['export', '--format', 'json'], '2027-01-08')).stdout);
    const status = json((await me(['status', '--json'], '2027-01-08')).stdout);
    const windows = (stages: { id: string; start: string | null; end: string | null }[]) =>
      stages.map((s) => [s.id, s.start, s.end]);
    expect(windows(exported.stages)).toEqual(windows(plan.stages));
    expect(windows(status.stages)).toEqual(windows(plan.stages));
    expect([exported.finish, status.baselineFinish]).toEqual([plan.finish, plan.finish]);
    expect(exported.standing.projectedFinish).toBe(status.projectedFinish);
    expect(exported.log).toHaveLength(1);
  });

  it('says a skipped window is slack until it has passed, and that replan moves the later stages up', async () => {
    const me = await planned();
    await me(['skip', 'orm'], '2026-12-01');
    const slack =
      'Skipping orm left its window in your plan empty; the stages after keep their dates until `backend-path replan` moves them up.';
    expect((await me(['status'], '2026-12-01')).stdout.replace(/\n/g, ' ')).toContain(slack);
    const orm = json((await me(['plan', '--json'], '2026-12-01')).stdout).stages.find(
      (s: { id: string }) => s.id === 'orm',
    );
    expect((await me(['status'], orm.end)).stdout.replace(/\n/g, ' ')).toContain(slack);
    expect((await me(['status'], addDays(orm.end, 1))).stdout).not.toContain('Skipping orm');
    await me(['replan', '--yes'], '2026-12-01');
    expect((await me(['status'], '2026-12-01')).stdout).not.toContain('Skipping orm');
  });

  it("tells the stage's timing the same way in next and the prompt line", async () => {
    const me = await planned();
    await me(['done', 'language', 'http'], '2026-12-01');
    // Ahead of rest-api's window (Mon 11 Jan), both say to start it now.
    expect(json((await me(['status', '--short', '--json'], '2026-12-01')).stdout)).toMatchObject({
      stage: 'rest-api',
      timing: 'ahead',
      daysLeft: null,
    });
    expect((await me(['next'], '2026-12-01')).stdout.replace(/\n\s*/g, ' ')).toContain('so start it now');
    expect((await me(['status', '--short'], '2026-12-01')).stdout).toMatch(/^rest-api · start now · /);
    // A stage put back after a replan has no window in the agreed plan.
    await me(['replan', '--yes'], '2026-12-01');
    await me(['undo', 'language'], '2026-12-01');
    expect(json((await me(['next', '--json'], '2026-12-01')).stdout).stage.timing).toBe('unscheduled');
    expect(json((await me(['status', '--short', '--json'], '2026-12-01')).stdout)).toMatchObject({
      stage: 'language',
      timing: 'unscheduled',
      daysLeft: null,
    });
    expect((await me(['status', '--short'], '2026-12-01')).stdout).toMatch(/^language · not in plan · /);
  });

  it('refuses dates before the plan began or in the future, with the range', async () => {
    const me = await planned();
    const early = await me(['done', 'language', '--date', '2020-01-01'], '2026-12-01');
    expect([early.code, early.stderr]).toEqual([
      2,
      'Error: --date must be from 2026-11-23, when your plan began, to today, 2026-12-01; got 2020-01-01.\n',
    ]);
    expect((await me(['log', '1', '--date', '2026-12-02'], '2026-12-01')).code).toBe(2);
    for (const hours of ['0x10', '1e-320', '25', '-1', '0']) {
      const result = await me(['log', hours], '2026-12-01');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        "Hours must be a number above 0 and at most 24 (one day's study), with at most two decimals, like 1.5",
      );
    }
  });

  it('marks, undoes and skips by id, number or title, and names an unknown stage with the list', async () => {
    const me = await planned();
    expect(
      json((await me(['done', '2', 'build a rest', '--json'])).stdout).changed.map((s: { id: string }) => s.id),
    ).toEqual(['http', 'rest-api']);
    expect(json((await me(['undo', 'http', '--json'])).stdout).changed).toEqual([
      { id: 'http', title: 'How HTTP works' },
    ]);
    const skipped = await me(['skip', 'orm']);
    expect(skipped.stdout).toContain('is not an optional stage');
    const unknown = await me(['done', 'kafka']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown stage "kafka". Stage ids are: language, http, rest-api');
    expect(unknown.stderr).toContain('Run `backend-path status` to list the stages with their ids and numbers.');
    const status = (await me(['status'])).stdout;
    expect(status).toMatch(/ 3 ✔ rest-api/);
    expect(status).toMatch(/ 5 – orm/);
  });

  it('mentions a missing project check when a checkable stage is marked done, and keeps the link', async () => {
    const me = await planned();
    const done = json((await me(['done', 'rest-api', '--link', 'https://github.com/me/todo-api', '--json'])).stdout);
    expect(done.warnings).toEqual([
      'Its project has not been checked yet: run `backend-path check rest-api` against your running API.',
    ]);
    expect(json((await me(['status', '--json'])).stdout).stages[2].links).toEqual(['https://github.com/me/todo-api']);
    const bad = await me(['link', 'rest-api', 'javascript:alert(1)']);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'Error: A link must be an http(s) URL such as https://github.com/you/todo-api; got "javascript:alert(1)".\n',
    ]);
  });

  it('measures a link as it is saved, and saves nothing for a link the stage already has', async () => {
    const dir = tempDir();
    const me = learner({ BACKEND_PATH_CONFIG_DIR: dir });
    await me(PLAN);
    const saved = () => JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8'));
    // 700 typed characters, 4,200 once percent-encoded: both commands refuse it the same way.
    const long = `https://example.com/${'é'.repeat(700)}`;
    for (const args of [
      ['link', 'rest-api', long],
      ['done', 'rest-api', '--link', long],
    ]) {
      expect(await me(args)).toMatchObject({
        code: 2,
        stderr: 'Error: A link may be at most 2000 characters once encoded; this one has 4220.\n',
      });
    }
    expect((await me(['done', 'rest-api', '--link', 'https://github.com/me/todo-api'])).code).toBe(0);
    const { revision } = saved();
    expect(json((await me(['link', 'rest-api', 'https://github.com/me/todo-api', '--json'])).stdout).added).toBe(false);
    await me(['done', 'rest-api', '--link', 'https://github.com/me/todo-api']);
    expect(saved()).toMatchObject({ revision, links: { 'rest-api': ['https://github.com/me/todo-api'] } });
  });

  it('says when the learner finished, early or late, and what to do next', async () => {
    const me = await planned();
    await me(
      ['done', 'language', 'http', 'rest-api', 'sql-postgres', 'orm', 'auth', 'deploy', 'testing', 'portfolio'],
      '2027-03-28',
    );
    const next = await me(['next'], '2027-03-30');
    expect(next.stdout).toContain('Finished on Sun 28 Mar, 14 days before your planned finish.');
    expect(next.stdout).toContain('polish your portfolio');
    expect(json((await me(['status', '--json'], '2027-03-30')).stdout)).toMatchObject({
      verdict: 'finished',
      daysAhead: 14,
      percent: 100,
    });
  });

  it('answers "no plan yet" with a pointer to plan, exit 1', async () => {
    const me = learner();
    for (const command of [['next'], ['status'], ['done', 'http'], ['log', '1'], ['export', '--format', 'md']]) {
      const result = await me(command);
      expect([result.code, result.stderr]).toEqual([
        1,
        'Error: You have no plan yet.\nRun `backend-path plan` to make one.\n',
      ]);
    }
  });
});
