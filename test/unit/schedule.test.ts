import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RuleError } from '../../src/errors.js';
import { addDays, daysBetween } from '../../src/plan/dates.js';
import { checkPlanEnds, lastDayOf, layout, type Slot } from '../../src/plan/schedule.js';

const slots = (hours: number[]): Slot[] => hours.map((h, i) => ({ id: `s${i + 1}`, hours: h }));

describe('layout, worked examples', () => {
  it('spreads hours evenly over the days and cuts them into weeks', () => {
    // 10 h/week is 10/7 h a day: s1 (10 h) fills days 0-6, s2 (5 h) days 7-10, s3 (20 h) days 10-24.
    const plan = layout(slots([10, 5, 20]), '2026-03-02', 10);
    expect([...plan.windows]).toEqual([
      ['s1', { start: '2026-03-02', end: '2026-03-08' }],
      ['s2', { start: '2026-03-09', end: '2026-03-12' }],
      ['s3', { start: '2026-03-12', end: '2026-03-26' }],
    ]);
    expect(plan.weeks).toEqual([
      { week: 1, start: '2026-03-02', end: '2026-03-08', hours: 10, items: [{ stage: 's1', hours: 10 }] },
      {
        week: 2,
        start: '2026-03-09',
        end: '2026-03-15',
        hours: 10,
        items: [
          { stage: 's2', hours: 5 },
          { stage: 's3', hours: 5 },
        ],
      },
      { week: 3, start: '2026-03-16', end: '2026-03-22', hours: 10, items: [{ stage: 's3', hours: 10 }] },
      { week: 4, start: '2026-03-23', end: '2026-03-29', hours: 5, items: [{ stage: 's3', hours: 5 }] },
    ]);
    expect(plan.finish).toBe('2026-03-26');
    expect(plan.totalHours).toBe(35);
  });

  it('follows the weeks of an earlier first start: a plan laid out again mid-week opens with the rest of it', () => {
    // Weeks run Monday to Sunday from Mon 2 Mar; a plan from Thu 19 Mar (17 days on) is in week 3,
    // whose four days left hold 4 h at 7 h a week.
    const plan = layout(slots([10]), '2026-03-19', 7, '2026-03-02');
    expect(plan.weeks).toEqual([
      { week: 3, start: '2026-03-19', end: '2026-03-22', hours: 4, items: [{ stage: 's1', hours: 4 }] },
      { week: 4, start: '2026-03-23', end: '2026-03-29', hours: 6, items: [{ stage: 's1', hours: 6 }] },
    ]);
    expect(plan.windows.get('s1')).toEqual({ start: '2026-03-19', end: '2026-03-28' });
  });

  it('gives a slot of zero hours the one day the line reaches it, and has no finish when nothing is left', () => {
    // A stage whose hours are used up but that is not done takes no time: it sits on the day the
    // hours before it end, never on a day of its own after them, so it never moves a finish.
    const zeroFirst = layout(slots([0, 7]), '2026-01-01', 7);
    expect(zeroFirst.windows.get('s1')).toEqual({ start: '2026-01-01', end: '2026-01-01' });
    expect(zeroFirst.windows.get('s2')).toEqual({ start: '2026-01-01', end: '2026-01-07' });
    const zeroLast = layout(slots([7, 0]), '2026-01-01', 7);
    expect(zeroLast.windows.get('s2')).toEqual({ start: '2026-01-07', end: '2026-01-07' });
    expect(zeroLast.finish).toBe('2026-01-07');
    // Mid-day it is the day the hour falls on, as before: 1.5 h at 1 h a day ends on the second day.
    expect(layout(slots([1.5, 0]), '2026-01-01', 7).windows.get('s2')).toEqual({
      start: '2026-01-02',
      end: '2026-01-02',
    });
    expect(layout(slots([0]), '2026-01-01', 7).finish).toBe('2026-01-01');
    const empty = layout([], '2026-01-01', 5);
    expect([empty.weeks, empty.finish, empty.totalHours]).toEqual([[], null, 0]);
  });

  it('refuses a plan that would end after 2999 instead of writing a date no one can read', () => {
    const late = layout(slots([1000, 1000, 1000]), '2999-06-01', 1);
    expect(() => checkPlanEnds(late.lastDay)).toThrow(RuleError);
    expect(() => checkPlanEnds(late.lastDay)).toThrow('This plan would end after the year 2999');
    expect(() => checkPlanEnds(layout(slots([10]), '2999-12-01', 7).lastDay)).not.toThrow();
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
    const plan = layout(slots([hours]), start, 7);
    expect(plan.windows.get('s1')!.end).toBe(end);
    expect(plan.weeks.every((w, i) => w.start === addDays(start, 7 * i) && daysBetween(w.start, w.end) === 6)).toBe(
      true,
    );
  });
});

