import fc from 'fast-check';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { agree, planDocument } from '../../src/coach/agree.js';
import { standing } from '../../src/coach/standing.js';
import { addDays, daysBetween } from '../../src/plan/dates.js';
import { verdictLine } from '../../src/ui/verdict.js';
import { learnerFor, replanned, type Journey } from '../helpers/learner.js';
import { makeRoadmap } from '../helpers/roadmaps.js';

// The reference journey: 200 h (60, 10, 40, 30, 10, 20, 10, 10, 10) at 10 h a week from Monday
// 23 Nov 2026, so the agreed finish is Sunday 11 Apr 2027 (140 days). Stage windows: s1 until
// Sun 3 Jan, s2 Mon 4 – Sun 10 Jan, s3 Mon 11 Jan – Sun 7 Feb. Expected figures are worked out
// by hand: the projected finish is today plus the days the remaining hours take at 10/7 h a day.
const START = '2026-11-23';
const base = { perWeek: 10, start: START };
const firstTwo = { s1: '2027-01-03', s2: '2027-01-10' };
const allDone = (last: string) =>
  Object.fromEntries(['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9'].map((id) => [id, last]));
const logs = (stage: string, from: string, days: number, hours: number) =>
  Array.from({ length: days }, (_, i) => ({ date: addDays(from, i), hours, stage }));

