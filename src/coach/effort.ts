import { addDays, daysBetween, dayNumber, type IsoDate } from '../plan/dates.js';
import { roundHours } from '../plan/schedule.js';
import type { Learner } from './learner.js';
import type { Pace } from './types.js';

/** The typical week is taken over at most this many complete weeks before this one. */
const RECENT_WEEKS = 4;
/**
 * A short break is not a new pace: of the recent weeks, up to this many with nothing logged are
 * left out of the typical week, and a gap in the log of up to BREAK_DAYS days reads as a break,
 * under way or over, whose empty weeks are not recent weeks at all (the typical week is taken
 * from the weeks around it).
 */
const BREAK_WEEKS = 2;
const BREAK_DAYS = 28;
/**
 * Nothing logged for more than a week (so a learner who logs once a week is never on one), after
 * hours logged in the plan, is a break under way.
 */
const BREAK_MIN_DAYS = 8;

/** One week of the plan: the hours logged in it and the target in force when it began. */
export interface EffortWeek {
  /** 1 for the plan's first week. */
  number: number;
  start: IsoDate;
  end: IsoDate;
  hours: number;
  target: number;
}

/**
 * Effort: the hours the learner puts in, against the weekly target. It says nothing about
 * ground covered (that is progress), and no stage's estimate ever caps it.
 */
export interface Effort {
  /** The weekly target in force today. */
  target: number;
  /** This week; null before the plan's first day. */
  week: EffortWeek | null;
  /** Complete weeks in a row, up to this one, whose hours met what each asked for (see weekTarget). */
  streak: number;
  /**
   * The complete weeks the typical week is taken over, oldest first, at most RECENT_WEEKS: the
   * last ones before this week, passing over the weeks of a break that is over, or during a
   * break the last ones up to the week of the last log.
   */
  recentWeeks: EffortWeek[];
  /** Hours a typical recent week holds: the recent weeks' mean, a short break left out; null before one is complete. */
  typicalWeek: number | null;
  /** Days since the last day with hours logged, when it is a break (BREAK_MIN_DAYS to BREAK_DAYS); else null. */
  breakDays: number | null;
  lastLogged: IsoDate | null;
  /** Every hour logged up to today. */
  loggedHours: number;
}

/** The weekly target in force on `date`: the latest one agreed on or before it (0 before the first). */
export function targetOn(paces: readonly Pace[], date: IsoDate): number {
  let target = 0;
  for (const pace of paces) if (pace.from <= date) target = pace.hoursPerWeek;
  return target;
}

/**
 * The learner's effort today. Weeks are the first plan's 7-day blocks (replans keep its start),
 * and each asks for the day's share of the target in force on each of its days: a week whose
 * target changed (a replan, or a pause that ends mid-week) asks for each part at its own
 * target, and a replan never re-judges a day before it. One pass over the log buckets its hours
 * by day.
 */
export function effortOf(learner: Learner, today: IsoDate): Effort {
  const start = learner.profile.start;
  const byDay = new Map<IsoDate, number>();
  let lastLogged: IsoDate | null = null;
  let loggedHours = 0;
  for (const entry of learner.log) {
    if (entry.date > today) continue;
    byDay.set(entry.date, (byDay.get(entry.date) ?? 0) + entry.hours);
    loggedHours += entry.hours;
    if (lastLogged === null || entry.date > lastLogged) lastLogged = entry.date;
  }
  const weekHours = new Map<number, number>();
  for (const [date, hours] of byDay) {
    const index = Math.floor(daysBetween(start, date) / 7);
    weekHours.set(index, (weekHours.get(index) ?? 0) + hours);
  }
  const week = (index: number): EffortWeek => {
    const from = addDays(start, index * 7);
    const end = addDays(from, 6);
    return {
      number: index + 1,
      start: from,
      end,
      hours: roundHours(weekHours.get(index) ?? 0),
      target: weekTarget(learner.paces, from),
    };
  };
  const current = Math.floor(daysBetween(start, today) / 7);
  const onBreak = breakDays(lastLogged, today, start, learner.paces);
  // The weeks after the last log during a break say nothing of the learner's pace.
  const lastLoggedWeek = lastLogged === null ? -1 : Math.floor(daysBetween(start, lastLogged) / 7);
  const end = onBreak !== null && lastLoggedWeek >= 0 ? Math.min(current, lastLoggedWeek + 1) : current;
  const logged = [...byDay.keys()].filter((day) => day >= start).sort();
  const recent = (skipped: { first: number; last: number } | null) => {
    const weeks: EffortWeek[] = [];
    for (let index = end - 1; index >= 0 && weeks.length < RECENT_WEEKS; index--)
      if (!skipped || index < skipped.first || index > skipped.last) weeks.unshift(week(index));
    return weeks;
  };
  // Back from a break, its weeks are passed over as they were while it lasted, unless the weeks
  // taken in their place hold a gap of their own: then gaps are the learner's pace.
  const back = onBreak === null ? lastBreak(logged, start, learner.paces) : null;
  let recentWeeks = recent(back);
  const oldest = recentWeeks[0];
  if (back && oldest && gapBefore(logged, back.since, oldest.start)) recentWeeks = recent(null);
  return {
    target: targetOn(learner.paces, today),
    week: today < start ? null : week(current),
    streak: today < start ? 0 : streakOf(week, current),
    recentWeeks,
    typicalWeek: typicalWeek(recentWeeks, learner.paces),
    breakDays: onBreak,
    lastLogged,
    loggedHours: roundHours(loggedHours),
  };
}

