import type { ProgressReport } from '../plan/progress.js';
import type { StageStatus } from '../plan/schedule.js';
import { stageHours } from '../roadmap/types.js';
import type { CommandContext } from './context.js';
import { loadCurrent } from './current.js';
import { reportFor, stageWindow } from './report.js';

export interface StatusStage {
  number: number;
  id: string;
  title: string;
  hours: number;
  status: StageStatus;
  optional: boolean;
  /** When it was marked done or skipped. */
  date: string | null;
  start: string;
  end: string;
  notes: { date: string; text: string }[];
}

export interface StatusResult extends ProgressReport {
  roadmap: { id: string; title: string };
  track: string;
  trackTitle: string;
  hoursPerWeek: number;
  originalFinish: string | null;
  stages: StatusStage[];
  orphans: { id: string; status: StageStatus }[];
}

export async function statusCommand(context: CommandContext): Promise<StatusResult> {
  const current = await loadCurrent(context);
  const { data, roadmap } = current;
  const report = reportFor(current, context);
  return {
    roadmap: { id: roadmap.id, title: roadmap.title },
    track: data.profile.track,
    trackTitle: roadmap.tracks[data.profile.track]?.title ?? data.profile.track,
    hoursPerWeek: data.profile.hoursPerWeek,
    ...report,
    originalFinish: data.originalFinish,
    stages: roadmap.stages.map((stage, index) => {
      const window = stageWindow(current, stage.id, context.today);
      return {
        number: index + 1,
        id: stage.id,
        title: stage.title,
        hours: stageHours(stage, data.profile.track),
        status: current.status[stage.id]!,
        optional: stage.optional === true,
        date: data.progress[stage.id]?.date ?? null,
        start: window.start,
        end: window.end,
        notes: data.notes[stage.id] ?? [],
      };
    }),
    orphans: current.orphans,
  };
}
