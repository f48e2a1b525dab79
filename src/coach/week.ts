import { addDays, dayNumber, type IsoDate } from '../plan/dates.js';
import { roundHours } from '../plan/schedule.js';
import type { LogEntry } from './types.js';

export interface WeekReport {
  /** 1 for the plan's first week; 0 or less before the plan starts. */
  number: number;
  start: IsoDate;
  end: IsoDate;
  hours: number;
  target: number;
}

/**
 * This week's logged hours against the target, and the streak of weeks that met it. Weeks are
 * the agreed plan's 7-day blocks. One pass over the log buckets its hours by week, so a log of
 * years costs no more than reading it once.
 */
export function weekAndStreak(
  log: readonly LogEntry[],
  start: IsoDate,
  today: IsoDate,
  target: number,
): { week: WeekReport; streak: number } {
  const first = dayNumber(start);
  const todayNumber = dayNumber(today);
  const weekOf = (day: number) => Math.floor((day - first) / 7);
  // A long log repeats each day many times: hours are summed by date, then by week.
  const byDate = new Map<IsoDate, number>();
  for (const entry of log) if (entry.date <= today) byDate.set(entry.date, (byDate.get(entry.date) ?? 0) + entry.hours);
  const byWeek = new Map<number, number>();
  for (const [date, hours] of byDate) {
    const week = weekOf(dayNumber(date));
    byWeek.set(week, (byWeek.get(week) ?? 0) + hours);
  }
  const current = weekOf(todayNumber);
  const met = (week: number) => (byWeek.get(week) ?? 0) >= target - 1e-9;
  // This week counts once it is met; until then the streak is the run that ended last week.
  let streak = 0;
  for (let week = met(current) ? current : current - 1; met(week); week--) streak++;
  const weekStart = addDays(start, current * 7);
  return {
    week: {
      number: current + 1,
      start: weekStart,
      end: addDays(weekStart, 6),
      hours: roundHours(byWeek.get(current) ?? 0),
      target,
    },
    streak,
  };
}
