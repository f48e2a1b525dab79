import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, learner } from '../helpers/cli.js';
import { COURSE } from '../helpers/paths.js';
import { tempDir } from '../helpers/store.js';

// The fixture course: 200 h (64, 6, 40, 30, 10, 20, 10, 10, 10) at 10 h a week from Mon 23 Nov
// 2026: the agreed finish is Sun 11 Apr 2027; language runs to Wed 6 Jan, http to Sun 10 Jan,
// rest-api Mon 11 Jan – Sun 7 Feb.
const PLAN = ['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-11-23'];
const flat = (text: string) => text.replace(/\n\s*/g, ' ');

async function planned() {
  const me = learner();
  expect((await me(PLAN)).code).toBe(0);
  return me;
}

describe('the coach through the CLI', () => {
  it('tells the same story in status, next and JSON over the weeks, without a cliff', async () => {
    const me = await planned();
    await me(['done', 'language', 'http'], '2027-01-10');
    const feb7 = json((await me(['status', '--json'], '2027-02-07')).stdout).progress;
    const feb8 = json((await me(['status', '--json'], '2027-02-08')).stdout).progress;
    expect([feb7.verdict, feb7.daysAhead, feb7.projectedFinish]).toEqual(['behind', -27, '2027-05-08']);
    expect([feb8.verdict, feb8.daysAhead, feb8.projectedFinish]).toEqual(['behind', -28, '2027-05-09']);
    expect(feb8).toMatchObject({ creditedHours: 70, plannedFinish: '2027-04-11' });
    const status = flat((await me(['status'], '2027-02-08')).stdout);
    expect(status).toContain(
      'Progress: 28 days behind: at 10 h a week you finish Sun 9 May, 28 days after your planned Sun 11 Apr.',
    );
    expect(status).toContain('Effort: this week 0 h of 10 h');
    expect(status).toMatch(/ 3 ! rest-api +Build a REST API +Mon 11 Jan – Sun 7 Feb · overdue/);
    const next = await me(['next'], '2027-02-08');
    expect(next.stdout).toContain('28 days behind');
    expect(json((await me(['next', '--json'], '2027-02-08')).stdout).standing.progress.daysAhead).toBe(-28);
  });

  it('credits logged hours to the stage in progress as effort and as ground, and logging is never punished', async () => {
    const me = await planned();
    const before = json((await me(['status', '--json'], '2026-12-20')).stdout);
    const logged = json((await me(['log', '2', '--json'], '2026-12-20')).stdout);
    expect(logged).toMatchObject({ entry: { date: '2026-12-20', hours: 2, stage: 'language' }, number: 1 });
    const after = json((await me(['status', '--json'], '2026-12-20')).stdout);
    expect(after.progress.creditedHours).toBe(2);
    expect(after.effort).toMatchObject({ loggedHours: 2, week: { number: 4, hours: 2, target: 10 } });
    expect(after.progress.daysAhead).toBeGreaterThan(before.progress.daysAhead);
    expect(after.progress.projectedFinish < before.progress.projectedFinish).toBe(true);
    expect(flat((await me(['next'], '2026-12-20')).stdout)).toContain('2 h logged of 64 h');
  });

  it('a stage taking longer than its estimate: the extra hours are effort, and the advice is never to slow down', async () => {
    const me = await planned();
    // 10 h on the last day of each of the first 8 weeks: 80 h on the 64 h first stage.
    for (let week = 0; week < 8; week++) {
      const day = new Date(Date.UTC(2026, 10, 29 + week * 7)).toISOString().slice(0, 10);
      expect((await me(['log', '10', '--date', day], '2027-01-18')).code).toBe(0);
    }
    const status = json((await me(['status', '--json'], '2027-01-18')).stdout);
    expect(status.progress).toMatchObject({
      creditedHours: 64,
      daysAhead: -12,
      overruns: [{ id: 'language', logged: 80, hours: 64 }],
    });
    expect(status.effort).toMatchObject({ loggedHours: 80, streak: 8, typicalWeek: 10 });
    expect(status.advice).toMatchObject({
      cause: 'estimate',
      commands: ['backend-path done language', 'backend-path replan'],
    });
    const text = flat((await me(['status'], '2027-01-18')).stdout);
    expect(text).toContain('language is taking longer than its estimate: 80 h of 64 h.');
    expect(text).toContain('no need to slow down or study more');
    expect(text).not.toMatch(/--hours/);
    expect((await me([], '2027-01-18')).stdout).toMatch(/Next: `backend-path done language`/);
  });

  it('says when the plan starts, with no target before it and the first stage up next', async () => {
    const me = learner();
    await me(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-11-30'], '2026-11-25');
    const status = json((await me(['status', '--json'], '2026-11-25')).stdout);
    expect(status.progress).toMatchObject({ startsInDays: 5, verdict: 'on-track', daysAhead: 0 });
    expect(status.effort.week).toBeNull();
    expect(status.stages[0]).toMatchObject({ id: 'language', state: 'upcoming' });
    expect(flat((await me(['status'], '2026-11-25')).stdout)).toContain('Your plan starts Mon 30 Nov (in 5 days).');
    expect((await me(['status', '--short'], '2026-11-25')).stdout).toBe('language · starts in 5d · on track\n');
  });

  it('uses the same words for a stage with hours logged in every output: in progress', async () => {
    const me = await planned();
    await me(['done', 'language', 'http'], '2026-12-01');
    await me(['log', '5', '--stage', 'rest-api'], '2026-12-01');
    const line = json((await me(['status', '--short', '--json'], '2026-12-01')).stdout);
    expect(line).toMatchObject({ stage: 'rest-api', state: 'in-progress' });
    expect(json((await me(['next', '--json'], '2026-12-01')).stdout).stage.state).toBe('in-progress');
    expect(json((await me(['status', '--json'], '2026-12-01')).stdout).stages[2].state).toBe('in-progress');
    expect(flat((await me([], '2026-12-01')).stdout)).toContain('3. Build a REST API · in progress');
    // Ahead of the window and nothing logged: up next, start it now, and no verdict in the stage line.
    await me(['log', 'remove', '1'], '2026-12-01');
    const next = flat((await me(['next'], '2026-12-01')).stdout);
    expect(next).toContain('Planned Mon 11 Jan 2027 – Sun 7 Feb 2027; you can start it now.');
    expect(next).not.toMatch(/on track, so start/);
  });

  it('skip is no catch-up: the verdict stays, the gap is named, and one planned finish shows everywhere', async () => {
    const me = await planned();
    await me(['done', 'language', 'http'], '2027-01-10');
    const before = json((await me(['status', '--json'], '2027-02-08')).stdout).progress;
    const skipped = await me(['skip', 'rest-api'], '2027-02-08');
    expect(flat(skipped.stdout)).toContain('is a required stage: skipping it leaves a gap');
    const after = json((await me(['status', '--json'], '2027-02-08')).stdout);
    expect(after.progress.daysAhead).toBe(before.daysAhead);
    expect(after.progress.gaps).toEqual([{ id: 'rest-api', title: 'Build a REST API', hours: 40, logged: 0 }]);
    const plan = json((await me(['plan', '--json'], '2027-02-08')).stdout);
    const exported = json((await me(['export', '--format', 'json'], '2027-02-08')).stdout);
    // Without rest-api (40 h) the plan holds 160 h: Sun 14 Mar.
    expect([after.progress.plannedFinish, plan.finish, exported.finish, exported.progress.plannedFinish]).toEqual(
      Array(4).fill('2027-03-14'),
    );
    const replan = json((await me(['replan', '--yes', '--json'], '2027-02-08')).stdout);
    expect(replan.oldFinish).toBe('2027-03-14');
    expect(flat((await me(['status'], '2027-02-09')).stdout)).toContain(
      'Gap: rest-api is a required stage you skipped',
    );
  });

  it('replans with a new pace, credits partial hours, is on track that day, and keeps past weeks judged as they were', async () => {
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
    expect(replan.stages[0]).toEqual({ id: 'rest-api', plannedHours: 25, start: '2027-02-08', end: '2027-03-14' });
    expect(replan.standing.progress).toMatchObject({ verdict: 'on-track', daysAhead: 0 });
    const text = (await me(['replan', '--hours', '6', '--yes'], '2027-02-08')).stdout;
    expect(text).toContain('Weekly target: 6 h (was 5 h)');
    // Dates of this year go without the year, as everywhere on screen.
    expect(text).toMatch(/\nFinish: \w{3} \d{1,2} \w{3} → \w{3} \d{1,2} \w{3}\n/);
    expect(flat(text)).toContain('Your first plan was to finish Sun 11 Apr; that stays on record.');
    expect(flat((await me(['status'], '2027-02-08')).stdout)).toContain('Your first plan was to finish Sun 11 Apr;');
    expect((await me(['replan', '--hours', '4'], '2027-02-08')).code).toBe(2);
  });

  it('after a replan mid-week, this week asks its days at the targets in force on them, and says so', async () => {
    const me = await planned();
    expect((await me(['replan', '--hours', '6', '--yes'], '2026-11-25')).code).toBe(0);
    // Mon and Tue at 10 h a week, Wednesday to Sunday at 6: 20/7 + 30/7 = 7.14 h.
    expect(flat((await me([], '2026-11-25')).stdout)).toContain(
      'Effort: this week 0 h of 7.14 h (each day at the target then in force).',
    );
    expect(flat((await me([], '2026-11-30')).stdout)).toContain('Effort: this week 0 h of 6 h ·');
  });

  it('skipping every stage is never finishing: next and the home screen point back at the first gap', async () => {
    const me = await planned();
    const ids = ['language', 'http', 'rest-api', 'sql-postgres', 'orm', 'auth', 'deploy', 'testing', 'portfolio'];
    for (const id of ids) expect((await me(['skip', id], '2026-11-30')).code).toBe(0);
    const next = flat((await me(['next'], '2026-11-30')).stdout);
    expect(next).toContain(
      'Nothing is left to study in your plan, but the path is not finished while it has the gaps above.',
    );
    expect(next).not.toContain('send applications');
    expect(flat((await me([], '2026-11-30')).stdout)).toContain('Next: `backend-path undo language`');
    expect((await me(['status', '--short'], '2026-11-30')).stdout).toBe('done, with gaps\n');
  });

  it('a stage put back after the plan was made is named as outside it, with replan as the way in, everywhere', async () => {
    const me = await planned();
    await me(['skip', 'rest-api', '--yes'], '2026-11-30');
    await me(['replan', '--yes'], '2026-11-30');
    const undo = json((await me(['undo', 'rest-api', '--json'], '2026-12-01')).stdout);
    expect(undo.warnings).toEqual([
      '"Build a REST API" is not in your agreed plan, so its hours count as late: `backend-path replan` gives it dates.',
    ]);
    const status = json((await me(['status', '--json'], '2026-12-01')).stdout);
    expect(status.progress.unscheduled).toEqual([{ id: 'rest-api', title: 'Build a REST API', hours: 40, logged: 0 }]);
    expect(status.advice).toMatchObject({ cause: 'unscheduled', commands: ['backend-path replan'] });
    expect((await me(['status'], '2026-12-01')).stdout.replace(/\s+/g, ' ')).toContain(
      'Build a REST API is not in your agreed plan, so its hours count as late from the start. `backend-path replan` gives it dates',
    );
    const md = (await me(['export', '--format', 'md'], '2026-12-01')).stdout;
    expect(md).toMatch(/\| 3 \| Build a REST API \| 40 \| not in your agreed plan \| to do \|/);
    await me(['replan', '--yes'], '2026-12-01');
    expect(json((await me(['status', '--json'], '2026-12-01')).stdout).progress.unscheduled).toEqual([]);
  });

  it('says a week paused by a later start has no target, rather than "0 h of 0 h"', async () => {
    const me = await planned();
    await me(['replan', '--start', '2026-12-14', '--yes'], '2026-11-30');
    expect(json((await me(['status', '--json'], '2026-12-01')).stdout).effort.week).toMatchObject({ target: 0 });
    const text = (await me(['status'], '2026-12-01')).stdout;
    expect(text).toContain('Effort: this week 0 h (no target this week)');
    expect(text).not.toContain('0 h of 0 h');
  });

  it('numbers the weeks of a replanned plan from the first start, as status counts them', async () => {
    const me = await planned();
    await me(['replan', '--yes'], '2026-12-09');
    const doc = json((await me(['plan', '--json'], '2026-12-09')).stdout);
    // Wed 9 Dec is 16 days after Mon 23 Nov: in the third week, Mon 7 – Sun 13 Dec. The new plan
    // opens with the rest of it (5 days: 50/7 h) and goes on on the same weeks.
    expect(doc).toMatchObject({ start: '2026-12-09', firstStart: '2026-11-23' });
    expect(doc.weeks[0]).toMatchObject({ week: 3, start: '2026-12-09', end: '2026-12-13', hours: 7.14 });
    expect(doc.weeks[1]).toMatchObject({ week: 4, start: '2026-12-14', end: '2026-12-20', hours: 10 });
    expect(json((await me(['status', '--json'], '2026-12-09')).stdout).effort.week).toMatchObject({
      number: 3,
      start: '2026-12-07',
      end: '2026-12-13',
    });
    const text = (await me(['plan'], '2026-12-09')).stdout;
    expect(text).toContain('Wed 9 Dec 2026 → ');
    expect(text.replace(/\s+/g, ' ')).toContain('(weeks counted from Mon 23 Nov 2026)');
    expect(text).toMatch(/^Weeks? 3[ –]/m);
    const md = (await me(['export', '--format', 'md'], '2026-12-09')).stdout;
    expect(md).toContain('(weeks counted from Mon 23 Nov 2026)');
    expect(md).toMatch(/^- \*\*Week 3\*\* \(Wed 9 Dec/m);
  });

  it('a replan before the plan starts keeps its start unless --start says otherwise', async () => {
    const me = learner();
    await me(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-12-07'], '2026-11-25');
    const kept = json((await me(['replan', '--hours', '8', '--yes', '--json'], '2026-12-06')).stdout);
    expect(kept.start).toBe('2026-12-07');
    expect(kept.standing.progress).toMatchObject({ daysAhead: 0, startsInDays: 1 });
    const moved = json((await me(['replan', '--start', '2026-12-14', '--yes', '--json'], '2026-12-06')).stdout);
    expect(moved.start).toBe('2026-12-14');
  });

  it('a plan made over a plan keeps the first start, the log and the first finish, as replan does', async () => {
    const me = await planned();
    await me(['log', '4', '--date', '2026-11-24'], '2026-12-01');
    const again = json(
      (await me(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '12', '--yes', '--json'], '2026-12-01'))
        .stdout,
    );
    expect(again).toMatchObject({ start: '2026-12-01', hoursPerWeek: 12, saved: true, replaced: true });
    const status = json((await me(['status', '--json'], '2026-12-01')).stdout);
    expect(status.progress.originalFinish).toBe('2027-04-11');
    expect(status.effort).toMatchObject({ loggedHours: 4, week: { number: 2 } });
    // Days since the first start can still be logged.
    expect((await me(['log', '1', '--date', '2026-11-25'], '2026-12-01')).code).toBe(0);
    const refused = await me(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '9'], '2026-12-01');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('`backend-path replan --hours <n>`');
  });

  it('refuses dates before the plan began or in the future, and times it cannot read, with what is allowed', async () => {
    const me = await planned();
    const early = await me(['done', 'language', '--date', '2020-01-01'], '2026-12-01');
    expect([early.code, early.stderr]).toEqual([
      2,
      'Error: --date must be from 2026-11-23, when your plan began, to today, 2026-12-01; got 2020-01-01.\n',
    ]);
    expect((await me(['log', '1', '--date', '2026-12-02'], '2026-12-01')).code).toBe(2);
    // A leading dash reads as a flag to commander; a negative time is named as one, with how to
    // take time off the log, also exit 2. Another unknown flag keeps commander's sentence.
    expect(await me(['log', '-1'], '2026-12-01')).toMatchObject({
      code: 2,
      stderr:
        'Error: The time studied must be a time from 1 minute to 24 hours, written like 1.5 or 1.5h (hours, at most two decimals), 1:30, 90m or 1h30; got "-1".\n' +
        'To take time off the log, `backend-path log list` numbers its entries, and `backend-path log change <n> --hours <time>` or `backend-path log remove <n>` corrects one.\n',
    });
    expect(await me(['log', '1', '-x'], '2026-12-01')).toMatchObject({
      code: 2,
      stderr: "Error: unknown option '-x'\nRun `backend-path log --help` to see its arguments and flags.\n",
    });
    // With the time given, a negative number after it is an unknown flag again.
    expect(await me(['log', '1', '-2'], '2026-12-01')).toMatchObject({
      code: 2,
      stderr: "Error: unknown option '-2'\nRun `backend-path log --help` to see its arguments and flags.\n",
    });
    expect((await me(['log', '--date', '2026-11-30', '-1'], '2026-12-01')).stderr).toMatch(
      /^Error: The time studied must be .*; got "-1"\.\n/,
    );
    // A word that is no command gets the program's help; a command missing its argument, its own.
    expect((await me(['dne', 'language'], '2026-12-01')).stderr).toMatch(
      /\nRun `backend-path --help` to see the commands and their flags\.\n$/,
    );
    expect((await me(['help', '--bogus'], '2026-12-01')).stderr).toMatch(
      /\nRun `backend-path --help` to see the commands and their flags\.\n$/,
    );
    expect((await me(['done'], '2026-12-01')).stderr).toBe(
      "Error: missing required argument 'stage'\nRun `backend-path done --help` to see its arguments and flags.\n",
    );
    for (const hours of ['0x10', '1e-320', '25', '0', '0.01', '1h70', 'abc', '1.555', '25h', 'h']) {
      const result = await me(['log', hours], '2026-12-01');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'The time studied must be a time from 1 minute to 24 hours, written like 1.5 or 1.5h (hours, at most two decimals), 1:30, 90m or 1h30',
      );
    }
  });

  it('takes durations as people write them and shows them to the minute', async () => {
    const me = await planned();
    for (const [typed, minutes] of [
      ['1.5', 90],
      ['1.5h', 90],
      ['.75 h', 45],
      ['2 hours', 120],
      ['1:30', 90],
      ['90m', 90],
      ['1h30', 90],
      ['45min', 45],
      ['2h', 120],
      ['1:20', 80],
    ] as const) {
      const logged = json((await me(['log', typed, '--json'], '2026-12-01')).stdout);
      expect(Math.round(logged.entry.hours * 60)).toBe(minutes);
    }
    expect((await me(['log', '1:20'], '2026-12-01')).stdout).toContain('Logged 1 h 20 min on language');
  });

  it('lists, changes and removes log entries by number, and every output follows', async () => {
    const me = await planned();
    await me(['log', '2', '--date', '2026-11-24'], '2026-12-01');
    await me(['log', '1:30', '--date', '2026-11-25'], '2026-12-01');
    const list = json((await me(['log', 'list', '--json'], '2026-12-01')).stdout);
    expect(list).toEqual({
      total: 2,
      entries: [
        { number: 1, date: '2026-11-24', hours: 2, stage: 'language', afterToday: false },
        { number: 2, date: '2026-11-25', hours: 1.5, stage: 'language', afterToday: false },
      ],
    });
    expect((await me(['log', 'list'], '2026-12-01')).stdout).toMatch(
      /^1 +Tue 24 Nov +2 h +language\n2 +Wed 25 Nov +1 h 30 min +language/,
    );
    // Seen a day earlier (a move west, a clock set back), the later entry is listed as not yet counted.
    expect((await me(['log', 'list'], '2026-11-24')).stdout).toMatch(
      /^1 +Tue 24 Nov +2 h +language\n2 +Wed 25 Nov +1 h 30 min +language \(after today: counted from that day\)\n/,
    );
    expect(json((await me(['status', '--json'], '2026-11-24')).stdout).effort.loggedHours).toBe(2);
    expect(json((await me(['log', 'list', '--json'], '2026-11-24')).stdout).entries[1].afterToday).toBe(true);
    const changed = json(
      (await me(['log', 'change', '1', '--hours', '3', '--stage', 'http', '--json'], '2026-12-01')).stdout,
    );
    expect(changed).toMatchObject({
      action: 'change',
      before: { hours: 2, stage: 'language' },
      after: { hours: 3, stage: 'http', date: '2026-11-24' },
    });
    expect(json((await me(['status', '--json'], '2026-12-01')).stdout).effort.loggedHours).toBe(4.5);
    const removed = json((await me(['log', 'remove', '2', '--json'], '2026-12-01')).stdout);
    expect(removed).toMatchObject({ action: 'remove', before: { hours: 1.5 }, after: null });
    const exported = json((await me(['export', '--format', 'json'], '2026-12-01')).stdout);
    expect(exported.log).toEqual([{ date: '2026-11-24', hours: 3, stage: 'http' }]);
    const missing = await me(['log', 'remove', '5'], '2026-12-01');
    expect([missing.code, missing.stderr]).toEqual([
      1,
      'Error: There is no log entry 5: the log has one, number 1.\nSee them with `backend-path log list`.\n',
    ]);
    expect((await me(['log', 'change', '1'], '2026-12-01')).stderr).toContain(
      'Say what to change: --hours, --date or --stage.',
    );
  });

  it('lists and removes notes and links; a removed link leaves the portfolio page', async () => {
    const me = await planned();
    await me(['note', 'language', 'first note']);
    await me(['note', 'http', 'second note']);
    await me(['link', 'rest-api', 'http://localhost:3000']);
    expect(json((await me(['note', 'list', '--json'])).stdout).notes).toEqual([
      { number: 1, stage: 'language', item: { date: '2026-11-23', text: 'first note' } },
      { number: 2, stage: 'http', item: { date: '2026-11-23', text: 'second note' } },
    ]);
    expect(json((await me(['note', 'remove', '1', '--json'])).stdout).removed.item.text).toBe('first note');
    expect(json((await me(['note', 'list', 'http', '--json'])).stdout).notes).toHaveLength(1);
    expect((await me(['export', '--format', 'md'])).stdout).toContain('localhost:3000');
    expect((await me(['link', 'remove', '1'])).stdout).toContain('Removed link 1 from rest-api: http://localhost:3000');
    expect((await me(['export', '--format', 'md'])).stdout).not.toContain('localhost:3000');
    expect((await me(['link', 'list'])).stdout).toBe('No links. `backend-path link <stage> <url>` adds one.\n');
  });

  it('corrects a done date, and refuses time or a skip that would quietly count for nothing', async () => {
    const me = await planned();
    await me(['done', 'language'], '2026-12-20');
    const redated = json((await me(['done', 'language', '--date', '2026-12-18', '--json'], '2026-12-20')).stdout);
    expect(redated.redated).toEqual([
      { id: 'language', title: 'One language, properly, with Git', from: '2026-12-20', to: '2026-12-18' },
    ]);
    expect(json((await me(['status', '--json'], '2026-12-20')).stdout).stages[0].date).toBe('2026-12-18');
    await me(['skip', 'http'], '2026-12-20');
    const onSkipped = await me(['log', '1', '--stage', 'http'], '2026-12-20');
    expect([onSkipped.code, onSkipped.stderr]).toEqual([
      1,
      'Error: http is skipped, so time on it counts for nothing.\nPut it back with `backend-path undo http`, then log time on it.\n',
    ]);
    // Time on a done stage, or skipping one, needs --yes where no terminal can ask: a usage error.
    const onDone = await me(['start', 'language'], '2026-12-20');
    expect(onDone.code).toBe(2);
    expect(onDone.stderr).toContain('To start a session on it anyway, add --yes');
    expect((await me(['log', '1', '--stage', 'language', '--yes'], '2026-12-20')).code).toBe(0);
    const logDone = await me(['log', '1', '--stage', 'language'], '2026-12-20');
    expect([logDone.code, logDone.stderr.split('\n')[0]]).toEqual([
      2,
      'Error: language is already done; time on it now is review: it counts as effort, not as new ground.',
    ]);
    const skipDone = await me(['skip', 'language'], '2026-12-20');
    expect(skipDone.code).toBe(2);
    expect(skipDone.stderr).toContain('language is done; skipping gives up its ground in your progress.');
  });

  it('refuses, as a failure (exit 1), what the saved state does not allow', async () => {
    const me = await planned();
    const noSpeed = await me(['replan', '--own-speed', '--yes'], '2026-12-01');
    expect([noSpeed.code, noSpeed.stderr.split('\n')[0]]).toEqual([
      1,
      'Error: There is no speed of your own yet: it comes from finished stages with most of their time logged.',
    ]);
    await me(['done', 'language', 'http', 'rest-api', 'sql-postgres', 'orm', 'auth', 'deploy', 'testing', 'portfolio']);
    const replan = await me(['replan', '--yes'], '2026-12-01');
    expect([replan.code, replan.stderr.split('\n')[0]]).toEqual([
      1,
      'Error: Every stage is done or skipped, so there is nothing left to replan.',
    ]);
    const start = await me(['start'], '2026-12-01');
    expect([start.code, start.stderr.split('\n')[0]]).toEqual([
      1,
      'Error: Every stage is done or skipped, so there is nothing to start a session on.',
    ]);
    // The way on it names works as pasted, off a terminal too.
    expect(start.stderr).toContain('`backend-path start <stage> --yes`');
    expect((await me(['start', 'portfolio', '--yes'], '2026-12-01')).code).toBe(0);
  });

  it('marks, undoes and skips by id, number or title, and names an unknown stage with the list', async () => {
    const me = await planned();
    expect(
      json((await me(['done', '2', 'build a rest', '--json'])).stdout).changed.map((s: { id: string }) => s.id),
    ).toEqual(['http', 'rest-api']);
    expect(json((await me(['undo', 'http', '--json'])).stdout).changed).toEqual([
      { id: 'http', title: 'How HTTP works' },
    ]);
    const unknown = await me(['done', 'kafka']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown stage "kafka". Stage ids are: language, http, rest-api');
    expect(unknown.stderr).toContain('Run `backend-path status` to list the stages with their ids and numbers.');
    expect((await me(['status'])).stdout).toMatch(/ 3 ✔ rest-api/);
  });

  it('mentions a missing project check when a checkable stage is marked done, and keeps the link', async () => {
    const me = await planned();
    const done = json((await me(['done', 'rest-api', '--link', 'https://github.com/me/todo-api', '--json'])).stdout);
    expect(done.warnings).toEqual([
      'Its project has not been checked yet: run `backend-path check rest-api` against your running API.',
    ]);
    expect(json((await me(['status', '--json'])).stdout).stages[2].links).toEqual(['https://github.com/me/todo-api']);
    // Several stages at once: each warning names its stage.
    const two = json((await me(['done', 'auth', 'deploy', '--json'])).stdout);
    expect(two.warnings).toEqual([
      'The project of "Authentication" has not been checked yet: run `backend-path check auth` against your running API.',
      'The project of "Deployment" has not been checked yet: run `backend-path check deploy --url https://your-app.example.com` against your live API.',
    ]);
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

  it('says when the learner finished, early or late, and what to do next; 100% only when every required stage is done', async () => {
    const me = await planned();
    await me(
      ['done', 'language', 'http', 'rest-api', 'sql-postgres', 'orm', 'auth', 'deploy', 'testing', 'portfolio'],
      '2027-03-28',
    );
    const next = await me(['next'], '2027-03-30');
    expect(next.stdout).toContain('Finished on Sun 28 Mar, 14 days before your planned finish.');
    expect(next.stdout).toContain('polish your portfolio');
    expect(json((await me(['status', '--json'], '2027-03-30')).stdout).progress).toMatchObject({
      verdict: 'finished',
      daysAhead: 14,
      percent: 100,
    });
    await me(['undo', 'orm'], '2027-03-30');
    await me(['skip', 'orm'], '2027-03-30');
    const gap = json((await me(['status', '--json'], '2027-03-30')).stdout).progress;
    expect(gap).toMatchObject({ verdict: 'incomplete', percent: 95 });
    expect((await me(['export', '--format', 'svg'], '2027-03-30')).stdout).not.toContain('>Finished<');
  });

  it('answers "no plan yet" with a pointer to plan, exit 1', async () => {
    const me = learner();
    for (const command of [
      ['next'],
      ['status'],
      ['done', 'http'],
      ['log', '1'],
      ['log', 'list'],
      ['export', '--format', 'md'],
    ]) {
      const result = await me(command);
      expect([result.code, result.stderr]).toEqual([
        1,
        'Error: You have no plan yet.\nRun `backend-path plan` to make one.\n',
      ]);
    }
  });
});
