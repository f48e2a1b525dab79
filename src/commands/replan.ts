import { agree } from '../coach/agree.js';
import { currentStage, toLearner } from '../coach/learner.js';
import { standing, type Standing } from '../coach/standing.js';
import { loadLearner, noPlan, type CommandContext } from './context.js';
import { UsageError } from '../errors.js';
import { checkPlanStart } from '../coach/rules.js';
import { daysBetween, formatDay, type IsoDate } from '../plan/dates.js';
import type { Baseline } from '../coach/types.js';

export interface ReplanOptions {
  hours?: number;
  start?: IsoDate;
  yes?: boolean;
}

export interface ReplanResult {
  replanned: boolean;
  oldFinish: IsoDate | null;
  newFinish: IsoDate | null;
  /** Days the finish moved: positive is later. */
  slipDays: number | null;
  /** The first plan's finish, which replans never move. */
  originalFinish: IsoDate | null;
  oldHoursPerWeek: number;
  /** The new weekly target. */
  hoursPerWeek: number;
  start: IsoDate;
  /** Stages laid out again, and the hours the new plan gives them (partly logged stages get what is left). */
  stages: { id: string; hours: number; start: IsoDate; end: IsoDate }[];
  standing: Standing;
}

/**
 * Life happens: keeps progress, notes and the log, credits hours already logged on unfinished
 * stages, and lays what is left out again from today (or --start) at the same or a new pace.
 * The new plan becomes the agreed one; the first plan's finish stays on record.
 */
export async function replanCommand(options: ReplanOptions, context: CommandContext): Promise<ReplanResult> {
  const { today } = context.clock;
  const start = options.start === undefined ? today : checkPlanStart(options.start, today);
  if (start < today) throw new UsageError(`replan --start must be today or later (up to a year ahead); got ${start}.`);
  const before = await loadLearner(context, { adopt: true });
  if (!currentStage(before.learner)) {
    throw new UsageError(
      'Every stage is done or skipped, so there is nothing left to replan.',
      'See how it went with `backend-path status`.',
    );
  }
  const hoursPerWeek = options.hours ?? before.learner.baseline.hoursPerWeek;
  const summary = (baseline: Baseline, replanned: boolean, learner = before.learner): ReplanResult => ({
    replanned,
    oldFinish: before.data.baseline.finish,
    newFinish: baseline.finish,
    slipDays:
      before.data.baseline.finish && baseline.finish ? daysBetween(before.data.baseline.finish, baseline.finish) : null,
    originalFinish: before.data.originalFinish,
    oldHoursPerWeek: before.data.baseline.hoursPerWeek,
    hoursPerWeek: baseline.hoursPerWeek,
    start: baseline.start,
    stages: baseline.stages,
    standing: standing(learner, today),
  });

  if (!options.yes) {
    if (!context.interactive)
      throw new UsageError('Replanning replaces your agreed dates; pass --yes to confirm it without a terminal.');
    const { askConfirm } = await import('../ui/prompts.js');
    const preview = agree({
      roadmap: before.learner.roadmap,
      track: before.learner.profile.track,
      hoursPerWeek,
      start,
      today,
      learner: before.learner,
    });
    const finish = (date: IsoDate | null) => (date ? formatDay(date, today) : 'none');
    const intro = `The ${preview.stages.length} remaining stages would start ${formatDay(start, today)} at ${hoursPerWeek} h a week, and the finish move from ${finish(before.data.baseline.finish)} to ${finish(preview.finish)}.`;
    if (!(await askConfirm('Replan?', true, 'Cancelled: your plan was not changed.', intro)))
      return summary(before.learner.baseline, false);
  }

  return context.store.update((current) => {
    if (!current) throw noPlan();
    const learner = toLearner(current, before.learner.roadmap);
    const baseline = agree({
      roadmap: learner.roadmap,
      track: current.profile.track,
      hoursPerWeek,
      start,
      today,
      learner,
    });
    const roadmap = before.hash ? { ...current.profile.roadmap, hash: before.hash } : current.profile.roadmap;
    const data = { ...current, profile: { ...current.profile, roadmap, hoursPerWeek }, baseline };
    return { data, result: summary(baseline, true, toLearner(data, learner.roadmap)) };
  });
}
