import { currentStage, trackTitle } from '../coach/learner.js';
import { stageDetail, type StageDetail } from '../coach/stage.js';
import { standing, type Standing } from '../coach/standing.js';
import { loadLearner, type CommandContext } from './context.js';

export interface NextResult {
  /** The stage in progress; null when every stage is done or skipped. */
  stage: StageDetail | null;
  /** Days from today to the end of the stage's window: 0 on its last day, negative when overdue. */
  daysLeft: number | null;
  track: string;
  trackTitle: string;
  standing: Standing;
}

export async function nextCommand(context: CommandContext): Promise<NextResult> {
  const { learner } = await loadLearner(context);
  const { today } = context.clock;
  const stage = currentStage(learner);
  const detail = stage ? stageDetail(learner, stage, today) : null;
  return {
    stage: detail,
    daysLeft: detail?.daysLeft ?? null,
    track: learner.profile.track,
    trackTitle: trackTitle(learner),
    standing: standing(learner, today),
  };
}