/**
 * The break the learner came back from last: the latest gap between two days with hours of at
 * least BREAK_MIN_DAYS days, when it is at most BREAK_DAYS counted as a break under way is (from
 * the end of a pause the plan made inside it), with the weeks wholly inside it (`first` to `last`,
 * possibly none). Null when that gap is no break: longer (its empty weeks are the pace), or under
 * BREAK_MIN_DAYS once a pause inside it is counted out (the pause's weeks ask for nothing).
 */
function lastBreak(
  logged: readonly IsoDate[],
  start: IsoDate,
  paces: readonly Pace[],
): { since: IsoDate; first: number; last: number } | null {
  for (let i = logged.length - 1; i >= 1; i--) {
    const before = logged[i - 1]!;
    const after = logged[i]!;
    if (daysBetween(before, after) < BREAK_MIN_DAYS) continue;
    const since = breakSince(before, after, paces);
    const days = daysBetween(since, after);
    if (days < BREAK_MIN_DAYS || days > BREAK_DAYS) return null;
    // The weeks after the one of the break's day before, up to the one before the day after it.
    return {
      since,
      first: Math.floor(daysBetween(start, since) / 7) + 1,
      last: Math.floor(daysBetween(start, after) / 7) - 1,
    };
  }
  return null;
}

/** Whether two days with hours before `until` (a break's start) lie BREAK_MIN_DAYS or more apart, ending after `from`. */
function gapBefore(logged: readonly IsoDate[], until: IsoDate, from: IsoDate): boolean {
  for (let i = 1; i < logged.length && logged[i - 1]! < until; i++)
    if (logged[i]! > from && daysBetween(logged[i - 1]!, logged[i]!) >= BREAK_MIN_DAYS && logged[i]! <= until)
      return true;
  return false;
}

/** The hours a week starting on `from` asks for: each day's share of the target in force on it. */
function weekTarget(paces: readonly Pace[], from: IsoDate): number {
  let sum = 0;
  for (let day = 0; day < 7; day++) sum += targetOn(paces, addDays(from, day));
  return roundHours(sum / 7);
}

/** Met weeks in a row, ending with this week when it is met, else with the last. Weeks without a target are passed over. */
function streakOf(week: (index: number) => EffortWeek, current: number): number {
  const met = (w: EffortWeek) => w.hours >= w.target - 1e-9;
  let streak = 0;
  for (let index = met(week(current)) ? current : current - 1; index >= 0; index--) {
    const w = week(index);
    if (w.target === 0) continue;
    if (!met(w)) break;
    streak++;
  }
  return streak;
}

/**
 * The mean of the recent weeks with a target, leaving out up to BREAK_WEEKS empty ones (a break),
 * each week counted for the share of its days that had one: the 4 h of a week a pause the plan
 * made cut to two days is a week of 14 h at that rate, not a week of 4 h (12, 12 and those 4 h
 * make 12.25 h a week, not 9.33).
 */
function typicalWeek(weeks: EffortWeek[], paces: readonly Pace[]): number | null {
  const counted = weeks.filter((w) => w.target > 0);
  if (counted.length === 0) return null;
  const empty = counted.filter((w) => w.hours === 0).length;
  const kept =
    empty > 0 && empty <= BREAK_WEEKS && empty < counted.length ? counted.filter((w) => w.hours > 0) : counted;
  let days = 0;
  for (const w of kept) for (let day = 0; day < 7; day++) if (targetOn(paces, addDays(w.start, day)) > 0) days++;
  return roundHours((kept.reduce((sum, w) => sum + w.hours, 0) / days) * 7);
}

/**
 * Days without hours since the last logged in the plan, counted from the end of a pause the plan
 * made (a later start) when that came after it; null when that is no break, and while such a
 * pause lasts: the plan asks for nothing then, so nothing is missing.
 */
function breakDays(lastLogged: IsoDate | null, today: IsoDate, start: IsoDate, paces: readonly Pace[]): number | null {
  if (lastLogged === null || lastLogged < start || targetOn(paces, today) === 0) return null;
  const days = dayNumber(today) - dayNumber(breakSince(lastLogged, today, paces));
  return days >= BREAK_MIN_DAYS && days <= BREAK_DAYS ? days : null;
}

/** The day a gap without hours from `last` to `until` counts from: `last`, or the day before a pause the plan made in it ended. */
function breakSince(last: IsoDate, until: IsoDate, paces: readonly Pace[]): IsoDate {
  let since = last;
  for (let i = 1; i < paces.length; i++) {
    const pace = paces[i]!;
    if (pace.from <= until && pace.hoursPerWeek > 0 && paces[i - 1]!.hoursPerWeek === 0 && pace.from > since)
      since = addDays(pace.from, -1);
  }
  return since;
}

/**
 * The weekly targets with the new one from `start`. A plan that starts later pauses the target
 * from today until then; targets an earlier replan set for days after today give way.
 */
export function withPace(paces: readonly Pace[], start: IsoDate, hoursPerWeek: number, today: IsoDate): Pace[] {
  const from = start > today ? today : start;
  const kept = paces.filter((pace) => pace.from < from);
  const next: Pace[] = [...kept];
  const push = (pace: Pace) => {
    if (targetOn(next, pace.from) !== pace.hoursPerWeek || next.length === 0) next.push(pace);
  };
  if (start > today) push({ from: today, hoursPerWeek: 0 });
  push({ from: start, hoursPerWeek });
  return next;
}
