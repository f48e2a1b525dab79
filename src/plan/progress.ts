import { stageHours, type Roadmap } from '../roadmap/types.js';
import { addDays, daysBetween, type IsoDate } from './dates.js';
import type { StageStatus } from './schedule.js';

/** The baseline a plan was made with: the stage windows the learner agreed to. */
export interface BaselineInput {
  start: IsoDate;
  finish: IsoDate | null;
  hoursPerWeek: number;
  stages: { id: string; hours: number; start: IsoDate; end: IsoDate }[];
}

export interface LogEntry {
  date: IsoDate;
  hours: number;
}

export interface ProgressInput {
  roadmap: Roadmap;
  track: string;
  hoursPerWeek: number;
  baseline: BaselineInput;
  progress: Readonly<Record<string, StageStatus>>;
  log: readonly LogEntry[];
  today: IsoDate;
}

export interface ProgressReport {
  done: number;
  skipped: number;
  total: number;
  /** Done hours as a share of the hours of every stage not skipped, 0 to 100. */
  percent: number;
  doneHours: number;
  totalHours: number;
  remainingHours: number;
  /** Hours of baseline stages the baseline expected finished before today. */
  expectedHours: number;
  /** Positive: days ahead of the baseline; negative: behind. */
  daysAhead: number;
  /**
   * True while every stage planned to end before today is done: progress is counted in whole
   * stages, so a learner halfway through the current stage shows a shortfall without being late.
   */
  inCurrentWindow: boolean;
  baselineFinish: IsoDate | null;
  projectedFinish: IsoDate | null;
  /** Hours a week behind the projection: the logged pace once there is enough of it, else the plan's. */
  pace: { hoursPerWeek: number; source: 'plan' | 'log' };
  loggedHours: number;
  week: { number: number; start: IsoDate; end: IsoDate; hours: number; target: number };
  /** Weeks in a row, up to this one, whose logged hours met the weekly target. */
  streak: number;
}

/** The logged pace is trusted once the first entry is at least this many days old. */
export const MIN_LOG_DAYS = 14;
/** The logged pace is measured over at most this many recent days. */
export const LOG_WINDOW_DAYS = 28;

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * What the baseline expected done before `today`: the baseline lays its stages end to end at
 * hoursPerWeek / 7 a day from its start, so each stage's share of the elapsed hours is known.
 * Stages skipped since then are left out, so skipping neither helps nor hurts.
 */
export function expectedHoursBy(baseline: BaselineInput, progress: Readonly<Record<string, StageStatus>>, today: IsoDate): number {
  const elapsed = Math.max(0, daysBetween(baseline.start, today)) * (baseline.hoursPerWeek / 7);
  let offset = 0;
  let expected = 0;
  for (const stage of baseline.stages) {
    if (progress[stage.id] !== 'skipped') expected += Math.min(stage.hours, Math.max(0, elapsed - offset));
    offset += stage.hours;
  }
  return expected;
}

/** The pace the log shows, in hours a week, or undefined while the log is too young to say. */
export function loggedPace(log: readonly LogEntry[], today: IsoDate): number | undefined {
  const past = log.filter((entry) => daysBetween(entry.date, today) >= 0);
  if (past.length === 0) return undefined;
  const first = past.reduce((min, entry) => (entry.date < min ? entry.date : min), past[0]!.date);
  const age = daysBetween(first, today) + 1;
  if (age < MIN_LOG_DAYS) return undefined;
  const window = Math.min(age, LOG_WINDOW_DAYS);
  const hours = past.filter((entry) => daysBetween(entry.date, today) < window).reduce((sum, entry) => sum + entry.hours, 0);
  return hours > 0 ? (hours / window) * 7 : undefined;
}

/** The day the last of `hours` falls on, studying from `from` at `hoursPerWeek`. */
export function finishDate(from: IsoDate, hours: number, hoursPerWeek: number): IsoDate | null {
  if (hours <= 0) return null;
  return addDays(from, Math.ceil((hours * 7) / hoursPerWeek - 1e-9) - 1);
}

function weekOf(start: IsoDate, date: IsoDate): number {
  return Math.floor(daysBetween(start, date) / 7);
}

export function progressReport(input: ProgressInput): ProgressReport {
  const { roadmap, track, hoursPerWeek, baseline, progress, log, today } = input;
  let doneHours = 0;
  let totalHours = 0;
  let done = 0;
  let skipped = 0;
  for (const stage of roadmap.stages) {
    const status = progress[stage.id] ?? 'todo';
    const hours = stageHours(stage, track);
    if (status === 'skipped') {
      skipped++;
      continue;
    }
    totalHours += hours;
    if (status === 'done') {
      done++;
      doneHours += hours;
    }
  }
  const remainingHours = totalHours - doneHours;

  const doneInBaseline = baseline.stages.filter((s) => progress[s.id] === 'done').reduce((sum, s) => sum + s.hours, 0);
  const expectedHours = expectedHoursBy(baseline, progress, today);
  const perDay = hoursPerWeek / 7;
  const daysAhead = Math.round((doneInBaseline - expectedHours) / perDay) || 0;

  const inCurrentWindow = baseline.stages.every((s) => progress[s.id] !== 'todo' || daysBetween(s.end, today) <= 0);
  const fromLog = loggedPace(log, today);
  const pace = fromLog === undefined ? { hoursPerWeek, source: 'plan' as const } : { hoursPerWeek: round2(fromLog), source: 'log' as const };

  const weekIndex = Math.max(0, weekOf(baseline.start, today));
  const weekStart = addDays(baseline.start, weekIndex * 7);
  const hoursInWeek = (index: number) =>
    log.filter((entry) => daysBetween(entry.date, today) >= 0 && weekOf(baseline.start, entry.date) === index).reduce((sum, e) => sum + e.hours, 0);
  const thisWeek = hoursInWeek(weekIndex);
  let streak = thisWeek >= hoursPerWeek ? 1 : 0;
  for (let index = weekIndex - 1; index >= 0 && hoursInWeek(index) >= hoursPerWeek; index--) streak++;

  return {
    done,
    skipped,
    total: roadmap.stages.length,
    percent: totalHours > 0 ? Math.floor((doneHours / totalHours) * 100) : 100,
    doneHours: round2(doneHours),
    totalHours: round2(totalHours),
    remainingHours: round2(remainingHours),
    expectedHours: round2(expectedHours),
    daysAhead: baseline.stages.length === 0 ? 0 : daysAhead,
    inCurrentWindow,
    baselineFinish: baseline.finish,
    projectedFinish: finishDate(today, remainingHours, pace.hoursPerWeek),
    pace,
    loggedHours: round2(log.reduce((sum, entry) => sum + entry.hours, 0)),
    week: { number: weekIndex + 1, start: weekStart, end: addDays(weekStart, 6), hours: round2(thisWeek), target: hoursPerWeek },
    streak,
  };
}
