import { agree } from '../../src/coach/agree.js';
import { withPace } from '../../src/coach/effort.js';
import { toLearner, type Learner } from '../../src/coach/learner.js';
import type { Roadmap } from '../../src/roadmap/types.js';
import type { LogEntry } from '../../src/coach/types.js';
import type { SavedData } from '../../src/store/schema.js';
import { makeRoadmap } from './roadmaps.js';

export interface Journey {
  roadmap?: Roadmap;
  hours?: number[];
  perWeek: number;
  start: string;
  /** Stage id → the day it was marked done. */
  done?: Record<string, string>;
  skipped?: Record<string, string>;
  log?: LogEntry[];
}

/** The saved data of a learner who made a plan on its start day, then did what the journey says. */
export function savedFor(journey: Journey): { data: SavedData; roadmap: Roadmap } {
  const roadmap = journey.roadmap ?? makeRoadmap(journey.hours ?? [60, 10, 40, 30, 10, 20, 10, 10, 10]);
  const baseline = agree({
    roadmap,
    track: 'node',
    hoursPerWeek: journey.perWeek,
    start: journey.start,
    today: journey.start,
  });
  const progress: SavedData['progress'] = {};
  for (const [id, date] of Object.entries(journey.done ?? {})) progress[id] = { status: 'done', date };
  for (const [id, date] of Object.entries(journey.skipped ?? {})) progress[id] = { status: 'skipped', date };
  const data: SavedData = {
    schemaVersion: 4,
    revision: 1,
    profile: { roadmap: { id: roadmap.id }, track: 'node', hoursPerWeek: journey.perWeek, start: journey.start },
    baseline,
    paces: [{ from: journey.start, hoursPerWeek: journey.perWeek }],
    originalFinish: baseline.finish,
    progress,
    notes: {},
    log: journey.log ?? [],
    links: {},
    checks: {},
    session: null,
  };
  return { data, roadmap };
}

export function learnerFor(journey: Journey): Learner {
  const { data, roadmap } = savedFor(journey);
  return toLearner(data, roadmap);
}

/** The same learner after a replan on `today`, at `perWeek` (or the same pace). */
export function replanned(learner: Learner, today: string, perWeek = learner.baseline.hoursPerWeek): Learner {
  const baseline = agree({
    roadmap: learner.roadmap,
    track: 'node',
    hoursPerWeek: perWeek,
    start: today,
    today,
    learner,
  });
  return {
    ...learner,
    baseline,
    paces: withPace(learner.paces, today, perWeek, today),
    profile: { ...learner.profile, hoursPerWeek: perWeek },
  };
}

/**
 * The learner of a whole journey whose plan was replanned on `day`: the replan sees only what had
 * happened by then (events on that day included), and everything after it happens on the new plan.
 */
export function replannedOn(journey: Journey, day: string, perWeek = journey.perWeek): Learner {
  const until = <T>(record: Record<string, T & string> = {}) =>
    Object.fromEntries(Object.entries(record).filter(([, date]) => date <= day)) as Record<string, string>;
  const seen = {
    ...journey,
    done: until(journey.done),
    skipped: until(journey.skipped),
    log: (journey.log ?? []).filter((e) => e.date <= day),
  };
  const atReplan = replanned(learnerFor(seen), day, perWeek);
  return { ...learnerFor(journey), baseline: atReplan.baseline, paces: atReplan.paces, profile: atReplan.profile };
}
