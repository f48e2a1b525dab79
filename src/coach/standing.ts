import { addDays, daysBetween, type IsoDate } from '../plan/dates.js';
import { dayBefore, roundHours } from '../plan/schedule.js';
import { MAX_WEEKLY_HOURS, MIN_WEEKLY_HOURS } from './rules.js';
import { creditOf, currentStage, hoursOf, loggedByStage, statusOf, type Learner } from './learner.js';
import { weekAndStreak, type WeekReport } from './week.js';

/** "On track" while the verdict is within this many days either way. */
export const ON_TRACK_DAYS = 2;
/** Further behind than this, the coach suggests a replan. */
export const REPLAN_AFTER_DAYS = 7;
/** The recent pace is measured over at most this many days, and only once there are this many. */
export const RECENT_DAYS = 28;
export const MIN_RECENT_DAYS = 7;
/** A finish further away than this at the recent pace is not worth a date. */
const RECENT_HORIZON_DAYS = 3653;

export type Verdict = 'on-track' | 'ahead' | 'behind' | 'finished';

export interface Standing {
  done: number;
  skipped: number;
  total: number;
  /** Credited hours as a share of the hours of every stage not skipped, 0 to 100. */
  percent: number;
  doneHours: number;
  /** Hours of every stage not skipped. */
  totalHours: number;
  /** Hours of done stages, plus hours logged on stages still to do (each at most its stage's hours). */
  creditedHours: number;
  remainingHours: number;
  /** What the agreed plan expected credited by today: the credit it started from plus its hours scheduled before today. */
  expectedHours: number;
  /** The one number: (credited − expected) ÷ the agreed hours a day, in whole days. Positive is ahead. */
  daysAhead: number;
  verdict: Verdict;
  /** The agreed plan's finish, as saved. */
  baselineFinish: IsoDate | null;
  /** The agreed finish less the days of stages skipped since that the plan had not reached yet. */
  plannedFinish: IsoDate | null;
  /** The finish at the agreed pace: plannedFinish moved by daysAhead. For a finished plan, the day it was finished. */
  projectedFinish: IsoDate | null;
  /** The pace measured over the last weeks and the finish it gives; null without a study log. */
  recent: { hoursPerWeek: number; finish: IsoDate | null; days: number } | null;
  /** The command that helps when far behind; null otherwise. */
  advice: { command: string; hoursPerWeek: number | null } | null;
  /** The pace of the projection: always the agreed one (the recent pace is `recent`). */
  pace: { hoursPerWeek: number; source: 'plan' };
  /** No stage still to do is past its agreed window. */
  inCurrentWindow: boolean;
  loggedHours: number;
  week: WeekReport;
  /** Weeks in a row, up to this one, whose logged hours met the weekly target. */
  streak: number;
}

/**
 * Where the learner stands today against the agreed plan. Every figure comes from one model:
 * the plan's hour line at the agreed pace. daysAhead is the gap between the planned finish and
 * the finish at that pace, so the verdict and the projection always agree, and with nothing
 * happening the verdict moves by at most one day a day.
 */
export function standing(learner: Learner, today: IsoDate): Standing {
  const { baseline } = learner;
  const perDay = baseline.hoursPerWeek / 7;
  const sums = totals(learner, today);
  const remaining = Math.max(0, sums.totalHours - sums.credited);
  const planned = plannedFinishOn(learner, today);
  const { verdict, daysAhead, projected } = judge(learner, today, remaining, planned.finish);
  // What the plan started from (every hour not scheduled, skipped ones aside) plus its days so far.
  const elapsedDays = Math.max(0, daysBetween(baseline.start, today));
  const expected = sums.totalHours - planned.hours + elapsedDays * perDay;
  const recent = recentPace(learner, today, remaining);
  // Weeks count from the first plan's start, so a replan mid-week does not move them.
  const { week, streak } = weekAndStreak(learner.log, learner.profile.start, today, baseline.hoursPerWeek);
  return {
    done: sums.done,
    skipped: sums.skipped,
    total: learner.roadmap.stages.length,
    percent: sums.totalHours > 0 ? Math.floor((sums.credited / sums.totalHours) * 100 + 1e-9) : 100,
    doneHours: roundHours(sums.doneHours),
    totalHours: roundHours(sums.totalHours),
    creditedHours: roundHours(sums.credited),
    remainingHours: roundHours(remaining),
    expectedHours: roundHours(Math.max(0, expected)),
    daysAhead,
    verdict,
    baselineFinish: baseline.finish,
    plannedFinish: planned.hours > 0 ? planned.finish : null,
    projectedFinish: projected,
    recent,
    advice: verdict === 'behind' && daysAhead < -REPLAN_AFTER_DAYS ? replanAdvice(baseline.hoursPerWeek, recent) : null,
    pace: { hoursPerWeek: baseline.hoursPerWeek, source: 'plan' },
    inCurrentWindow: baseline.stages.every((s) => statusOf(learner, s.id) !== 'todo' || s.end >= today),
    loggedHours: roundHours(learner.log.reduce((sum, entry) => (entry.date <= today ? sum + entry.hours : sum), 0)),
    week,
    streak,
  };
}

