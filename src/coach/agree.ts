import type { IsoDate } from '../plan/dates.js';
import { checkPlanEnds, layout, roundHours, type PlanWeek } from '../plan/schedule.js';
import { stageHours, stageOnTrack, type Roadmap } from '../roadmap/types.js';
import { loggedByStage, statusOf, trackTitle, type Learner } from './learner.js';
import type { Baseline, BaselineStage, StageListing } from './types.js';

export interface AgreeInput {
  roadmap: Roadmap;
  track: string;
  hoursPerWeek: number;
  start: IsoDate;
  today: IsoDate;
  /** Study hours per estimated hour the plan assumes: 1 for the roadmap's estimates. */
  speed?: number;
  /** The learner's progress so far, when re-planning; none for a first plan. */
  learner?: Learner;
}

/**
 * The plan the learner agrees to: every stage still to do, in roadmap order, given the study
 * hours it still needs (its estimate at the plan's speed, less the hours already logged on it),
 * laid end to end from `start`. A stage whose hours are used up but that is not done stays in
 * the plan with none left: marking it done is all it needs.
 */
export function agree(input: AgreeInput): Baseline {
  const { roadmap, track, hoursPerWeek, start, today, learner, speed = 1 } = input;
  const logged = learner ? loggedByStage(learner.log, today) : new Map<string, number>();
  const slots = roadmap.stages
    .filter((stage) => !learner || statusOf(learner, stage.id) === 'todo')
    .map((stage) => ({
      id: stage.id,
      hours: roundHours(Math.max(0, stageHours(stage, track) * speed - (logged.get(stage.id) ?? 0))),
    }));
  const { windows, finish, lastDay } = layout(slots, start, hoursPerWeek);
  checkPlanEnds(lastDay);
  return {
    madeOn: today,
    start,
    finish,
    hoursPerWeek,
    speed,
    stages: slots.map((slot) => ({ id: slot.id, hours: slot.hours, ...windows.get(slot.id)! })),
  };
}

/** The agreed plan as it stands: the saved one without the stages skipped since, laid out again. */
export interface AgreedPlan {
  start: IsoDate;
  hoursPerWeek: number;
  speed: number;
  /** The last planned day; null when the plan holds no stage. */
  finish: IsoDate | null;
  /** Study hours the plan holds. */
  totalHours: number;
  stages: BaselineStage[];
  weeks: PlanWeek[];
}

/**
 * The one agreed plan every output shows. A stage skipped after the plan was made leaves it, and
 * the stages after it move up: the plan, its weeks and its finish stay one line of hours, so
 * `status`, the stage list, the exports and `replan` all give the same planned finish.
 */
export function agreedPlan(learner: Learner): AgreedPlan {
  // Every output of a command asks for it (status, the stage list, the projections): laid out once.
  const known = agreed.get(learner);
  if (known) return known;
  const plan = layOutAgreed(learner);
  agreed.set(learner, plan);
  return plan;
}

const agreed = new WeakMap<Learner, AgreedPlan>();

function layOutAgreed(learner: Learner): AgreedPlan {
  const { baseline } = learner;
  const kept = baseline.stages.filter((stage) => statusOf(learner, stage.id) !== 'skipped');
  const weeksFrom = learner.profile.start < baseline.start ? learner.profile.start : baseline.start;
  const { windows, weeks, finish, totalHours } = layout(kept, baseline.start, baseline.hoursPerWeek, weeksFrom);
  return {
    start: baseline.start,
    hoursPerWeek: baseline.hoursPerWeek,
    speed: baseline.speed,
    finish,
    totalHours,
    stages: kept.map((stage) => ({ id: stage.id, hours: stage.hours, ...windows.get(stage.id)! })),
    weeks,
  };
}

export interface PlanStage extends StageListing {
  /** The study hours the agreed plan gives it: less when some were logged before; 0 when not scheduled. */
  plannedHours: number;
  project: string | null;
}

/** The agreed plan as `plan --json` and `export --format json` print it. */
export interface PlanDocument {
  /** `hoursBasis`: what the roadmap's total hours assume, shown beside the plan's workload. */
  roadmap: { id: string; title: string; version: string | number | null; hoursBasis: string | null };
  track: string;
  trackTitle: string;
  hoursPerWeek: number;
  /** Study hours per estimated hour: 1, or the learner's own speed after `replan --own-speed`. */
  speed: number;
  start: IsoDate;
  /** The first plan's start: `weeks[].week` counts from it, as status counts weeks, after replans too. */
  firstStart: IsoDate;
  finish: IsoDate | null;
  /** Study hours the agreed plan schedules. */
  totalHours: number;
  stages: PlanStage[];
  weeks: PlanWeek[];
}

/** The agreed plan with every stage of the roadmap: the windows are the plan's, the statuses today's. */
export function planDocument(learner: Learner): PlanDocument {
  const { roadmap, profile } = learner;
  const plan = agreedPlan(learner);
  const scheduled = new Map(plan.stages.map((s) => [s.id, s]));
  const firstStart = profile.start < plan.start ? profile.start : plan.start;
  return {
    roadmap: { id: roadmap.id, title: roadmap.title, version: roadmap.version, hoursBasis: roadmap.hoursBasis },
    track: profile.track,
    trackTitle: trackTitle(learner),
    hoursPerWeek: plan.hoursPerWeek,
    speed: plan.speed,
    start: plan.start,
    firstStart,
    finish: plan.finish,
    totalHours: plan.totalHours,
    stages: roadmap.stages.map((stage, index) => {
      const planned = scheduled.get(stage.id);
      return {
        number: index + 1,
        id: stage.id,
        title: stage.title,
        hours: stageHours(stage, profile.track),
        plannedHours: planned?.hours ?? 0,
        start: planned?.start ?? null,
        end: planned?.end ?? null,
        status: statusOf(learner, stage.id),
        optional: stage.optional,
        project: stageOnTrack(stage, profile.track).project,
      };
    }),
    weeks: plan.weeks,
  };
}
