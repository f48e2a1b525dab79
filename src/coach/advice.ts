import { addDays, daysBetween, type IsoDate } from '../plan/dates.js';
import { targetOn, type Effort } from './effort.js';
import type { Pace } from './types.js';
import { finishAfter, ON_TRACK_DAYS, type Progress, type StageHours } from './progress.js';
import { MAX_WEEKLY_HOURS, MIN_WEEKLY_HOURS } from './rules.js';
import { roundHours } from '../plan/schedule.js';

/** Further behind than this, the advice includes a replan. */
const REPLAN_AFTER_DAYS = 7;
/** Effort at or above this share of the target is "on target": then the estimates, not the hours, are behind. */
const ON_TARGET_SHARE = 0.9;

/**
 * Why a learner is behind, and what helps:
 * - `break`: nothing logged for more than a week after study in the plan: a break, not a new pace;
 * - `effort`: fewer hours studied since the agreed plan began than its target asked (a break
 *   now over counts here): the hours that keep the planned finish, and the finish at the hours
 *   really studied;
 * - `estimate`: the hours are there but the ground is taking longer than its estimates;
 * - `unlogged`: no hours logged, so effort cannot be told from estimates;
 * - `unscheduled`: a stage put back after the plan was made is not in it, so its hours are late
 *   from the start: a replan dates it.
 */
export type Cause = 'unscheduled' | 'break' | 'effort' | 'estimate' | 'unlogged';

export interface Advice {
  cause: Cause;
  /** Hours a week from today that would still meet the planned finish; null when more than any week allows. */
  keepFinishHours: number | null;
  /** The finish if the rest is studied at the learner's typical week; null without one. */
  effortFinish: IsoDate | null;
  /** Stages logged past their estimate and not done yet. */
  overruns: StageHours[];
  /** The hours studied since the agreed plan began (`since`), against what its weekly target asked by today. */
  studied: Studied;
  /** What to run, most helpful first; each pastes as it is. */
  commands: string[];
}

export interface Studied {
  since: IsoDate;
  hours: number;
  targetHours: number;
}

interface AdviceInput {
  progress: Progress;
  effort: Effort;
  studied: Studied;
  /** The part of `studied.targetHours` that is today's: the day is not over, so the cause leaves it out. */
  askedToday: number;
  hoursPerWeek: number;
  /** Study hours per estimated hour the plan assumes. */
  speed: number;
  today: IsoDate;
}

/** The advice when the learner is behind; none when on track, ahead or done (ahead never hears "slow down"). */
export function adviceFor(input: AdviceInput): Advice | null {
  const { progress, effort, today } = input;
  if (progress.verdict !== 'behind' || progress.daysAhead >= -ON_TRACK_DAYS) return null;
  const cause = causeOf(input);
  // As a replan lays the rest out: its stages' study hours, from today or the plan's start ahead.
  const remaining = progress.studyHoursLeft;
  const from = progress.startsInDays === null ? today : addDays(today, progress.startsInDays);
  const keep = keepFinishHours(remaining, progress.plannedFinish, from);
  const typical = typicalPace(effort);
  const effortFinish = typical === null ? null : finishAfter(remaining, from, typical);
  const farBehind = progress.daysAhead < -REPLAN_AFTER_DAYS;
  const commands: string[] = [];
  if (cause === 'unscheduled') {
    commands.push('backend-path replan');
  } else if (cause === 'estimate') {
    for (const stage of progress.overruns.slice(0, 1)) commands.push(`backend-path done ${stage.id}`);
    if (progress.personal && Math.abs(progress.personal.speed - input.speed) >= 0.1)
      commands.push('backend-path replan --own-speed');
    else if (farBehind) commands.push('backend-path replan');
  } else if (cause === 'effort') {
    if (keep !== null && keep !== input.hoursPerWeek) commands.push(`backend-path replan --hours ${keep}`);
    if (typical !== null && typical !== input.hoursPerWeek && typical !== keep)
      commands.push(`backend-path replan --hours ${typical}`);
    if (commands.length === 0 && farBehind) commands.push('backend-path replan');
  } else if (cause === 'break') {
    if (farBehind) commands.push('backend-path replan');
  } else {
    commands.push('backend-path start');
    if (farBehind) commands.push('backend-path replan');
  }
  return { cause, keepFinishHours: keep, effortFinish, overruns: progress.overruns, studied: input.studied, commands };
}