describe('the standing of a learner: one verdict, one projection', () => {
  it.each<{ name: string; today: string; journey: Journey; verdict: string; daysAhead: number; projected: string }>([
    {
      name: 'on pace',
      today: '2027-01-11',
      journey: { ...base, done: firstTwo },
      verdict: 'on-track',
      daysAhead: 0,
      projected: '2027-04-11',
    },
    {
      name: 'behind, the day before a window ends',
      today: '2027-02-07',
      journey: { ...base, done: firstTwo },
      verdict: 'behind',
      daysAhead: -27,
      projected: '2027-05-08',
    },
    {
      name: 'behind, the day after: one more day, no cliff',
      today: '2027-02-08',
      journey: { ...base, done: firstTwo },
      verdict: 'behind',
      daysAhead: -28,
      projected: '2027-05-09',
    },
    {
      name: 'far behind, nothing done',
      today: '2027-03-01',
      journey: base,
      verdict: 'behind',
      daysAhead: -98,
      projected: '2027-07-18',
    },
    {
      name: 'ahead',
      today: '2027-01-11',
      journey: { ...base, done: { ...firstTwo, s3: '2027-01-11' } },
      verdict: 'ahead',
      daysAhead: 28,
      projected: '2027-03-14',
    },
    {
      name: 'logging only: logged hours are credited',
      today: '2026-12-06',
      journey: { ...base, log: logs('s1', START, 10, 2) },
      verdict: 'on-track',
      daysAhead: 1,
      projected: '2027-04-10',
    },
    {
      name: 'logging nothing for two weeks',
      today: '2026-12-07',
      journey: base,
      verdict: 'behind',
      daysAhead: -14,
      projected: '2027-04-25',
    },
    {
      name: 'before the plan starts',
      today: '2026-11-20',
      journey: base,
      verdict: 'on-track',
      daysAhead: 0,
      projected: '2027-04-11',
    },
    {
      name: 'finished early',
      today: '2027-04-01',
      journey: { ...base, done: allDone('2027-03-28') },
      verdict: 'finished',
      daysAhead: 14,
      projected: '2027-03-28',
    },
    {
      name: 'finished late',
      today: '2027-04-25',
      journey: { ...base, done: allDone('2027-04-20') },
      verdict: 'finished',
      daysAhead: -9,
      projected: '2027-04-20',
    },
    // a, b, c of 10 h at 1 h a day: skipping b leaves its window (days 10-19) empty, and c keeps
    // its agreed window (days 20-29); idling through b's window is not yet late, idling into c's is.
    {
      name: 'skip, then nothing: on track through the skipped window',
      today: '2026-12-08',
      journey: { hours: [10, 10, 10], perWeek: 7, start: START, done: { s1: '2026-12-02' }, skipped: { s2: START } },
      verdict: 'on-track',
      daysAhead: 0,
      projected: '2026-12-17',
    },
    {
      name: 'skip, then nothing: behind once the next window runs',
      today: '2026-12-18',
      journey: { hours: [10, 10, 10], perWeek: 7, start: START, done: { s1: '2026-12-02' }, skipped: { s2: START } },
      verdict: 'behind',
      daysAhead: -5,
      projected: '2026-12-27',
    },
    {
      name: 'every hour logged but stages not marked done: not finished yet',
      today: '2026-12-18',
      journey: {
        hours: [10, 10, 10],
        perWeek: 7,
        start: START,
        done: { s1: '2026-12-02' },
        log: [
          { date: '2026-12-18', hours: 10, stage: 's2' },
          { date: '2026-12-18', hours: 10, stage: 's3' },
        ],
      },
      verdict: 'ahead',
      daysAhead: 4,
      projected: '2026-12-18',
    },
    {
      name: 'skipping a stage not yet reached brings the finish forward',
      today: '2027-01-11',
      journey: { ...base, done: firstTwo, skipped: { s5: '2027-01-11' } },
      verdict: 'on-track',
      daysAhead: 0,
      projected: '2027-04-04',
    },
  ])('$name', ({ today, journey, verdict, daysAhead, projected }) => {
    const result = standing(learnerFor(journey), today);
    expect(result).toMatchObject({ verdict, daysAhead, projectedFinish: projected });
  });

  it('shows the recent pace only to a learner who logs, and from the credit it measured', () => {
    expect(standing(learnerFor({ ...base, done: firstTwo }), '2027-01-11').recent).toBeNull();
    // 20 h in the 14 days since the plan began: 10 h a week, which finishes the other 180 h on 10 Apr.
    expect(standing(learnerFor({ ...base, log: logs('s1', START, 10, 2) }), '2026-12-06').recent).toEqual({
      hoursPerWeek: 10,
      finish: '2027-04-10',
      days: 14,
    });
  });

  it('one small log does not turn into a finish years away when the stages were done', () => {
    const learner = learnerFor({ ...base, done: firstTwo, log: [{ date: '2027-01-10', hours: 2, stage: 's3' }] });
    // In the 28 days to 11 Jan, s1 (60 h) and s2 (10 h) were done and 2 h logged: 72 h, 18 h a
    // week, which does the other 128 h in 50 days.
    expect(standing(learner, '2027-01-11').recent).toEqual({ hoursPerWeek: 18, finish: '2027-03-01', days: 28 });
  });

  it('suggests a replan more than a week behind, with the pace the learner keeps when it differs', () => {
    const quiet = standing(learnerFor({ ...base, done: firstTwo }), '2027-02-08');
    expect(quiet.advice).toEqual({ command: 'backend-path replan', hoursPerWeek: null });
    // 28 days of an hour a day on s3: 7 h a week, which the advice suggests.
    const slow = learnerFor({ ...base, done: firstTwo, log: logs('s3', '2027-01-11', 28, 1) });
    expect(standing(slow, '2027-02-07').advice).toEqual({ command: 'backend-path replan --hours 7', hoursPerWeek: 7 });
    // Half an hour a day (3.5 h a week) would be advised; a stray two hours in four weeks is not a pace.
    const stray = learnerFor({ ...base, done: firstTwo, log: [{ date: '2027-01-20', hours: 2, stage: 's3' }] });
    expect(standing(stray, '2027-02-07').advice).toEqual({ command: 'backend-path replan', hoursPerWeek: null });
    expect(standing(learnerFor({ ...base, done: firstTwo }), '2027-01-15').advice).toBeNull();
  });

  it('a replan after falling behind is on track that day, with or without a new pace', () => {
    const behind = learnerFor({ ...base, done: firstTwo });
    const same = standing(replanned(behind, '2027-02-08'), '2027-02-08');
    expect(same).toMatchObject({
      verdict: 'on-track',
      daysAhead: 0,
      projectedFinish: '2027-05-09',
      plannedFinish: '2027-05-09',
    });
    const slower = standing(replanned(behind, '2027-02-08', 5), '2027-02-08');
    expect(slower).toMatchObject({ verdict: 'on-track', daysAhead: 0, projectedFinish: '2027-08-08' });
  });

  it('a replan credits hours already logged on an unfinished stage', () => {
    const learner = learnerFor({ ...base, log: logs('s1', START, 15, 2) });
    const baseline = agree({
      roadmap: learner.roadmap,
      track: 'node',
      hoursPerWeek: 10,
      start: '2026-12-10',
      today: '2026-12-10',
      learner,
    });
    expect(baseline.stages[0]).toEqual({ id: 's1', hours: 30, start: '2026-12-10', end: '2026-12-30' });
  });

  it('plan, status and export agree on every window and the finish', () => {
    const learner = replanned(
      learnerFor({ ...base, done: firstTwo, log: logs('s3', '2027-01-11', 5, 2) }),
      '2027-02-08',
      8,
    );
    const document = planDocument(learner);
    const report = standing(learner, '2027-02-08');
    expect(document.finish).toBe(report.baselineFinish);
    for (const stage of document.stages) {
      const agreed = learner.baseline.stages.find((s) => s.id === stage.id);
      expect([stage.start, stage.end]).toEqual([agreed?.start ?? null, agreed?.end ?? null]);
    }
  });
});

