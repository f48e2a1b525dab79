import { FailureError, UsageError } from '../errors.js';
import { buildPlan, type Plan, type StageStatus } from '../plan/schedule.js';
import { findBuiltin } from '../roadmap/builtin.js';
import type { Roadmap } from '../roadmap/types.js';
import type { IsoDate } from '../plan/dates.js';
import type { SavedData } from '../store/schema.js';
import type { CommandContext } from './context.js';

export interface Current {
  data: SavedData;
  roadmap: Roadmap;
  /** Status of every stage of the roadmap, todo when nothing is recorded. */
  status: Record<string, StageStatus>;
  /** Progress kept for stage ids the roadmap no longer has. */
  orphans: { id: string; status: StageStatus }[];
}

export const NO_PLAN = new FailureError('You have no plan yet.', 'Run `backend-path plan` to make one.');

/** The saved plan with its roadmap; fails with a pointer to `plan` when there is none. */
export async function loadCurrent(context: CommandContext): Promise<Current> {
  const data = context.store.read();
  if (!data) throw NO_PLAN;
  const { file, hash } = data.profile.roadmap;
  if (file) {
    const loaded = await loadPlanFile(file);
    if (loaded.hash !== hash) return replanChangedFile(context, loaded.roadmap, loaded.hash, file);
    return withData(loaded.roadmap, data);
  }
  return withData(await loadBuiltin(data), data);
}

async function loadPlanFile(file: string): Promise<{ roadmap: Roadmap; hash: string }> {
  const { loadRoadmapFile } = await import('../roadmap/load.js');
  try {
    return loadRoadmapFile(file);
  } catch (error) {
    if (error instanceof UsageError) {
      throw new FailureError(`Your plan's roadmap file ${file} is gone.`, 'Put it back, or run `backend-path plan --roadmap <id|file>` to choose another; your progress is kept.');
    }
    throw error;
  }
}

/**
 * The roadmap file changed since the plan was made: says so once, then lays the remaining
 * stages out from today with the new file, keeping progress by stage id. The new hash is saved,
 * so the next command is quiet.
 */
async function replanChangedFile(context: CommandContext, roadmap: Roadmap, hash: string, file: string): Promise<Current> {
  const data = await context.store.update((current) => {
    if (!current) throw NO_PLAN;
    const plan = currentPlan(withData(roadmap, current), context.today);
    return {
      ...current,
      profile: { ...current.profile, roadmap: { id: roadmap.id, file, hash } },
      baseline: baselineFrom(plan, context.today),
    };
  });
  context.warn(`${file} changed since your plan was made, so the remaining stages were re-planned from today with it; your progress is kept by stage id.`);
  return withData(roadmap, data);
}

async function loadBuiltin(data: SavedData): Promise<Roadmap> {
  const { id } = data.profile.roadmap;
  const roadmap = await findBuiltin(id);
  if (!roadmap) {
    throw new FailureError(`Your plan uses the roadmap "${id}", which this version of backend-path does not ship.`, 'Run `backend-path plan --roadmap <id>` to choose another; your progress is kept.');
  }
  return roadmap;
}

/** The plan state for saved data read with a roadmap: every stage's status, and the orphans. */
export function withData(roadmap: Roadmap, data: SavedData): Current {
  const known = new Set(roadmap.stages.map((s) => s.id));
  const status: Record<string, StageStatus> = {};
  for (const stage of roadmap.stages) status[stage.id] = data.progress[stage.id]?.status ?? 'todo';
  const orphans = Object.entries(data.progress)
    .filter(([id]) => !known.has(id))
    .map(([id, entry]) => ({ id, status: entry.status }));
  return { data, roadmap, status, orphans };
}

/** The remaining stages laid out from `from` at the profile's pace. */
export function currentPlan(current: Current, from: string): Plan {
  const { profile } = current.data;
  return buildPlan({ roadmap: current.roadmap, track: profile.track, hoursPerWeek: profile.hoursPerWeek, start: from, progress: current.status });
}

/** What a plan's stage windows become when the learner accepts them. */
export function baselineFrom(plan: Plan, today: IsoDate): SavedData['baseline'] {
  return {
    madeOn: today,
    start: plan.start,
    finish: plan.finish,
    hoursPerWeek: plan.hoursPerWeek,
    stages: plan.stages.flatMap((s) => (s.start && s.end ? [{ id: s.id, hours: s.hours, start: s.start, end: s.end }] : [])),
  };
}

/**
 * The plan as agreed (the baseline's stages and weeks) with today's statuses. Stages the
 * baseline did not schedule keep their status and no dates, exactly as `plan --json` shows them.
 */
export function baselinePlan(current: Current): Plan {
  const { data, roadmap } = current;
  const scheduled = new Set(data.baseline.stages.map((s) => s.id));
  const asPlanned = buildPlan({
    roadmap,
    track: data.profile.track,
    hoursPerWeek: data.baseline.hoursPerWeek,
    start: data.baseline.start,
    progress: Object.fromEntries(roadmap.stages.filter((s) => !scheduled.has(s.id)).map((s) => [s.id, current.status[s.id] === 'todo' ? 'skipped' : current.status[s.id]!])),
  });
  return { ...asPlanned, stages: asPlanned.stages.map((stage) => ({ ...stage, status: current.status[stage.id]! })) };
}
