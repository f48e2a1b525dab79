import { agree, agreedPlan } from '../coach/agree.js';
import { typicalPace } from '../coach/advice.js';
import { withPace } from '../coach/effort.js';
import { currentStage, toLearner, type Learner } from '../coach/learner.js';
import { checkPlanStart, MAX_WEEKLY_HOURS, MIN_WEEKLY_HOURS, WEEKLY_HOURS_RULE, weeklyHours } from '../coach/rules.js';
import { standing, type Standing } from '../coach/standing.js';
import type { BaselineStage } from '../coach/types.js';
import { FailureError, UsageError } from '../errors.js';
import { daysBetween, formatDay, type IsoDate } from '../plan/dates.js';
import type { SavedData } from '../store/schema.js';
import { changeLearner, loadLearner, type CommandContext } from './context.js';

export interface ReplanOptions {
  hours?: number;
  start?: IsoDate;
  /** Lay the rest out at the learner's own speed on finished stages. */
  ownSpeed?: boolean;
  /** Lay the rest out at the roadmap's estimates again. */
  estimates?: boolean;
  yes?: boolean;
}

export interface ReplanResult {
  replanned: boolean;
  /** The planned finish before: the same date every other output showed. */
  oldFinish: IsoDate | null;
  newFinish: IsoDate | null;
  /** Days the finish moved: positive is later. */
  slipDays: number | null;
  /** The first plan's finish, which replans never move. */
  originalFinish: IsoDate | null;
  oldHoursPerWeek: number;
  /** The new weekly target. */
  hoursPerWeek: number;
  /** Study hours per estimated hour the new plan assumes. */
  speed: number;
  start: IsoDate;
  /**
   * Stages laid out again, and the study hours the new plan gives each (partly logged stages get
   * what is left): `plannedHours`, as `plan --json` names them, where `hours` is the estimate.
   */
  stages: ReplannedStage[];
  standing: Standing;
}

export interface ReplannedStage {
  id: string;
  plannedHours: number;
  start: IsoDate;
  end: IsoDate;
}

/**
 * Life happens: keeps progress, notes and the log, credits hours already logged on unfinished
 * stages, and lays what is left out again from today (or --start, or the plan's start when that
 * is still ahead) at the same or a new pace, or at the learner's own speed. The new plan becomes
 * the agreed one; the first plan's start and finish stay on record.
 */
export async function replanCommand(options: ReplanOptions, context: CommandContext): Promise<ReplanResult> {
  const { today } = context.clock;
  if (options.start !== undefined) {
    checkPlanStart(options.start, today);
    if (options.start < today)
      throw new UsageError(`replan --start must be today or later (up to a year ahead); got ${options.start}.`);
  }
  if (options.ownSpeed && options.estimates) throw new UsageError('Choose one of --own-speed and --estimates.');
  let hours = options.hours;
  if (!options.yes) {
    if (!context.interactive)
      throw new UsageError('Replanning replaces your agreed dates; pass --yes to confirm it without a terminal.');
    const { learner } = await loadLearner(context, { adopt: true });
    hours ??= await askPace(learner, today);
    if (!(await confirmReplan(learner, { ...options, hours }, today))) {
      const plan = agreedPlan(learner);
      return summary(learner, learner, plan.finish, { ...plan, stages: plan.stages }, false, today);
    }
  }
  return changeLearner(
    context,
    (learner, data, hash) => {
      const baseline = agreeAgain(learner, { ...options, hours }, today);
      const roadmap = hash ? { ...data.profile.roadmap, hash } : data.profile.roadmap;
      const next: SavedData = {
        ...data,
        profile: { ...data.profile, roadmap, hoursPerWeek: baseline.hoursPerWeek },
        baseline,
        paces: withPace(data.paces, baseline.start, baseline.hoursPerWeek, today),
      };
      const after = toLearner(next, learner.roadmap);
      return { data: next, result: summary(learner, after, agreedPlan(learner).finish, baseline, true, today) };
    },
    { adopt: true, totals: true },
  );
}