// Generated plans: 1 to 12 stages of 1 to 80 hours, 1 to 40 hours a week, and events before `today`.
const journeys = fc
  .record({
    hours: fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 12 }),
    perWeek: fc.integer({ min: 1, max: 40 }),
    offset: fc.integer({ min: -20, max: 400 }),
    events: fc.array(
      fc.record({
        stage: fc.nat(11),
        day: fc.nat(400),
        hours: fc.integer({ min: 1, max: 8 }),
        kind: fc.constantFrom('log', 'done', 'skip'),
      }),
      { maxLength: 15 },
    ),
  })
  .map(({ hours, perWeek, offset, events }) => {
    const today = addDays(START, offset);
    const roadmap = makeRoadmap(hours);
    const ids = roadmap.stages.map((s) => s.id);
    // Every event happens on or before today (none before the plan starts).
    const dated = events
      .filter(() => offset >= 0)
      .map((e) => ({ ...e, id: ids[e.stage % ids.length]!, date: addDays(START, Math.min(e.day, offset)) }));
    const done: Record<string, string> = {};
    const skipped: Record<string, string> = {};
    for (const e of dated) if (e.kind === 'done') done[e.id] = e.date;
    for (const e of dated) if (e.kind === 'skip' && !done[e.id]) skipped[e.id] = e.date;
    const log = dated.filter((e) => e.kind === 'log').map((e) => ({ date: e.date, hours: e.hours, stage: e.id }));
    return { journey: { roadmap, perWeek, start: START, done, skipped, log }, today };
  });

describe('properties of the standing', () => {
  it('continuity: with nothing happening, the verdict moves by at most one day a day', () => {
    fc.assert(
      fc.property(journeys, fc.integer({ min: 1, max: 60 }), ({ journey, today }, later) => {
        const learner = learnerFor(journey);
        let previous = standing(learner, today).daysAhead;
        for (let day = 1; day <= later; day++) {
          const next = standing(learner, addDays(today, day)).daysAhead;
          expect(previous - next).toBeGreaterThanOrEqual(0);
          expect(previous - next).toBeLessThanOrEqual(1);
          previous = next;
        }
      }),
      { numRuns: 150 },
    );
  });

  it('agreement: the projected finish is the planned finish moved by the verdict', () => {
    fc.assert(
      fc.property(journeys, ({ journey, today }) => {
        const result = standing(learnerFor(journey), today);
        if (result.verdict === 'finished') return;
        expect(daysBetween(result.projectedFinish!, result.plannedFinish ?? addDays(START, -1))).toBe(result.daysAhead);
        if (journey.skipped && Object.keys(journey.skipped).length === 0)
          expect(result.plannedFinish).toBe(result.baselineFinish);
      }),
      { numRuns: 300 },
    );
  });

  it('monotonicity: more work logged or done is never a worse verdict or a later finish', () => {
    fc.assert(
      fc.property(journeys, fc.nat(11), fc.integer({ min: 1, max: 8 }), ({ journey, today }, pick, hours) => {
        const before = standing(learnerFor(journey), today);
        const id = journey.roadmap.stages[pick % journey.roadmap.stages.length]!.id;
        const logged = standing(
          learnerFor({ ...journey, log: [...journey.log, { date: today < START ? START : today, hours, stage: id }] }),
          today,
        );
        const done = journey.skipped[id]
          ? before
          : standing(learnerFor({ ...journey, done: { ...journey.done, [id]: today } }), today);
        for (const after of [logged, done]) {
          if (before.verdict === 'finished' || after.verdict === 'finished') continue;
          expect(after.daysAhead).toBeGreaterThanOrEqual(before.daysAhead);
          expect(after.projectedFinish! <= before.projectedFinish!).toBe(true);
          expect(after.creditedHours).toBeGreaterThanOrEqual(before.creditedHours);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('text and JSON state the same verdict and number', () => {
    const style = new Chalk({ level: 0 });
    fc.assert(
      fc.property(journeys, ({ journey, today }) => {
        const result = standing(learnerFor(journey), today);
        const text = verdictLine(result, { style, width: 100, today });
        const days = Math.abs(result.daysAhead);
        if (result.verdict === 'on-track') expect(text).toMatch(/^On track/);
        if (result.verdict === 'ahead') expect(text).toMatch(new RegExp(`^${days} days? ahead`));
        if (result.verdict === 'behind') expect(text).toMatch(new RegExp(`^${days} days? behind`));
        if (result.verdict === 'finished') expect(text).toMatch(/^Finished on/);
      }),
      { numRuns: 200 },
    );
  });
});
