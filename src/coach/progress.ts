import { dayNumber, daysBetween, fromDayNumber, type IsoDate } from '../plan/dates.js';
import { LAST_DAY, lastDayOf, roundHours } from '../plan/schedule.js';
import type { Stage } from '../roadmap/types.js';
import { agreedPlan, type AgreedPlan } from './agree.js';
import { hoursOf, loggedByStage, statusOf, type Learner } from './learner.js';
import type { StageRef } from './types.js';

/** "On track" while the verdict is within this many days either way. */
export const ON_TRACK_DAYS = 2;
/** A finished stage counts toward the learner's own speed once this share of its estimate was logged on it. */
const SPEED_EVIDENCE = 0.5;
/** The learner's own speed is kept within these bounds: beyond them it says more about the log than the learner. */
const SPEED_BOUNDS = [0.25, 4] as const;

export type Verdict = 'on-track' | 'ahead' | 'behind' | 'finished' | 'incomplete';

/** A stage named in the progress figures: a gap, or one logged past its estimate. */
export interface StageHours extends StageRef {
  /** Its estimate at the plan's speed. */
  hours: number;
  /** Hours logged on it. */
  logged: number;
}

/**
 * Progress: the ground covered, against the agreed plan. It counts stages done and the hours
 * logged on stages still to do, each up to its estimate; effort past an estimate is effort, not
 * ground. Every date here comes from one line of hours at the agreed pace.
 */
export interface Progress {
  verdict: Verdict;
  /** The planned finish less the projected one, in days: positive is ahead. */
  daysAhead: number;
  /** The agreed weekly pace: the projection's. */
  hoursPerWeek: number;
  /** Study hours per estimated hour the agreed plan assumes: 1, or the learner's own after `replan --own-speed`. */
  speed: number;
  /** Ground covered as a share of the whole path (every required stage, and the optional ones kept), 0 to 100; 100 only when every required stage is done. */
  percent: number;
  done: number;
  skipped: number;
  total: number;
  /** Estimated hours covered. */
  creditedHours: number;
  /** Estimated hours of the whole path: every stage except optional ones skipped. */
  totalHours: number;
  /** Estimated hours still to cover on the stages kept. */
  remainingHours: number;
  /**
   * Study hours the stages still to do take at the plan's speed, each stage's rounded as a replan
   * lays it out: what the projections and the advice lay out from today.
   */
  studyHoursLeft: number;
  /** Estimated hours the agreed plan expected covered by today; never above the path's hours kept. */
  expectedHours: number;
  /** The agreed plan's finish: the one planned finish every output shows. */
  plannedFinish: IsoDate | null;
  /** The finish if the rest is studied at the agreed pace from today; for a finished path, the day it ended. */
  projectedFinish: IsoDate | null;
  /** The first plan's finish, which replans never move. */
  originalFinish: IsoDate | null;
  /** The plan's first day is still ahead: days until it. */
  startsInDays: number | null;
  /** The second, labelled projection: the rest at the learner's own speed on finished stages. */
  personal: { speed: number; stages: number; remainingHours: number; finish: IsoDate | null } | null;
  /** Required stages skipped: ground the path leaves uncovered. */
  gaps: StageHours[];
  /** Stages still to do with more hours logged than their estimate. */
  overruns: StageHours[];
  /** Stages still to do that the agreed plan does not hold (put back by `undo` after it was made). */
  unscheduled: StageHours[];
}

interface Ground {
  credited: number;
  remaining: number;
  total: number;
  done: number;
  skipped: number;
  requiredLeft: number;
  gaps: StageHours[];
  overruns: StageHours[];
  unscheduled: StageHours[];
  /** Study hours each stage still to do needs at the plan's speed, in roadmap order. */
  slots: { id: string; hours: number }[];
}

/** The ground covered and left, stage by stage, in estimated hours (and study hours for the slots). */
function ground(
  learner: Learner,
  logged: ReadonlyMap<string, number>,
  speed: number,
  planned: ReadonlySet<string>,
): Ground {
  const sums: Ground = {
    credited: 0,
    remaining: 0,
    total: 0,
    done: 0,
    skipped: 0,
    requiredLeft: 0,
    gaps: [],
    overruns: [],
    unscheduled: [],
    slots: [],
  };
  for (const stage of learner.roadmap.stages) {
    const status = statusOf(learner, stage.id);
    const hours = hoursOf(learner, stage);
    const spent = logged.get(stage.id) ?? 0;
    const named = { id: stage.id, title: stage.title, hours: roundHours(hours * speed), logged: roundHours(spent) };
    if (status === 'skipped') {
      sums.skipped++;
      if (!stage.optional) {
        sums.total += hours;
        sums.gaps.push(named);
      }
      continue;
    }
    sums.total += hours;
    if (status === 'done') {
      sums.done++;
      sums.credited += hours;
      continue;
    }
    if (!stage.optional) sums.requiredLeft++;
    const credit = Math.min(hours, spent / speed);
    sums.credited += credit;
    sums.remaining += hours - credit;
    // Rounded as agree() rounds each stage a replan lays out, so a projection is a replan's finish.
    sums.slots.push({ id: stage.id, hours: roundHours(Math.max(0, hours * speed - spent)) });
    if (spent > hours * speed + 1e-9) sums.overruns.push(named);
    if (!planned.has(stage.id)) sums.unscheduled.push(named);
  }
  return sums;
}

