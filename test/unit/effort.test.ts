import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effortOf, targetOn, withPace } from '../../src/coach/effort.js';
import { studiedSince } from '../../src/coach/advice.js';
import type { Pace } from '../../src/coach/types.js';
import { addDays, daysBetween } from '../../src/plan/dates.js';
import { learnerFor } from '../helpers/learner.js';

const START = '2026-01-05';

/** The streak counted the slow way: one scan of the whole log per week, each week by its own target. */
function naiveStreak(log: { date: string; hours: number }[], paces: Pace[], today: string): number {
  const weekOf = (date: string) => Math.floor(daysBetween(START, date) / 7);
  const hoursIn = (week: number) =>
    log.filter((e) => e.date <= today && weekOf(e.date) === week).reduce((sum, e) => sum + e.hours, 0);
  // Each day's share of the target in force on it.
  const targetOf = (week: number) => {
    let sum = 0;
    for (let day = 0; day < 7; day++) sum += targetOn(paces, addDays(START, week * 7 + day));
    return Math.round((sum / 7) * 100) / 100;
  };
  const met = (week: number) => hoursIn(week) >= targetOf(week) - 1e-9;
  let streak = 0;
  for (let week = met(weekOf(today)) ? weekOf(today) : weekOf(today) - 1; week >= 0; week--) {
    if (targetOf(week) === 0) continue;
    if (!met(week)) break;
    streak++;
  }
  return streak;
}

const learnerWith = (log: { date: string; hours: number }[], paces: Pace[] = [{ from: START, hoursPerWeek: 5 }]) => ({
  ...learnerFor({ hours: [100], perWeek: 5, start: START, log }),
  paces,
});

