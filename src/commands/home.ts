import { currentStage, toLearner } from '../coach/learner.js';
import { stageDetail, type StageDetail } from '../coach/stage.js';
import { standing, type Standing } from '../coach/standing.js';
import { suggestNext } from '../coach/suggest.js';
import { roadmapOf, type CommandContext } from '../context.js';
import { minutesBetween } from '../plan/dates.js';
import type { Session } from '../store/schema.js';

export type HomeResult =
  | { plan: false }
  | {
      plan: true;
      roadmap: { id: string; title: string };
      stage: Pick<StageDetail, 'number' | 'id' | 'title' | 'start' | 'end' | 'timing' | 'daysLeft' | 'hoursLeft'> | null;
      standing: Standing;
      session: (Session & { minutes: number }) | null;
      /** The one command to run next. */
      next: string;
    };

/** What bare `backend-path` shows: today's essentials with a plan, a welcome without one. */
export async function homeCommand(context: CommandContext): Promise<HomeResult> {
  const data = await context.store.read();
  if (!data) return { plan: false };
  const learner = toLearner(data, (await roadmapOf(data, context)).roadmap);
  const { today } = context.clock;
  const stage = currentStage(learner);
  const detail = stage ? stageDetail(learner, stage, today) : null;
  const report = standing(learner, today);
  const session = learner.session && { ...learner.session, minutes: Math.max(0, minutesBetween(learner.session.start, context.clock.now)) };
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
    },
    standing: report,
    session,
    next: suggestNext(report, detail, session?.minutes ?? null),
  };
}
