import { FailureError, UsageError } from '../errors.js';
import { buildPlan, type Plan, type StageStatus } from '../plan/schedule.js';
import { findBuiltin } from '../roadmap/builtin.js';
import type { Roadmap } from '../roadmap/types.js';
import type { SavedData } from '../store/schema.js';
import type { CommandContext } from './context.js';
import { baselineOf } from './plan.js';

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
    return { data, roadmap: loaded.roadmap, ...splitProgress(loaded.roadmap, data) };
  }
  const roadmap = await loadBuiltin(data);
  return { data, roadmap, ...splitProgress(roadmap, data) };
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
    const status = splitProgress(roadmap, current).status;
    const plan = buildPlan({ roadmap, track: current.profile.track, hoursPerWeek: current.profile.hoursPerWeek, start: context.today, progress: status });
    return {
      ...current,
      profile: { ...current.profile, roadmap: { id: roadmap.id, file, hash } },
      baseline: baselineOf(plan, context.today),
    };
  });
  context.warn(`${file} changed since your plan was made, so the remaining stages were re-planned from today with it; your progress is kept by stage id.`);
  return { data, roadmap, ...splitProgress(roadmap, data) };
}

async function loadBuiltin(data: SavedData): Promise<Roadmap> {
  const { id } = data.profile.roadmap;
  const roadmap = await findBuiltin(id);
  if (!roadmap) {
    throw new FailureError(`Your plan uses the roadmap "${id}", which this version of backend-path does not ship.`, 'Run `backend-path plan --roadmap <id>` to choose another; your progress is kept.');
  }
  return roadmap;
}

export function splitProgress(roadmap: Roadmap, data: SavedData): Pick<Current, 'status' | 'orphans'> {
  const known = new Set(roadmap.stages.map((s) => s.id));
  const status: Record<string, StageStatus> = {};
  for (const stage of roadmap.stages) status[stage.id] = data.progress[stage.id]?.status ?? 'todo';
  const orphans = Object.entries(data.progress)
    .filter(([id]) => !known.has(id))
    .map(([id, entry]) => ({ id, status: entry.status }));
  return { status, orphans };
}

/** The remaining stages laid out from `from` at the profile's pace. */
export function currentPlan(current: Current, from: string): Plan {
  const { profile } = current.data;
  return buildPlan({ roadmap: current.roadmap, track: profile.track, hoursPerWeek: profile.hoursPerWeek, start: from, progress: current.status });
}
