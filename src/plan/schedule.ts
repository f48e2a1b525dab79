import { RuleError } from '../errors.js';
import { addDays, dayNumber, fromDayNumber, LAST_YEAR, type IsoDate } from './dates.js';

/** A stage to lay out and the hours the plan gives it. */
export interface Slot {
  id: string;
  hours: number;
}

export interface Window {
  /** The day the stage's first hour falls on. */
  start: IsoDate;
  /** The day its last hour falls on. */
  end: IsoDate;
}

export interface WeekItem {
  stage: string;
  hours: number;
}

export interface PlanWeek {
  week: number;
  start: IsoDate;
  end: IsoDate;
  hours: number;
  items: WeekItem[];
}

export interface Layout {
  windows: Map<string, Window>;
  weeks: PlanWeek[];
  /** The last study day; null when nothing is laid out. */
  finish: IsoDate | null;
  /** The same day as a day number (days since 1970-01-01): it stays comparable past any year. */
  lastDay: number | null;
  totalHours: number;
}

// Hours are often fractions of the daily share (e.g. 10 h/week is 1.43 h/day), so day and
// week boundaries are compared with a tolerance instead of exactly.
const EPSILON = 1e-9;

export const roundHours = (hours: number): number => Math.round(hours * 100) / 100;

/** The 0-based day on which hour `offset` of study falls, studying `perDay` hours a day. */
function dayOfHour(offset: number, perDay: number): number {
  return Math.floor(offset / perDay + EPSILON);
}

/** The 0-based day that holds the last moment before hour `offset`. */
export function dayBefore(offset: number, perDay: number): number {
  return Math.ceil(offset / perDay - EPSILON) - 1;
}

/** The 0-based day the line of study reaches hour `offset`: the day its last hour before falls on, or the first. */
function reachedOn(offset: number, perDay: number): number {
  return offset > EPSILON ? dayBefore(offset, perDay) : 0;
}

/**
 * Lays the slots end to end from `start`, spreading study evenly over the days (hoursPerWeek / 7
 * a day), and cuts the same hour line into 7-day weeks. A slot of zero hours (a stage whose
 * estimate is used up but that is not done yet) takes no time: its window is the one day the line
 * reaches it, the last day of the hours before it (the first day when none come before), so it
 * never moves a finish: a plan ends when its hours do, as every projection of the same hours does.
 *
 * The weeks follow the grid of 7-day weeks that began on `weeksFrom` (the first plan's start,
 * by which the learner's effort is counted), numbered on it: a plan laid out again mid-week opens
 * with the rest of that week.
 */
export function layout(
  slots: readonly Slot[],
  start: IsoDate,
  hoursPerWeek: number,
  weeksFrom: IsoDate = start,
): Layout {
  const perDay = hoursPerWeek / 7;
  const first = dayNumber(start);
  const since = Math.max(0, first - dayNumber(weeksFrom));
  const lead = since % 7;
  const firstNumber = Math.floor(since / 7) + 1;
  const windows = new Map<string, Window>();
  const spans: { id: string; from: number; to: number }[] = [];
  let offset = 0;
  for (const slot of slots) {
    const from = offset;
    offset += slot.hours > EPSILON ? slot.hours : 0;
    spans.push({ id: slot.id, from, to: offset });
  }
  const dayOf = (span: { from: number; to: number }) =>
    span.to > span.from
      ? { start: first + dayOfHour(span.from, perDay), end: first + dayBefore(span.to, perDay) }
      : { start: first + reachedOn(span.from, perDay), end: first + reachedOn(span.from, perDay) };
  const lastDay = spans.reduce((last, span) => Math.max(last, dayOf(span).end), first - 1);
  for (const span of spans) {
    const days = dayOf(span);
    windows.set(span.id, { start: fromDayNumber(days.start), end: fromDayNumber(days.end) });
  }

  // The hours of the days of the first grid week before `start`, had the line begun with it.
  const before = lead * perDay;
  const weekCount = offset > EPSILON ? Math.max(0, Math.ceil((offset + before) / hoursPerWeek - EPSILON)) : 0;
  const weeks: PlanWeek[] = [];
  let next = 0;
  for (let week = 0; week < weekCount; week++) {
    const weekFrom = Math.max(0, week * hoursPerWeek - before);
    const weekTo = Math.min((week + 1) * hoursPerWeek - before, offset);
    const items: WeekItem[] = [];
    while (next < spans.length && spans[next]!.to <= weekFrom + EPSILON) next++;
    for (let i = next; i < spans.length && spans[i]!.from < weekTo - EPSILON; i++) {
      const span = spans[i]!;
      const hours = Math.min(span.to, weekTo) - Math.max(span.from, weekFrom);
      if (hours > EPSILON) items.push({ stage: span.id, hours: roundHours(hours) });
    }
    weeks.push({
      week: firstNumber + week,
      start: addDays(start, Math.max(0, week * 7 - lead)),
      end: addDays(start, week * 7 - lead + 6),
      hours: roundHours(weekTo - weekFrom),
      items,
    });
  }
  return {
    windows,
    weeks,
    finish: spans.length > 0 ? fromDayNumber(lastDay) : null,
    lastDay: spans.length > 0 ? lastDay : null,
    totalHours: roundHours(offset),
  };
}

/**
 * The day number of the last day `layout` would give the same slots, without building their
 * windows and weeks: what a projection needs, at every command.
 */
export function lastDayOf(slots: readonly Slot[], start: IsoDate, hoursPerWeek: number): number | null {
  const perDay = hoursPerWeek / 7;
  let offset = 0;
  let last: number | null = null;
  for (const slot of slots) {
    const from = offset;
    offset += slot.hours > EPSILON ? slot.hours : 0;
    const end = offset > from ? dayBefore(offset, perDay) : reachedOn(from, perDay);
    if (last === null || end > last) last = end;
  }
  return last === null ? null : dayNumber(start) + last;
}

/** The last day the program writes as a date; a plan or a projection past it has no date. */
export const LAST_DAY = dayNumber(`${LAST_YEAR}-12-31`);

/** A plan must end by the last supported year: a later date is a typo in the pace, not a plan. */
export function checkPlanEnds(lastDay: number | null): void {
  if (lastDay !== null && lastDay > LAST_DAY) {
    throw new RuleError(
      `This plan would end after the year ${LAST_YEAR}; start earlier, study more hours a week, or choose a smaller roadmap.`,
    );
  }
}
