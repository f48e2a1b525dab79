import { FailureError } from '../errors.js';
import { buildPlan, type Plan, type StageStatus } from '../plan/schedule.js';
import { findBuiltin } from '../roadmap/builtin.js';
import type { Roadmap } from '../roadmap/types.js';
import type { SavedData } from '../store/schema.js';
import type { CommandContext } from './context.js';

export interface Current {
  data: SavedData;
  roadmap: Roadmap;
  /** Status of every stage of the roadmap, todo when nothing is recorded. */
  status: Record<string, StageStatus>;
  /** Progress kept for stage ids the roadmap no longer has. */
  orphans: { id: string; status: StageStatus }[];
  /** Set when a roadmap file changed since the plan was made. */
  warning?: string;
}

export const NO_PLAN = new FailureError('You have no plan yet.', 'Run `backend-path plan` to make one.');

/** The saved plan with its roadmap; fails with a pointer to `plan` when there is none. */
export async function loadCurrent(context: CommandContext): Promise<Current> {
  const data = context.store.read();
  if (!data) throw NO_PLAN;
  const roadmap = await loadProfileRoadmap(data);
  return { data, roadmap, ...splitProgress(roadmap, data) };
}

async function loadProfileRoadmap(data: SavedData): Promise<Roadmap> {
  const { id, file } = data.profile.roadmap;
  if (file) {
    const { loadRoadmapFile } = await import('../roadmap/load.js');
    return loadRoadmapFile(file).roadmap;
  }
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
