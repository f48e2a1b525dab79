import { currentStage, runningSession } from '../coach/learner.js';
import { stageRow, sharedLookups, type StageRow } from '../coach/stage.js';
import { standing, type Standing } from '../coach/standing.js';
import { suggestNext } from '../coach/suggest.js';
import type { Session } from '../coach/types.js';
import { readLearner, type CommandContext } from './context.js';

export type HomeResult =
  | { plan: false }
  | {
      plan: true;
      roadmap: { id: string; title: string };
      /** The stage in progress; null when every stage is done or skipped. */
      stage: StageRow | null;
      standing: Standing;
      session: (Session & { minutes: number }) | null;
      /** The one command to run next. */
      next: string;
    };

/** What bare `backend-path` shows: today's essentials with a plan, a welcome without one. */
export async function homeCommand(context: CommandContext): Promise<HomeResult> {
  const loaded = await readLearner(context);
  if (!loaded) return { plan: false };
  const { learner } = loaded;
  const { today } = context.clock;
  const stage = currentStage(learner);
  const row = stage
    ? stageRow(learner, stage, today, learner.roadmap.stages.indexOf(stage), sharedLookups(learner, today))
    : null;
  const report = standing(learner, today);
  const session = runningSession(learner, context.clock.instant);
  return {
    plan: true,
    roadmap: { id: learner.roadmap.id, title: learner.roadmap.title },
    stage: row,
    standing: report,
    session,
    next: suggestNext(report, row, session),
  };
}
