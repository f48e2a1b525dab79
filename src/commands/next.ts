import { daysBetween } from '../plan/dates.js';
import type { ProgressReport } from '../plan/progress.js';
import type { CommandContext } from './context.js';
import { loadCurrent } from './current.js';
import { nextStage, reportFor, type NextStage } from './report.js';

export interface NextResult {
  stage: NextStage | null;
  /** Days from today to the end of the stage's window: 0 on its last day, negative when overdue. */
  daysLeft: number | null;
  report: ProgressReport;
  /** The learner's track, by its title. */
  track: string;
}

export async function nextCommand(context: CommandContext): Promise<NextResult> {
  const current = await loadCurrent(context);
  const stage = nextStage(current, context.today);
  return {
    stage,
    daysLeft: stage ? daysBetween(context.today, stage.end) : null,
    report: reportFor(current, context),
    track: current.roadmap.tracks[current.data.profile.track]?.title ?? current.data.profile.track,
  };
}