/** Counts and hours over every stage: skipped ones leave both the total and the credit. */
function totals(learner: Learner, today: IsoDate) {
  const logged = loggedByStage(learner.log, today);
  const sums = { done: 0, skipped: 0, doneHours: 0, totalHours: 0, credited: 0 };
  for (const stage of learner.roadmap.stages) {
    const status = statusOf(learner, stage.id);
    if (status === 'skipped') {
      sums.skipped++;
      continue;
    }
    const hours = hoursOf(learner, stage);
    sums.totalHours += hours;
    sums.credited += creditOf(learner, stage, logged);
    if (status === 'done') {
      sums.done++;
      sums.doneHours += hours;
    }
  }
  return sums;
}

/**
 * The verdict and its number: the days between the planned finish and the finish at the agreed
 * pace from today (from the plan's start, before it). A finished plan keeps the days it was
 * early or late on the day the last stage was done.
 */
function judge(
  learner: Learner,
  today: IsoDate,
  remaining: number,
  plannedFinish: IsoDate,
): { verdict: Verdict; daysAhead: number; projected: IsoDate } {
  const { baseline } = learner;
  // Finished means every stage marked done or skipped; hours logged in full are not enough.
  if (remaining <= 1e-9 && !currentStage(learner)) {
    const finishedOn = lastDoneDate(learner) ?? today;
    const plannedThen = plannedFinishOn(learner, finishedOn);
    return {
      verdict: 'finished',
      projected: finishedOn,
      daysAhead: plannedThen.hours > 0 ? daysBetween(finishedOn, plannedThen.finish) : 0,
    };
  }
  const anchor = daysBetween(baseline.start, today) > 0 ? today : baseline.start;
  const projected = addDays(anchor, Math.max(0, dayBefore(remaining, baseline.hoursPerWeek / 7)));
  const daysAhead = daysBetween(projected, plannedFinish);
  return {
    verdict: Math.abs(daysAhead) <= ON_TRACK_DAYS ? 'on-track' : daysAhead > 0 ? 'ahead' : 'behind',
    daysAhead,
    projected,
  };
}

/**
 * The agreed plan's finish as of `date`: the saved finish, brought forward by the hours of
 * skipped stages that the plan had not reached by then (skipping a stage the plan already
 * passed saves no future time).
 */
function plannedFinishOn(learner: Learner, date: IsoDate): { finish: IsoDate; hours: number; skippedAhead: number } {
  const { baseline } = learner;
  const perDay = baseline.hoursPerWeek / 7;
  const elapsed = Math.max(0, daysBetween(baseline.start, date)) * perDay;
  let offset = 0;
  let total = 0;
  let skippedAhead = 0;
  for (const stage of baseline.stages) {
    if (statusOf(learner, stage.id) === 'skipped')
      skippedAhead += Math.min(stage.hours, Math.max(0, offset + stage.hours - elapsed));
    offset += stage.hours;
    total += stage.hours;
  }
  const hours = total - skippedAhead;
  return { finish: addDays(baseline.start, dayBefore(hours, perDay)), hours, skippedAhead };
}

function lastDoneDate(learner: Learner): IsoDate | undefined {
  let last: IsoDate | undefined;
  for (const entry of learner.progress.values())
    if (entry.status === 'done' && (last === undefined || entry.date > last)) last = entry.date;
  return last;
}

/**
 * Credit gained over the last RECENT_DAYS days (fewer since the plan began, at least
 * MIN_RECENT_DAYS), as hours a week, and the finish it would give. Shown only to learners who
 * log, so not logging is never turned into a slower figure.
 */
function recentPace(learner: Learner, today: IsoDate, remaining: number): Standing['recent'] {
  if (remaining <= 1e-9 || !learner.log.some((entry) => entry.date <= today)) return null;
  const days = Math.min(RECENT_DAYS, daysBetween(learner.profile.start, today) + 1);
  if (days < MIN_RECENT_DAYS) return null;
  const before = addDays(today, -days);
  const loggedNow = loggedByStage(learner.log, today);
  const loggedBefore = loggedByStage(learner.log, before);
  let gained = 0;
  for (const stage of learner.roadmap.stages) {
    gained += creditOf(learner, stage, loggedNow) - creditOf(learner, stage, loggedBefore, before);
  }
  const hoursPerWeek = Math.round((gained / days) * 7 * 10) / 10;
  // A stray hour is not a pace: below MIN_ADVISED_HOURS a week there is no date worth giving.
  if (hoursPerWeek < MIN_ADVISED_HOURS) return { hoursPerWeek: Math.max(0, hoursPerWeek), finish: null, days };
  const daysNeeded = dayBefore(remaining, hoursPerWeek / 7);
  return { hoursPerWeek, finish: daysNeeded > RECENT_HORIZON_DAYS ? null : addDays(today, daysNeeded), days };
}

/** Below this, a measured pace is a stray hour, not a pace to plan a year around. */
export const MIN_ADVISED_HOURS = 3;

/**
 * `replan`, with the pace the learner really keeps when it differs from the plan's by a fifth or
 * more and is a real pace (at least MIN_ADVISED_HOURS a week).
 */
function replanAdvice(planned: number, recent: Standing['recent']): Standing['advice'] {
  if (recent && recent.hoursPerWeek >= MIN_ADVISED_HOURS && Math.abs(recent.hoursPerWeek - planned) >= planned / 5) {
    const hours = Math.min(MAX_WEEKLY_HOURS, Math.max(MIN_WEEKLY_HOURS, Math.round(recent.hoursPerWeek)));
    if (hours !== planned) return { command: `backend-path replan --hours ${hours}`, hoursPerWeek: hours };
  }
  return { command: 'backend-path replan', hoursPerWeek: null };
}