const hoursArb = fc.oneof(
  fc.integer({ min: 1, max: 120 }),
  fc.double({ min: 0.25, max: 60, noNaN: true, noDefaultInfinity: true }),
);
const startArb = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const inputArb = fc.record({
  hours: fc.array(hoursArb, { minLength: 1, maxLength: 40 }),
  hoursPerWeek: fc.oneof(
    fc.integer({ min: 1, max: 80 }),
    fc.double({ min: 1, max: 80, noNaN: true, noDefaultInfinity: true }),
  ),
  start: startArb,
});

describe('layout, invariants over generated stages and paces', () => {
  const close = (a: number, b: number, tolerance = 0.011) => Math.abs(a - b) <= tolerance;

  it('fills every full week with exactly the weekly hours, and no more weeks than needed', () => {
    fc.assert(
      fc.property(inputArb, ({ hours, hoursPerWeek, start }) => {
        const plan = layout(slots(hours), start, hoursPerWeek);
        const total = hours.reduce((a, b) => a + b, 0);
        expect(close(plan.totalHours, total)).toBe(true);
        expect(plan.weeks.length).toBe(Math.ceil(total / hoursPerWeek - 1e-9));
        plan.weeks.slice(0, -1).forEach((week) => expect(close(week.hours, hoursPerWeek)).toBe(true));
        const allItems = plan.weeks.flatMap((w) => w.items).reduce((sum, item) => sum + item.hours, 0);
        expect(close(allItems, total, 0.01 * plan.weeks.length + 0.011)).toBe(true);
      }),
    );
  });

  it('on an earlier grid of weeks, keeps every hour, numbers the weeks in a row, and puts each date in its week', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 60 }), ({ hours, hoursPerWeek, start }, earlier) => {
        const from = addDays(start, -earlier);
        const plan = layout(slots(hours), start, hoursPerWeek, from);
        const total = hours.reduce((a, b) => a + b, 0);
        const weekHours = plan.weeks.reduce((sum, w) => sum + w.hours, 0);
        expect(close(weekHours, total, 0.01 * plan.weeks.length + 0.011)).toBe(true);
        plan.weeks.forEach((week, i) => {
          expect(week.week).toBe(Math.floor((earlier + Math.max(0, i * 7 - (earlier % 7))) / 7) + 1);
          expect(daysBetween(from, week.end) % 7).toBe(6);
          if (i > 0) expect(daysBetween(plan.weeks[i - 1]!.end, week.start)).toBe(1);
        });
        if (plan.weeks.length > 0) expect(plan.weeks[0]!.start).toBe(start);
      }),
    );
  });

  it('runs stages in order, each in the weeks its dates say, back to back', () => {
    fc.assert(
      fc.property(inputArb, ({ hours, hoursPerWeek, start }) => {
        const plan = layout(slots(hours), start, hoursPerWeek);
        const windows = [...plan.windows.values()];
        windows.forEach((window, i) => {
          expect(daysBetween(window.start, window.end)).toBeGreaterThanOrEqual(0);
          if (i > 0) expect([0, 1]).toContain(daysBetween(windows[i - 1]!.end, window.start));
        });
        for (const [id, window] of plan.windows) {
          const weeks = plan.weeks.filter((w) => w.items.some((item) => item.stage === id));
          expect(weeks[0]!.week).toBe(Math.floor(daysBetween(start, window.start) / 7) + 1);
          expect(weeks.at(-1)!.week).toBe(Math.floor(daysBetween(start, window.end) / 7) + 1);
        }
        expect(plan.finish).toBe(windows.at(-1)!.end);
      }),
    );
  });
});

describe('the last day alone', () => {
  it('is the day layout ends on, for any slots, zero-hour ones included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.25, max: 200, noNaN: true })), { maxLength: 30 }),
        fc.integer({ min: 1, max: 80 }),
        (hours, perWeek) => {
          const given = hours.map((h, i) => ({ id: `s${i}`, hours: h }));
          expect(lastDayOf(given, '2026-01-01', perWeek)).toBe(layout(given, '2026-01-01', perWeek).lastDay);
        },
      ),
      { numRuns: 300 },
    );
  });
});
