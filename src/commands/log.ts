import { currentStage, planBegan, statusOf, toLearner, type Learner } from '../coach/learner.js';
import { checkDay, checkStudyDate } from '../coach/rules.js';
import { standing, type Standing } from '../coach/standing.js';
import type { LogEntry } from '../coach/types.js';
import { Declined, FailureError, UsageError } from '../errors.js';
import type { IsoDate } from '../plan/dates.js';
import { matchStage } from '../roadmap/match.js';
import type { Stage } from '../roadmap/types.js';
import { changeLearner, loadLearner, type CommandContext } from './context.js';

export interface LogOptions {
  date?: IsoDate;
  stage?: string;
  /** Log on a stage already done (review time) without asking. */
  yes?: boolean;
}

export interface LogResult {
  entry: LogEntry;
  /** The entry's number in `log list`. */
  number: number;
  standing: Standing;
}

/**
 * Records study time. Without --stage it counts toward the stage in progress, so the hours are
 * credited where they were spent; the effort shows at once, and the progress as far as the
 * stage's estimate goes.
 */
export async function logCommand(hours: number, options: LogOptions, context: CommandContext): Promise<LogResult> {
  const { today } = context.clock;
  if (context.interactive && options.stage !== undefined && !options.yes) {
    const { learner } = await loadLearner(context);
    await confirmOnDone(learner, matchStage(learner.roadmap, options.stage), 'log time on it');
  }
  return changeLearner(
    context,
    (learner, data, _hash, held) => {
      const date = options.date === undefined ? today : checkStudyDate(options.date, planBegan(learner), today);
      const stage = options.stage === undefined ? currentStage(learner) : matchStage(learner.roadmap, options.stage);
      if (stage && options.stage !== undefined)
        checkStageOpen(learner, stage, 'log time on it', options.yes || context.interactive);
      const entry: LogEntry = stage === undefined ? { date, hours } : { date, hours, stage: stage.id };
      checkDay(data.log, date, hours, today);
      const next = { ...data, log: [...data.log, entry] };
      return {
        data: next,
        // Counted from the file: a long log may come as day totals (see changeLearner).
        result: { entry, number: held.entries + 1, standing: standing(toLearner(next, learner.roadmap), today) },
      };
    },
    { totals: true },
  );
}

/**
 * Time goes on a stage still to do. A skipped stage is refused: it is not part of the path until
 * `undo` puts it back. A done stage takes review time only when the learner says so.
 */
export function checkStageOpen(learner: Learner, stage: Stage, doing: string, confirmed: boolean | undefined): void {
  const status = statusOf(learner, stage.id);
  if (status === 'skipped') {
    throw new FailureError(
      `${stage.id} is skipped, so time on it counts for nothing.`,
      `Put it back with \`backend-path undo ${stage.id}\`, then ${doing}.`,
    );
  }
  if (status === 'done' && !confirmed) {
    // A usage error, as every `--yes` missing where no terminal can ask.
    throw new UsageError(
      `${stage.id} is already done; time on it now is review: it counts as effort, not as new ground.`,
      `To ${doing} anyway, add --yes; to reopen the stage, run \`backend-path undo ${stage.id}\`.`,
    );
  }
}

/** On a terminal, time on a done stage is asked about first; no means nothing is changed. */
export async function confirmOnDone(learner: Learner, stage: Stage, doing: string): Promise<void> {
  if (statusOf(learner, stage.id) !== 'done') return;
  const { askConfirm } = await import('../ui/prompts.js');
  const intro = `${stage.id} is already done; time on it now is review: it counts as effort, not as new ground.`;
  if (
    !(await askConfirm(
      `${doing[0]!.toUpperCase()}${doing.slice(1)} anyway?`,
      false,
      'Cancelled: nothing was changed.',
      intro,
    ))
  ) {
    throw new Declined('Nothing was changed.', `To reopen the stage, run \`backend-path undo ${stage.id}\`.`);
  }
}

export interface LogListResult {
  /** Every entry, numbered in the order it was recorded; `shown` of them are printed. */
  entries: (LogEntry & { number: number; afterToday: boolean })[];
  total: number;
}

/** The study log, numbered in the order it was recorded: the numbers `log remove` and `log change` take. */
export async function logListCommand(options: { all?: boolean }, context: CommandContext): Promise<LogListResult> {
  const { data } = await loadLearner(context);
  // Dated after today (a move west, a clock set back): listed, and counted from that day on.
  const entries = data.log.map((entry, index) => ({
    number: index + 1,
    ...entry,
    afterToday: entry.date > context.clock.today,
  }));
  return { entries: options.all ? entries : entries.slice(-20), total: entries.length };
}

export interface LogChangeOptions {
  hours?: number;
  date?: IsoDate;
  stage?: string;
}

export interface LogChangeResult {
  action: 'remove' | 'change';
  number: number;
  before: LogEntry;
  after: LogEntry | null;
  standing: Standing;
}

/** Removes one entry of the log by its number in `log list`. */
export function logRemoveCommand(number: number, context: CommandContext): Promise<LogChangeResult> {
  return changeLearner(context, (learner, data) => {
    const before = entryAt(data.log, number);
    const next = { ...data, log: data.log.filter((_, index) => index !== number - 1) };
    const result = {
      action: 'remove' as const,
      number,
      before,
      after: null,
      standing: standing(toLearner(next, learner.roadmap), context.clock.today),
    };
    return { data: next, result };
  });
}

/** Changes the hours, the day or the stage of one entry, checked as a new entry would be. */
export function logChangeCommand(
  number: number,
  options: LogChangeOptions,
  context: CommandContext,
): Promise<LogChangeResult> {
  if (options.hours === undefined && options.date === undefined && options.stage === undefined) {
    throw new UsageError(
      'Say what to change: --hours, --date or --stage.',
      `Example: \`backend-path log change ${number} --hours 1:30\`.`,
    );
  }
  const { today } = context.clock;
  return changeLearner(context, (learner, data) => {
    const before = entryAt(data.log, number);
    const stage = options.stage === undefined ? undefined : matchStage(learner.roadmap, options.stage);
    if (stage) checkStageOpen(learner, stage, 'log time on it', true);
    const date = options.date === undefined ? before.date : checkStudyDate(options.date, planBegan(learner), today);
    const after: LogEntry = {
      date,
      hours: options.hours ?? before.hours,
      ...((stage?.id ?? before.stage) === undefined ? {} : { stage: stage?.id ?? before.stage }),
    };
    const others = data.log.filter((_, index) => index !== number - 1);
    checkDay(others, after.date, after.hours, today);
    const next = { ...data, log: data.log.map((entry, index) => (index === number - 1 ? after : entry)) };
    const result = {
      action: 'change' as const,
      number,
      before,
      after,
      standing: standing(toLearner(next, learner.roadmap), today),
    };
    return { data: next, result };
  });
}

function entryAt(log: readonly LogEntry[], number: number): LogEntry {
  const entry = log[number - 1];
  if (!Number.isInteger(number) || !entry) {
    throw new FailureError(
      log.length === 0
        ? 'Your study log is empty.'
        : `There is no log entry ${number}: ${log.length === 1 ? 'the log has one, number 1' : `entries are numbered 1 to ${log.length}`}.`,
      'See them with `backend-path log list`.',
    );
  }
  return entry;
}