describe('effort: hours put in against the weekly target', () => {
  it('counts this week once it meets the target, and the weeks in a row before it', () => {
    const log = [0, 7, 14, 21, 22].map((day) => ({ date: addDays(START, day), hours: 5 }));
    expect(effortOf(learnerWith(log), addDays(START, 22))).toMatchObject({
      week: { number: 4, start: '2026-01-26', end: '2026-02-01', hours: 10, target: 5 },
      streak: 4,
      loggedHours: 25,
    });
    expect(effortOf(learnerWith(log), addDays(START, 29)).streak).toBe(4);
    expect(effortOf(learnerWith(log), addDays(START, 36)).streak).toBe(0);
  });

  it('has no week and no target before the plan starts', () => {
    expect(effortOf(learnerWith([]), addDays(START, -3))).toMatchObject({
      week: null,
      streak: 0,
      recentWeeks: [],
      typicalWeek: null,
    });
  });

  it('takes a typical week over the last four complete weeks, leaving out a break of up to two empty weeks or one of 8 to 28 days', () => {
    const weeks = (hours: number[]) =>
      hours.map((h, i) => ({ date: addDays(START, i * 7 + 3), hours: h })).filter((e) => e.hours > 0);
    expect(effortOf(learnerWith(weeks([8, 8, 0, 0])), addDays(START, 28)).typicalWeek).toBe(8);
    // Four empty weeks between two days with hours (days 3 and 38: 35 days) are no break: they are the pace.
    expect(effortOf(learnerWith(weeks([8, 0, 0, 0, 0, 4])), addDays(START, 42)).typicalWeek).toBe(1);
    // Three (days 3 and 31: 28 days) are a break that is over: the weeks around it, 8 h and 4 h.
    expect(effortOf(learnerWith(weeks([8, 0, 0, 0, 4])), addDays(START, 35))).toMatchObject({
      typicalWeek: 6,
      recentWeeks: [{ number: 1 }, { number: 5 }],
    });
    expect(effortOf(learnerWith(weeks([6, 8, 10, 4, 12])), addDays(START, 35)).typicalWeek).toBe(8.5);
  });

  it('takes the typical week from before a break under way, and counts the empty weeks once it is over', () => {
    const weeks = (hours: number[]) =>
      hours.map((h, i) => ({ date: addDays(START, i * 7 + 3), hours: h })).filter((e) => e.hours > 0);
    const log = weeks([4, 6, 8, 10, 6]); // last hours on day 31
    // 25 days on: three empty weeks, still a break; the four weeks before it hold 7 h on average.
    expect(effortOf(learnerWith(log), addDays(START, 56))).toMatchObject({
      breakDays: 25,
      typicalWeek: 7.5,
      recentWeeks: [{ number: 2 }, { number: 3 }, { number: 4 }, { number: 5 }],
    });
    // Back on day 57 (26 days on): the break is over, and its weeks are still not recent weeks,
    // so an hour logged never turns the typical week into the break's average.
    expect(effortOf(learnerWith([...log, { date: addDays(START, 57), hours: 1 }]), addDays(START, 57))).toMatchObject({
      breakDays: null,
      typicalWeek: 7.5,
      recentWeeks: [{ number: 2 }, { number: 3 }, { number: 4 }, { number: 5 }],
    });
    // 32 days on: no longer a break but the pace, and the last four weeks hold nothing.
    expect(effortOf(learnerWith(log), addDays(START, 63))).toMatchObject({
      breakDays: null,
      typicalWeek: 0,
      recentWeeks: [{ number: 6 }, { number: 7 }, { number: 8 }, { number: 9 }],
    });
  });

  it('says a break is under way from over a week to four weeks after the last hours logged in the plan', () => {
    const log = [{ date: START, hours: 2 }];
    // A learner who logs once a week is not on a break on the day before the next log.
    expect(effortOf(learnerWith(log), addDays(START, 7)).breakDays).toBeNull();
    expect(effortOf(learnerWith(log), addDays(START, 8)).breakDays).toBe(8);
    expect(effortOf(learnerWith(log), addDays(START, 28)).breakDays).toBe(28);
    expect(effortOf(learnerWith(log), addDays(START, 29)).breakDays).toBeNull();
    // Hours logged before the plan began are no study in it to break from.
    expect(effortOf(learnerWith([{ date: addDays(START, -5), hours: 2 }]), addDays(START, 14)).breakDays).toBeNull();
  });

  it('takes gaps as the pace when the log is all gaps, however long each one is', () => {
    // 10 h every 28 days (days 6, 34, 62 and 90): each gap is a break on its own, but one after
    // another they are the learner's pace, about 2.5 h a week, never the 10 h of the days logged.
    const log = [6, 34, 62, 90].map((day) => ({ date: addDays(START, day), hours: 10 }));
    const back = effortOf(learnerWith(log), addDays(START, 91));
    expect(back).toMatchObject({ breakDays: null, typicalWeek: 2.5 });
    expect(back.recentWeeks.map((w) => w.number)).toEqual([10, 11, 12, 13]);
    // The day before, in the break that ended on day 90, it was the same.
    expect(effortOf(learnerWith(log.slice(0, 3)), addDays(START, 89))).toMatchObject({
      breakDays: 27,
      typicalWeek: 2.5,
    });
  });

  it('counts a break that is over from the end of a pause the plan made, as one under way', () => {
    // 1 h a day in weeks 1 to 4 (days 0 to 27), a pause from day 28 to day 41, then nothing until
    // day 67: 40 days after the last hours, 26 after the pause ended.
    const paces: Pace[] = [
      { from: START, hoursPerWeek: 7 },
      { from: addDays(START, 28), hoursPerWeek: 0 },
      { from: addDays(START, 42), hoursPerWeek: 7 },
    ];
    const daily = Array.from({ length: 28 }, (_, day) => ({ date: addDays(START, day), hours: 1 }));
    expect(effortOf(learnerWith(daily, paces), addDays(START, 66))).toMatchObject({ breakDays: 25, typicalWeek: 7 });
    // Back on day 67 with an hour: weeks 7 to 9 (days 42 to 62) were the break, and weeks 5 and 6
    // the pause, which asks nothing; the typical week stays the 7 h of weeks 3 and 4.
    const back = effortOf(learnerWith([...daily, { date: addDays(START, 67), hours: 1 }], paces), addDays(START, 67));
    expect(back).toMatchObject({ breakDays: null, typicalWeek: 7 });
    expect(back.recentWeeks.map((w) => w.number)).toEqual([3, 4, 5, 6]);
  });

  it('counts a week a pause cut short for the days that had a target', () => {
    // 12 h a week from Mon 5 Jan; a replan paused it from Wed 21 Jan (day 16) to Sun 1 Feb, then 12
    // h again. 12 h in each of the first two weeks and 4 h on Mon 19 and Tue 20 Jan, the two days
    // of the third week with a target (3.43 h): 28 h in 16 such days is 12.25 h a week. A mean of
    // the weeks made it 9.33 h, as if the 4 h had been a whole week's.
    const paces: Pace[] = [
      { from: START, hoursPerWeek: 12 },
      { from: addDays(START, 16), hoursPerWeek: 0 },
      { from: addDays(START, 28), hoursPerWeek: 12 },
    ];
    const log = [
      { date: addDays(START, 6), hours: 12 },
      { date: addDays(START, 13), hours: 12 },
      { date: addDays(START, 14), hours: 2 },
      { date: addDays(START, 15), hours: 2 },
    ];
    const effort = effortOf(learnerWith(log, paces), addDays(START, 30));
    expect(effort.recentWeeks.map((w) => [w.number, w.hours, w.target])).toEqual([
      [1, 12, 12],
      [2, 12, 12],
      [3, 4, 3.43],
      [4, 0, 0],
    ]);
    expect(effort).toMatchObject({ breakDays: null, typicalWeek: 12.25 });
  });

  it('counts a break from the end of a pause the plan made, not through it', () => {
    // Logged on day 3; the plan paused from day 7 (a later start) until day 21.
    const paces: Pace[] = [
      { from: START, hoursPerWeek: 5 },
      { from: addDays(START, 7), hoursPerWeek: 0 },
      { from: addDays(START, 21), hoursPerWeek: 5 },
    ];
    const log = [{ date: addDays(START, 3), hours: 2 }];
    // While the pause lasts the plan asks for nothing, so nothing is a break: not 11 days on day 14.
    expect(effortOf(learnerWith(log, paces), addDays(START, 14)).breakDays).toBeNull();
    expect(effortOf(learnerWith(log, paces), addDays(START, 27)).breakDays).toBeNull();
    expect(effortOf(learnerWith(log, paces), addDays(START, 29)).breakDays).toBe(9);
  });

  it('gives the same streak as a scan per week on generated logs and target histories', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: -30, max: 400 }), hours: fc.integer({ min: 1, max: 12 }) }), {
          maxLength: 120,
        }),
        fc.integer({ min: 0, max: 420 }),
        fc.array(fc.record({ day: fc.integer({ min: 1, max: 400 }), hours: fc.integer({ min: 0, max: 20 }) }), {
          maxLength: 4,
        }),
        (entries, todayOffset, later) => {
          const log = entries.map((e) => ({ date: addDays(START, e.day), hours: e.hours }));
          const paces = [
            { from: START, hoursPerWeek: 5 },
            ...later.sort((a, b) => a.day - b.day).map((p) => ({ from: addDays(START, p.day), hoursPerWeek: p.hours })),
          ];
          const today = addDays(START, todayOffset);
          expect(effortOf(learnerWith(log, paces), today).streak).toBe(naiveStreak(log, paces, today));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads two years of daily logs in one pass', () => {
    const log = Array.from({ length: 10_000 }, (_, i) => ({ date: addDays(START, Math.floor(i / 14)), hours: 0.75 }));
    expect(
      effortOf({ ...learnerWith(log), paces: [{ from: START, hoursPerWeek: 10 }] }, addDays(START, 713)).streak,
    ).toBe(102);
  });
});

