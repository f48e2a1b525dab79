import { currentStage, runningSession } from '../coach/learner.js';
import { stageDetail, type StageDetail } from '../coach/stage.js';
import { standing, type Standing } from '../coach/standing.js';
import { suggestNext } from '../coach/suggest.js';
import { readLearner, type CommandContext } from './context.js';
import type { Session } from '../coach/types.js';

export type HomeResult =
  | { plan: false }
  | {
      plan: true;
      roadmap: { id: string; title: string };
      stage: Pick<
        StageDetail,
        | 'number'
        | 'id'
        | 'title'
        | 'start'
        | 'end'
        | 'timing'
        | 'daysLeft'
        | 'hoursLeft'
        | 'checkCommand'
        | 'checkUrl'
        | 'checkLooks'
      > | null;
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
  const detail = stage ? stageDetail(learner, stage, today) : null;
  const report = standing(learner, today);
  const session = runningSession(learner, context.clock.now);
  return {
    plan: true,
    roadmap: { id: learner.roadmap.id, title: learner.roadmap.title },
    stage: detail && {
      number: detail.number,
      id: detail.id,
      title: detail.title,
      start: detail.start,
      end: detail.end,
      timing: detail.timing,
      daysLeft: detail.daysLeft,
      hoursLeft: detail.hoursLeft,
      checkCommand: detail.checkCommand,
      checkUrl: detail.checkUrl,
      checkLooks: detail.checkLooks,
    },
    standing: report,
    session,
    next: suggestNext(report, detail, session?.minutes ?? null),
  };
}
