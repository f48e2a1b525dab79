import { currentStage, runningSession, trackTitle } from '../coach/learner.js';
import { stageDetail, stageRows, type StageDetail, type StageRow } from '../coach/stage.js';
import { standing, type Standing } from '../coach/standing.js';
import { loadLearner, readLearner, type CommandContext } from './context.js';
import { CliError } from '../errors.js';
import type { IsoDate } from '../plan/dates.js';
import type { Session } from '../coach/types.js';

export interface StatusResult extends Standing {
  roadmap: { id: string; title: string };
  track: string;
  trackTitle: string;
  hoursPerWeek: number;
  originalFinish: IsoDate | null;
  stages: StageRow[];
  /** Progress kept for stage ids the roadmap no longer has. */
  orphans: { id: string; status: 'done' | 'skipped' }[];
  /** The running study session and the minutes since it started. */
  session: (Session & { minutes: number }) | null;
}

export async function statusCommand(context: CommandContext): Promise<StatusResult> {
  const { learner } = await loadLearner(context);
  const { roadmap, profile, baseline } = learner;
  const known = new Set(roadmap.stages.map((s) => s.id));
  return {
    roadmap: { id: roadmap.id, title: roadmap.title },
    track: profile.track,
    trackTitle: trackTitle(learner),
    hoursPerWeek: baseline.hoursPerWeek,
    ...standing(learner, context.clock.today),
    originalFinish: learner.originalFinish,
    stages: stageRows(learner, context.clock.today),
    orphans: [...learner.progress]
      .filter(([id]) => !known.has(id))
      .map(([id, entry]) => ({ id, status: entry.status })),
    session: runningSession(learner, context.clock.now),
  };
}

/** `status --short`: the few facts a shell prompt or a status bar shows. */
export interface StatusLine {
  stage: string | null;
  /** Where today falls in the stage's agreed window, as `next` tells it. */
  timing: StageDetail['timing'] | null;
  daysLeft: number | null;
  verdict: Standing['verdict'] | null;
  daysAhead: number | null;
  session: { stage: string; minutes: number } | null;
  /** Why there is no line (a damaged file, a missing roadmap), for `status` to explain in full. */
  problem: string | null;
}

const NONE: StatusLine = {
  stage: null,
  timing: null,
  daysLeft: null,
  verdict: null,
  daysAhead: null,
  session: null,
  problem: null,
};

/**
 * Never fails: a prompt that runs before every command must stay one quiet line. Without a plan
 * the line is empty; with a problem it points to `status`, which explains it.
 */
export async function statusLineCommand(context: CommandContext): Promise<StatusLine> {
  try {
    return await statusLine(context);
  } catch (error) {
    // Whatever the learner can fix: a damaged progress file, a roadmap file gone or broken.
    if (error instanceof CliError) return { ...NONE, problem: error.message };
    throw error;
  }
}

async function statusLine(context: CommandContext): Promise<StatusLine> {
  const loaded = await readLearner(context, { quiet: true });
  if (!loaded) return NONE;
  const { learner } = loaded;
  const { today, now } = context.clock;
  const report = standing(learner, today);
  const stage = currentStage(learner);
  // The stage's timing as `next` and the bare command tell it; days left once its window opened.
  const detail = stage ? stageDetail(learner, stage, today) : null;
  const session = runningSession(learner, now);
  return {
    stage: stage?.id ?? null,
    timing: detail?.timing ?? null,
    daysLeft: detail && (detail.timing === 'in-window' || detail.timing === 'overdue') ? detail.daysLeft : null,
    verdict: report.verdict,
    daysAhead: report.daysAhead,
    session: session && { stage: session.stage, minutes: session.minutes },
    problem: null,
  };
}
