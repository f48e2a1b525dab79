import type { IsoDate } from '../plan/dates.js';
import { layout, roundHours, type PlanWeek } from '../plan/schedule.js';
import { stageHours, type Roadmap } from '../roadmap/types.js';
import type { Baseline, StageStatus } from './types.js';
import { loggedByStage, statusOf, trackTitle, type Learner } from './learner.js';

export interface AgreeInput {
  roadmap: Roadmap;
  track: string;
  hoursPerWeek: number;
  start: IsoDate;
  today: IsoDate;
  /** The learner's progress so far, when re-planning; none for a first plan. */
  learner?: Learner;
}

/**
 * The plan the learner agrees to: every stage still to do, in roadmap order, given the hours it
 * still needs (a stage half logged gets the other half), laid end to end from `start`.
 */
export function agree(input: AgreeInput): Baseline {
  const { roadmap, track, hoursPerWeek, start, today, learner } = input;
  const logged = learner ? loggedByStage(learner.log, today) : new Map<string, number>();
  const slots = roadmap.stages
    .filter((stage) => !learner || statusOf(learner, stage.id) === 'todo')
    .map((stage) => {
      // The hours of the track being planned, which a `plan --track` differs from the saved one;
      // a stage still to do is credited the hours logged on it, up to those hours.
      const hours = stageHours(stage, track);
      const credited = Math.min(hours, logged.get(stage.id) ?? 0);
      return { id: stage.id, hours: roundHours(hours - credited) };
    })
    .filter((slot) => slot.hours > 0);
  const { windows, finish } = layout(slots, start, hoursPerWeek);
  return {
    madeOn: today,
    start,
    finish,
    hoursPerWeek,
    stages: slots.map((slot) => ({ id: slot.id, hours: slot.hours, ...windows.get(slot.id)! })),
  };
}

export interface PlanStage {
  number: number;
  id: string;
  title: string;
  /** The stage's hours on the learner's track. */
  hours: number;
  /** The hours the agreed plan gives it: less than `hours` when some were logged before; 0 when not scheduled. */
  plannedHours: number;
  start: IsoDate | null;
  end: IsoDate | null;
  status: StageStatus;
  project: string | null;
}

/** The agreed plan as `plan --json` and `export --format json` print it. */
export interface PlanDocument {
  roadmap: { id: string; title: string; version: string | number | null };
  track: string;
  trackTitle: string;
  hoursPerWeek: number;
  start: IsoDate;
  finish: IsoDate | null;
  /** Hours the agreed plan schedules. */
  totalHours: number;
  stages: PlanStage[];
  weeks: PlanWeek[];
}

/**
 * The one view of the agreed plan: its windows are the saved ones and its weeks are cut from
 * the same hours, so every output that shows "the plan" shows the same dates.
 */
export function planDocument(learner: Learner): PlanDocument {
  const { roadmap, baseline, profile } = learner;
  const scheduled = new Map(baseline.stages.map((s) => [s.id, s]));
  const { weeks, totalHours } = layout(baseline.stages, baseline.start, baseline.hoursPerWeek);
  return {
    roadmap: { id: roadmap.id, title: roadmap.title, version: roadmap.version },
    track: profile.track,
    trackTitle: trackTitle(learner),
    hoursPerWeek: baseline.hoursPerWeek,
    start: baseline.start,
    finish: baseline.finish,
    totalHours,
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
        project: stage.project,
      };
    }),
    weeks,
  };
}
