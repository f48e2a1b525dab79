import { currentStage, loggedByStage, runningSession, trackTitle, type Learner } from '../coach/learner.js';
import type { IsoDate } from '../plan/dates.js';
import { roundHours } from '../plan/schedule.js';
import { sharedLookups, stageRow, stageRows, type StageRow, type StageState } from '../coach/stage.js';
import { standing, type Standing } from '../coach/standing.js';
import type { Session } from '../coach/types.js';
import { skipCodeCache } from '../code-cache.js';
import { CliError } from '../errors.js';
import { DamagedError } from '../store/parse.js';
import { loadLearner, readLearner, type CommandContext } from './context.js';

export interface StatusResult extends Standing {
  roadmap: { id: string; title: string };
  track: string;
  trackTitle: string;
  /** The weekly target of the agreed plan. */
  hoursPerWeek: number;
  /** Study hours per estimated hour the agreed plan assumes. */
  speed: number;
  stages: StageRow[];
  /**
   * Progress kept for stage ids the roadmap no longer has: each one's mark (null when it has
   * none) and the hours logged on it, which count toward no stage of this roadmap.
   */
  orphans: { id: string; status: 'done' | 'skipped' | null; hours: number }[];
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
    speed: baseline.speed,
    ...standing(learner, context.clock.today),
    stages: stageRows(learner, context.clock.today),
    orphans: orphansOf(learner, known, context.clock.today),
    session: runningSession(learner, context.clock.instant),
  };
}

/**
 * The stage ids of the progress and the log that the roadmap no longer has, marks first; hours
 * up to today, as every stage's total counts them.
 */
function orphansOf(learner: Learner, known: ReadonlySet<string>, today: IsoDate): StatusResult['orphans'] {
  const hours = loggedByStage(learner.log, today);
  const marked = [...learner.progress].filter(([id]) => !known.has(id));
  const logged = [...hours.keys()].filter((id) => !known.has(id) && !learner.progress.has(id));
  return [
    ...marked.map(([id, entry]) => ({ id, status: entry.status, hours: roundHours(hours.get(id) ?? 0) })),
    ...logged.map((id) => ({ id, status: null, hours: roundHours(hours.get(id)!) })),
  ];
}

/** `status --short`: the few facts a shell prompt or a status bar shows. */
export interface StatusLine {
  stage: string | null;
  /** Where the stage stands today, as `next` and `status` tell it. */
  state: StageState | null;
  daysLeft: number | null;
  verdict: Standing['progress']['verdict'] | null;
  daysAhead: number | null;
  /** Days until the plan's first day, while it is ahead. */
  startsInDays: number | null;
  session: { stage: string; minutes: number } | null;
  /** Why there is no line (a damaged file, a missing roadmap), for `status` to explain in full. */
  problem: string | null;
}

const NONE: StatusLine = {
  stage: null,
  state: null,
  daysLeft: null,
  verdict: null,
  daysAhead: null,
  startsInDays: null,
  session: null,
  problem: null,
};

/**
 * Never fails: a prompt that runs before every command must stay one quiet line. Without a plan
 * the line is empty; with a problem it points to `status`, which explains it.
 */
export async function statusLineCommand(context: CommandContext): Promise<StatusLine> {
  return (await promptLineOf(context)).line;
}

/**
 * The prompt line and what it depends on besides the day and the progress file: the learner's
 * own roadmap file, if the plan uses one. `steady` says it holds until one of them changes: it
 * is not steady while a session runs (its minutes tick), or without a plan, or with a problem
 * other than a damaged progress file, which stays damaged until the file changes.
 */
export async function promptLineOf(
  context: CommandContext,
): Promise<{ line: StatusLine; steady: boolean; roadmapFile?: string }> {
  try {
    return await statusLine(context);
  } catch (error) {
    // Whatever the learner can fix: a damaged progress file, a roadmap file gone or broken. The
    // run stopped short, so its compiled code is not kept (see code-cache.ts).
    if (error instanceof CliError) {
      skipCodeCache();
      return { line: { ...NONE, problem: error.message }, steady: error instanceof DamagedError };
    }
    throw error;
  }
}

async function statusLine(
  context: CommandContext,
): Promise<{ line: StatusLine; steady: boolean; roadmapFile?: string }> {
  const loaded = await readLearner(context, { quiet: true });
  if (!loaded) return { line: NONE, steady: false };
  const { learner } = loaded;
  const { today, instant } = context.clock;
  const { progress } = standing(learner, today);
  const stage = currentStage(learner);
  const row = stage
    ? stageRow(learner, stage, today, learner.roadmap.stages.indexOf(stage), sharedLookups(learner, today))
    : null;
  const session = runningSession(learner, instant);
  const line: StatusLine = {
    stage: stage?.id ?? null,
    state: row?.state ?? null,
    daysLeft: row && (row.state === 'in-progress' || row.state === 'overdue') ? row.daysLeft : null,
    verdict: progress.verdict,
    daysAhead: progress.daysAhead,
    startsInDays: progress.startsInDays,
    session: session && { stage: session.stage, minutes: session.minutes },
    problem: null,
  };
  const { file } = loaded.data.profile.roadmap;
  return { line, steady: !session, ...(file ? { roadmapFile: file } : {}) };
}
