import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/plan/dates.js';
import { buildPlan, type StageStatus } from '../../src/plan/schedule.js';
import { makeRoadmap } from '../helpers/roadmaps.js';

describe('buildPlan, worked examples', () => {
  it('spreads hours evenly over the days and cuts them into weeks', () => {
    // 10 h/week is 10/7 h a day: stage s1 (10 h) fills days 0-6, s2 (5 h) days 7-10, s3 (20 h) days 10-24.
    const plan = buildPlan({ roadmap: makeRoadmap([10, 5, 20]), track: 'node', hoursPerWeek: 10, start: '2026-03-02', progress: {} });
    expect(plan.stages.map((s) => [s.id, s.start, s.end, s.status])).toEqual([
      ['s1', '2026-03-02', '2026-03-08', 'todo'],
      ['s2', '2026-03-09', '2026-03-12', 'todo'],
      ['s3', '2026-03-12', '2026-03-26', 'todo'],
    ]);
    expect(plan.weeks).toEqual([
      { week: 1, start: '2026-03-02', end: '2026-03-08', hours: 10, items: [{ stage: 's1', hours: 10 }] },
      { week: 2, start: '2026-03-09', end: '2026-03-15', hours: 10, items: [{ stage: 's2', hours: 5 }, { stage: 's3', hours: 5 }] },
      { week: 3, start: '2026-03-16', end: '2026-03-22', hours: 10, items: [{ stage: 's3', hours: 10 }] },
      { week: 4, start: '2026-03-23', end: '2026-03-29', hours: 5, items: [{ stage: 's3', hours: 5 }] },
    ]);
    expect(plan.finish).toBe('2026-03-26');
    expect(plan.totalHours).toBe(35);
  });

  it('gives done and skipped stages no time and schedules the rest from the start date', () => {
    const progress: Record<string, StageStatus> = { s1: 'done', s2: 'skipped' };
    const plan = buildPlan({ roadmap: makeRoadmap([10, 5, 20]), track: 'node', hoursPerWeek: 10, start: '2026-03-02', progress });
    expect(plan.stages.map((s) => [s.id, s.start, s.end, s.status])).toEqual([
      ['s1', null, null, 'done'],
      ['s2', null, null, 'skipped'],
      ['s3', '2026-03-02', '2026-03-15', 'todo'],
    ]);
    expect(plan.totalHours).toBe(20);
    expect(plan.weeks.map((w) => w.hours)).toEqual([10, 10]);
  });

  it('uses the hours of the chosen track', () => {
    const roadmap = makeRoadmap([{ node: 7, python: 14 }]);
    expect(buildPlan({ roadmap, track: 'node', hoursPerWeek: 7, start: '2026-01-01', progress: {} }).finish).toBe('2026-01-07');
    expect(buildPlan({ roadmap, track: 'python', hoursPerWeek: 7, start: '2026-01-01', progress: {} }).finish).toBe('2026-01-14');
  });

  it('has no weeks and no finish when everything is done', () => {
    const plan = buildPlan({ roadmap: makeRoadmap([3]), track: 'node', hoursPerWeek: 5, start: '2026-01-01', progress: { s1: 'done' } });
    expect(plan.weeks).toEqual([]);
    expect(plan.finish).toBeNull();
    expect(plan.totalHours).toBe(0);
  });

  it.each([
    // Start date, days of study (1 h/day), expected last day: each crosses a DST change somewhere.
    ['2026-03-05', 10, '2026-03-14'], // US spring forward, 8 March
    ['2026-03-26', 7, '2026-04-01'], // EU spring forward, 29 March
    ['2026-10-22', 14, '2026-11-04'], // EU fall back 25 October, US 1 November
    ['2026-04-01', 10, '2026-04-10'], // Southern hemisphere fall back, 5 April
    ['2026-12-28', 7, '2027-01-03'], // a year boundary
    ['2028-02-26', 5, '2028-03-01'], // a leap day
  ])('from %s, %i hours at 7 h/week ends on %s whatever the time zone', (start, hours, end) => {
    const plan = buildPlan({ roadmap: makeRoadmap([hours]), track: 'node', hoursPerWeek: 7, start, progress: {} });
    expect(plan.stages[0]!.end).toBe(end);
    expect(plan.weeks.every((w, i) => w.start === addDays(start, 7 * i) && daysBetween(w.start, w.end) === 6)).toBe(true);
  });
});