describe('a week whose target changed', () => {
  it('asks for each part at its own target: a pause that ends on a Saturday asks two days of hours', () => {
    // 8 h a week from Mon 5 Jan, paused from Mon 12 Jan, again from Sat 24 Jan. The week of
    // Mon 19 – Sun 25 Jan asks 2 × 8/7 = 2.29 h; the paused week asks nothing and is passed over.
    const paces = [
      { from: START, hoursPerWeek: 8 },
      { from: '2026-01-12', hoursPerWeek: 0 },
      { from: '2026-01-24', hoursPerWeek: 8 },
    ];
    const log = [
      { date: '2026-01-07', hours: 8 },
      { date: '2026-01-24', hours: 2.3 },
    ];
    expect(effortOf(learnerWith(log, paces), '2026-01-25')).toMatchObject({
      week: { number: 3, hours: 2.3, target: 2.29 },
      streak: 2,
    });
  });

  it('asks nothing of the days of an agreed pause when judging why a learner is behind', () => {
    // 8 h a week for Mon 5 – Sun 11 Jan, a pause to Sun 8 Feb, then 8 h again: by Sun 15 Feb
    // the targets asked 8 + 0 + 8 = 16 h.
    const paces = [
      { from: START, hoursPerWeek: 8 },
      { from: '2026-01-12', hoursPerWeek: 0 },
      { from: '2026-02-09', hoursPerWeek: 8 },
    ];
    const log = [
      { date: '2026-01-07', hours: 8 },
      { date: '2026-02-10', hours: 7.5 },
      { date: '2026-02-20', hours: 3 },
    ];
    expect(studiedSince(log, START, '2026-02-15', paces)).toEqual({ since: START, hours: 15.5, targetHours: 16 });
  });
});

describe('the weekly targets a replan leaves', () => {
  it('adds the new target from the replan day, and pauses the weeks before a later start', () => {
    const first = [{ from: START, hoursPerWeek: 10 }];
    expect(withPace(first, '2026-02-02', 6, '2026-02-02')).toEqual([...first, { from: '2026-02-02', hoursPerWeek: 6 }]);
    expect(withPace(first, '2026-02-02', 10, '2026-02-02')).toEqual(first);
    expect(withPace(first, '2026-03-02', 8, '2026-02-02')).toEqual([
      ...first,
      { from: '2026-02-02', hoursPerWeek: 0 },
      { from: '2026-03-02', hoursPerWeek: 8 },
    ]);
    // A later replan replaces what an earlier one set for the days after it.
    const paused = withPace(first, '2026-03-02', 8, '2026-02-02');
    expect(withPace(paused, '2026-02-10', 12, '2026-02-10')).toEqual([
      ...first,
      { from: '2026-02-02', hoursPerWeek: 0 },
      { from: '2026-02-10', hoursPerWeek: 12 },
    ]);
  });
});
