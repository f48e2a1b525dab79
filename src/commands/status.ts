import { currentStage, toLearner } from '../coach/learner.js';
import { stageRows, type StageRow } from '../coach/stage.js';
import { standing, type Standing } from '../coach/standing.js';
import { loadLearner, roadmapOf, type CommandContext } from '../context.js';
import { FailureError } from '../errors.js';
import { daysBetween, minutesBetween, type IsoDate } from '../plan/dates.js';
import type { Session } from '../store/schema.js';

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
    trackTitle: roadmap.tracks.get(profile.track)?.title ?? profile.track,
    hoursPerWeek: baseline.hoursPerWeek,
    ...standing(learner, context.clock.today),
    originalFinish: learner.originalFinish,
    stages: stageRows(learner, context.clock.today),
    orphans: [...learner.progress].filter(([id]) => !known.has(id)).map(([id, entry]) => ({ id, status: entry.status })),
    session: learner.session && { ...learner.session, minutes: Math.max(0, minutesBetween(learner.session.start, context.clock.now)) },
  };
}

/** `status --short`: the few facts a shell prompt or a status bar shows. */
export interface StatusLine {
  stage: string | null;
  daysLeft: number | null;
  verdict: Standing['verdict'] | null;
  daysAhead: number | null;
  session: { stage: string; minutes: number } | null;
  /** Why there is no line (a damaged file, a missing roadmap), for `status` to explain in full. */
  problem: string | null;
}

const NONE: StatusLine = { stage: null, daysLeft: null, verdict: null, daysAhead: null, session: null, problem: null };

/**
 * Never fails: a prompt that runs before every command must stay one quiet line. Without a plan
 * the line is empty; with a problem it points to `status`, which explains it.
 */
export async function statusLineCommand(context: CommandContext): Promise<StatusLine> {
  try {
    return await statusLine(context);
  } catch (error) {
    if (error instanceof FailureError) return { ...NONE, problem: error.message };
    throw error;
  }
}

async function statusLine(context: CommandContext): Promise<StatusLine> {
  const data = await context.store.read();
  if (!data) return NONE;
  const learner = toLearner(data, (await roadmapOf(data, { ...context, warn: () => {} })).roadmap);
  const { today, now } = context.clock;
  const report = standing(learner, today);
  const stage = currentStage(learner);
  const window = stage && learner.baseline.stages.find((s) => s.id === stage.id);
  return {
    stage: stage?.id ?? null,
    // Days left in the window once it has opened; before, the stage is simply to start now.
    daysLeft: window && window.start <= today ? daysBetween(today, window.end) : null,
    verdict: report.verdict,
    daysAhead: report.daysAhead,
    session: data.session && { stage: data.session.stage, minutes: Math.max(0, minutesBetween(data.session.start, now)) },
    problem: null,
  };
}