/** The new agreed plan: what is left, from the start asked for, at the pace and speed asked for. */
function agreeAgain(learner: Learner, options: ReplanOptions, today: IsoDate) {
  if (!currentStage(learner)) {
    throw new FailureError(
      'Every stage is done or skipped, so there is nothing left to replan.',
      'See how it went with `backend-path status`.',
    );
  }
  const { baseline } = learner;
  const start = options.start ?? (today < baseline.start ? baseline.start : today);
  return agree({
    roadmap: learner.roadmap,
    track: learner.profile.track,
    hoursPerWeek: options.hours ?? baseline.hoursPerWeek,
    start,
    today,
    speed: options.estimates ? 1 : options.ownSpeed ? ownSpeed(learner, today) : baseline.speed,
    learner,
  });
}

function ownSpeed(learner: Learner, today: IsoDate): number {
  const personal = standing(learner, today).progress.personal;
  if (!personal) {
    throw new FailureError(
      'There is no speed of your own yet: it comes from finished stages with most of their time logged.',
      'Log your study time (`backend-path start` and `backend-path stop`, or `backend-path log`) and mark stages done; until then `backend-path replan` uses the roadmap’s estimates.',
    );
  }
  return personal.speed;
}

function summary(
  before: Learner,
  after: Learner,
  oldFinish: IsoDate | null,
  baseline: { finish: IsoDate | null; hoursPerWeek: number; speed: number; start: IsoDate; stages: BaselineStage[] },
  replanned: boolean,
  today: IsoDate,
): ReplanResult {
  return {
    replanned,
    oldFinish,
    newFinish: baseline.finish,
    slipDays: oldFinish && baseline.finish ? daysBetween(oldFinish, baseline.finish) : null,
    originalFinish: before.originalFinish,
    oldHoursPerWeek: before.baseline.hoursPerWeek,
    hoursPerWeek: baseline.hoursPerWeek,
    speed: baseline.speed,
    start: baseline.start,
    stages: baseline.stages.map(({ id, hours, start, end }) => ({ id, plannedHours: hours, start, end })),
    standing: standing(after, today),
  };
}

/** On a terminal without --hours: the pace, offering the plan's and the learner's typical week. */
async function askPace(learner: Learner, today: IsoDate): Promise<number> {
  const { askSelect, askNumber } = await import('../ui/prompts.js');
  const current = learner.baseline.hoursPerWeek;
  const measured = typicalPace(standing(learner, today).effort);
  const choices = [{ value: current, name: `${current} h a week, as now` }];
  if (measured !== null && measured !== current) {
    choices.push({ value: measured, name: `${measured} h a week, what you have studied in a typical recent week` });
  }
  choices.push({ value: 0, name: 'Another number of hours' });
  const chosen = await askSelect('At what pace?', choices, 'Cancelled: your plan was not changed.', current);
  if (chosen !== 0) return chosen;
  return askNumber(
    'How many hours a week can you study?',
    {
      min: MIN_WEEKLY_HOURS,
      max: MAX_WEEKLY_HOURS,
      default: current,
      invalid: `Enter ${WEEKLY_HOURS_RULE}.`,
      parse: weeklyHours,
    },
    'Cancelled: your plan was not changed.',
  );
}

/** Shows what the replan would do (the finish from → to, as every output shows it) and asks. */
async function confirmReplan(learner: Learner, options: ReplanOptions, today: IsoDate): Promise<boolean> {
  const { askConfirm } = await import('../ui/prompts.js');
  const preview = agreeAgain(learner, options, today);
  const finish = (date: IsoDate | null) => (date ? formatDay(date, today) : 'none');
  const count = preview.stages.length;
  const move = (from: string, to: string) =>
    from === to ? `the finish stay ${to}` : `the finish move from ${from} to ${to}`;
  const intro = `The ${count} remaining ${count === 1 ? 'stage' : 'stages'} would start ${formatDay(preview.start, today)} at ${preview.hoursPerWeek} h a week, and ${move(finish(agreedPlan(learner).finish), finish(preview.finish))}.`;
  return askConfirm('Replan?', true, 'Cancelled: your plan was not changed.', intro);
}
