import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weekAndStreak } from '../../src/coach/week.js';
import { addDays, daysBetween } from '../../src/plan/dates.js';
import type { LogEntry } from '../../src/coach/types.js';

/** The streak as the first version counted it: one scan of the whole log per week, from this week back. */
function naiveStreak(log: LogEntry[], start: string, today: string, target: number): number {
  const weekOf = (date: string) => Math.floor(daysBetween(start, date) / 7);
  const hoursIn = (week: number) =>
    log.filter((e) => e.date <= today && weekOf(e.date) === week).reduce((sum, e) => sum + e.hours, 0);
  const current = weekOf(today);
  let streak = 0;
  for (let week = hoursIn(current) >= target - 1e-9 ? current : current - 1; hoursIn(week) >= target - 1e-9; week--)
    streak++;
  return streak;
}

const START = '2026-01-05';

describe('this week and the streak, in one pass over the log', () => {
  it('counts this week once it meets the target, and the weeks in a row before it', () => {
    const log = [0, 7, 14, 21, 22].map((day) => ({ date: addDays(START, day), hours: 5 }));
    expect(weekAndStreak(log, START, addDays(START, 22), 5)).toEqual({
      week: { number: 4, start: '2026-01-26', end: '2026-02-01', hours: 10, target: 5 },
      streak: 4,
    });
    expect(weekAndStreak(log, START, addDays(START, 29), 5).streak).toBe(4);
    expect(weekAndStreak(log, START, addDays(START, 36), 5).streak).toBe(0);
  });

  it('gives the same streak as a scan per week on generated logs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: -30, max: 400 }), hours: fc.integer({ min: 1, max: 12 }) }), {
          maxLength: 120,
        }),
        fc.integer({ min: 0, max: 420 }),
        fc.integer({ min: 1, max: 20 }),
        (entries, todayOffset, target) => {
          const log = entries.map((e) => ({ date: addDays(START, e.day), hours: e.hours }));
          const today = addDays(START, todayOffset);
          expect(weekAndStreak(log, START, today, target).streak).toBe(naiveStreak(log, START, today, target));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads two years of daily logs in one pass', () => {
    const log = Array.from({ length: 10_000 }, (_, i) => ({ date: addDays(START, Math.floor(i / 14)), hours: 0.75 }));
    const result = weekAndStreak(log, START, addDays(START, 713), 10);
    expect(result.streak).toBe(102);
  });
});