/**
 * The learner's typical recent week as a pace a plan can take (hours to two decimals, at most the
 * weekly limit); null without a typical week or when it is under the least a plan allows, since a
 * plan at almost no hours a week is not advice.
 */
export function typicalPace(effort: Effort): number | null {
  const typical = effort.typicalWeek;
  if (typical === null) return null;
  const pace = Math.min(MAX_WEEKLY_HOURS, Math.round(typical * 100) / 100);
  return pace >= MIN_WEEKLY_HOURS ? pace : null;
}

/**
 * The hours are judged over the whole agreed plan so far, not the typical week: a learner back
 * from a holiday has typical weeks again but is behind by the weeks of the holiday, and that is
 * effort, not the estimates. Nearly on target is the estimates only when the hours missed are
 * under half the ground the learner is behind by (both in study hours): 55 h studied of 60 asked,
 * with 55 h of ground covered of 60 expected, is 5 h of effort, whatever the share. Both sides are
 * counted to the same moment: the ground expected and the hours asked by the start of today, the
 * ground covered and the hours studied by now. With today's share of the target in the hours
 * asked, as the status line shows them, a learner on target until yesterday read as short of
 * hours each morning and as slow on the estimates once the day's hours were logged.
 */
function causeOf({ progress, effort, studied, askedToday, speed }: AdviceInput): Cause {
  if (progress.unscheduled.length > 0) return 'unscheduled';
  if (effort.lastLogged === null) return 'unlogged';
  if (effort.breakDays !== null) return 'break';
  if (progress.overruns.length > 0) return 'estimate';
  const asked = studied.targetHours - askedToday;
  const missed = asked - studied.hours;
  // Ground is counted in estimated hours, the hours in study hours: the plan's speed turns one into the other.
  const behind = (progress.expectedHours - progress.creditedHours) * speed;
  const onTarget = asked > 0 && studied.hours >= ON_TARGET_SHARE * asked;
  return onTarget && missed < behind / 2 ? 'estimate' : 'effort';
}

/**
 * The hours logged from `since` to `today` against what the weekly targets asked in those days:
 * each day's share of the target in force on it, so the days of a pause the plan agreed ask
 * for nothing.
 */
export function studiedSince(
  log: readonly { date: IsoDate; hours: number }[],
  since: IsoDate,
  today: IsoDate,
  paces: readonly Pace[],
): Studied {
  let hours = 0;
  for (const entry of log) if (entry.date >= since && entry.date <= today) hours += entry.hours;
  let asked = 0;
  for (let day = since; day <= today; day = addDays(day, 1)) asked += targetOn(paces, day) / 7;
  return { since, hours: roundHours(hours), targetHours: roundHours(asked) };
}

/**
 * The least hours a week from `from` (today, or the plan's start while it is ahead), in quarter
 * hours (which `replan --hours` takes as typed), that lay `remaining` study hours out to end by
 * `finish`, on the same line of hours every projection uses; null when no week allows it. Whole
 * hours rounded up asked for up to 0.99 h a week more than needed, and finished days or weeks early.
 */
export function keepFinishHours(remaining: number, finish: IsoDate | null, from: IsoDate): number | null {
  if (finish === null || finish < from) return null;
  const days = daysBetween(from, finish) + 1;
  let hours = Math.max(MIN_WEEKLY_HOURS, Math.ceil((remaining / days) * 7 * 4 - 1e-9) / 4);
  for (; hours <= MAX_WEEKLY_HOURS; hours += 0.25) {
    const end = finishAfter(remaining, from, hours);
    if (end !== null && end <= finish) return hours;
  }
  return null;
}