const stageHoursArb = fc.oneof(fc.integer({ min: 1, max: 120 }), fc.double({ min: 0.25, max: 60, noNaN: true, noDefaultInfinity: true }));
const startArb = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const inputArb = fc
  .record({
    hours: fc.array(stageHoursArb, { minLength: 1, maxLength: 40 }),
    hoursPerWeek: fc.oneof(fc.integer({ min: 1, max: 80 }), fc.double({ min: 1, max: 80, noNaN: true, noDefaultInfinity: true })),
    start: startArb,
    statuses: fc.array(fc.constantFrom<StageStatus>('todo', 'todo', 'todo', 'done', 'skipped'), { minLength: 40, maxLength: 40 }),
  })
  .map(({ hours, hoursPerWeek, start, statuses }) => {
    const roadmap = makeRoadmap(hours);
    const progress = Object.fromEntries(roadmap.stages.map((s, i) => [s.id, statuses[i]!]));
    return { roadmap, track: 'node', hoursPerWeek, start, progress };
  });

describe('buildPlan, invariants over generated roadmaps and paces', () => {
  const close = (a: number, b: number, tolerance = 0.011) => Math.abs(a - b) <= tolerance;

  it('fills every full week with exactly the weekly hours, and no more weeks than needed', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = buildPlan(input);
        const todo = input.roadmap.stages.filter((s) => input.progress[s.id] === 'todo');
        const total = todo.reduce((sum, s) => sum + (s.hours as number), 0);
        expect(close(plan.totalHours, total)).toBe(true);
        expect(plan.weeks.length).toBe(total === 0 ? 0 : Math.ceil(total / input.hoursPerWeek - 1e-9));
        plan.weeks.slice(0, -1).forEach((week) => expect(close(week.hours, input.hoursPerWeek)).toBe(true));
        plan.weeks.forEach((week) => {
          const items = week.items.reduce((sum, item) => sum + item.hours, 0);
          expect(close(items, week.hours, 0.01 * week.items.length + 1e-9)).toBe(true);
        });
        const allItems = plan.weeks.flatMap((w) => w.items).reduce((sum, item) => sum + item.hours, 0);
        expect(close(allItems, total, 0.01 * plan.weeks.length + 0.011)).toBe(true);
      }),
    );
  });

  it('runs stages in roadmap order, each in the weeks its dates say, with its hours', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = buildPlan(input);
        const scheduled = plan.stages.filter((s) => s.status === 'todo');
        plan.stages.filter((s) => s.status !== 'todo').forEach((s) => expect([s.start, s.end]).toEqual([null, null]));
        scheduled.forEach((stage, i) => {
          expect(daysBetween(stage.start!, stage.end!)).toBeGreaterThanOrEqual(0);
          if (i > 0) expect([0, 1]).toContain(daysBetween(scheduled[i - 1]!.end!, stage.start!));
          const weeks = plan.weeks.filter((w) => w.items.some((item) => item.stage === stage.id));
          const hours = weeks.flatMap((w) => w.items).filter((item) => item.stage === stage.id).reduce((a, b) => a + b.hours, 0);
          expect(close(hours, stage.hours, 0.01 * weeks.length + 1e-9)).toBe(true);
          expect(weeks[0]!.week).toBe(Math.floor(daysBetween(plan.start, stage.start!) / 7) + 1);
          expect(weeks.at(-1)!.week).toBe(Math.floor(daysBetween(plan.start, stage.end!) / 7) + 1);
        });
        expect(plan.finish).toBe(scheduled.at(-1)?.end ?? null);
        plan.weeks.forEach((week, i) => {
          expect(week.week).toBe(i + 1);
          expect(week.start).toBe(addDays(input.start, 7 * i));
          expect(week.end).toBe(addDays(input.start, 7 * i + 6));
        });
      }),
    );
  });
});