/** The learner's progress today. */
export function progressOf(learner: Learner, today: IsoDate): Progress {
  const plan = agreedPlan(learner);
  const logged = loggedByStage(learner.log, today);
  const sums = ground(learner, logged, plan.speed, new Set(plan.stages.map((s) => s.id)));
  const anchor = today > plan.start ? today : plan.start;
  const finished = sums.slots.length === 0;
  const finishedOn = finished ? lastDone(learner) : null;
  const projectedDay = finished
    ? finishedOn === null
      ? null
      : dayNumber(finishedOn)
    : lastDayOf(sums.slots, anchor, plan.hoursPerWeek);
  const planned = plan.finish;
  // The plan's hours still ahead of today, and what it expected covered by now.
  const ahead = Math.max(0, plan.totalHours - Math.max(0, daysBetween(plan.start, today)) * (plan.hoursPerWeek / 7));
  const daysAhead = planned && projectedDay !== null ? dayNumber(planned) - projectedDay : 0;
  const percent = sums.total > 0 ? Math.floor((sums.credited / sums.total) * 100 + 1e-9) : 100;
  return {
    verdict: finished
      ? sums.gaps.length > 0
        ? 'incomplete'
        : 'finished'
      : Math.abs(daysAhead) <= ON_TRACK_DAYS
        ? 'on-track'
        : daysAhead > 0
          ? 'ahead'
          : 'behind',
    daysAhead,
    hoursPerWeek: plan.hoursPerWeek,
    speed: plan.speed,
    // 100% means every required stage is done; fully logged stages still to mark do not make it.
    percent: sums.requiredLeft > 0 || sums.gaps.length > 0 ? Math.min(99, percent) : percent,
    done: sums.done,
    skipped: sums.skipped,
    total: learner.roadmap.stages.length,
    creditedHours: roundHours(sums.credited),
    totalHours: roundHours(sums.total),
    remainingHours: roundHours(sums.remaining),
    studyHoursLeft: roundHours(sums.slots.reduce((sum, slot) => sum + slot.hours, 0)),
    expectedHours: roundHours(
      Math.max(0, Math.min(sums.credited + sums.remaining, sums.credited + sums.remaining - ahead / plan.speed)),
    ),
    plannedFinish: planned,
    projectedFinish: dated(projectedDay),
    originalFinish: learner.originalFinish,
    startsInDays: today < plan.start ? daysBetween(today, plan.start) : null,
    personal: finished ? null : personalProjection(learner, logged, plan, anchor),
    gaps: sums.gaps,
    overruns: sums.overruns,
    unscheduled: sums.unscheduled,
  };
}

function lastDone(learner: Learner): IsoDate | null {
  let last: IsoDate | null = null;
  for (const entry of learner.progress.values())
    if (entry.status === 'done' && (last === null || entry.date > last)) last = entry.date;
  return last;
}

/**
 * The learner's own speed: study hours logged per estimated hour, over the finished stages with
 * most of their time logged; and the finish the rest gives at that speed and the agreed pace.
 */
function personalProjection(
  learner: Learner,
  logged: ReadonlyMap<string, number>,
  plan: AgreedPlan,
  anchor: IsoDate,
): Progress['personal'] {
  let spent = 0;
  let estimated = 0;
  let stages = 0;
  for (const stage of learner.roadmap.stages) {
    const hours = hoursOf(learner, stage);
    const hoursLogged = logged.get(stage.id) ?? 0;
    if (statusOf(learner, stage.id) !== 'done' || hours <= 0 || hoursLogged < hours * SPEED_EVIDENCE) continue;
    spent += hoursLogged;
    estimated += hours;
    stages++;
  }
  if (stages === 0) return null;
  const speed = Math.round(Math.min(SPEED_BOUNDS[1], Math.max(SPEED_BOUNDS[0], spent / estimated)) * 100) / 100;
  const slots = learner.roadmap.stages
    .filter((stage) => statusOf(learner, stage.id) === 'todo')
    .map((stage: Stage) => ({
      id: stage.id,
      hours: Math.max(0, hoursOf(learner, stage) * speed - (logged.get(stage.id) ?? 0)),
    }));
  const remaining = slots.reduce((sum, slot) => sum + slot.hours, 0);
  return {
    speed,
    stages,
    remainingHours: roundHours(remaining),
    finish: dated(lastDayOf(slots, anchor, plan.hoursPerWeek)),
  };
}

/** A day number as a date, or null past the last supported year (no date worth giving). */
function dated(day: number | null): IsoDate | null {
  return day === null || day > LAST_DAY ? null : fromDayNumber(day);
}

/** The day `hours` of study end when studying `hoursPerWeek` from `from`; null past the last supported year. */
export function finishAfter(hours: number, from: IsoDate, hoursPerWeek: number): IsoDate | null {
  return dated(lastDayOf([{ id: 'rest', hours }], from, hoursPerWeek));
}
