import { currentStage, planBegan, statusOf, toLearner, type Learner } from '../coach/learner.js';
import { checkStudyDate } from '../coach/rules.js';
import { checkCommandFor } from '../coach/check-url.js';
import { stageDetail, type StageDetail } from '../coach/stage.js';
import { standing, type Standing } from '../coach/standing.js';
import type { Mark as Progress, StageRef } from '../coach/types.js';
import { UsageError } from '../errors.js';
import { formatDay, type IsoDate } from '../plan/dates.js';
import { matchStage } from '../roadmap/match.js';
import { describeStageChecks, type Stage } from '../roadmap/types.js';
import type { SavedData } from '../store/schema.js';
import { changeLearner, loadLearner, type CommandContext } from './context.js';
import { withLink } from './link.js';

export type Mark = 'done' | 'skip' | 'undo';

export interface MarkOptions {
  date?: IsoDate;
  /** A link to what proves the stage (done only). */
  link?: string;
  /** done: mark without the self-check question; skip: skip a stage already done. */
  yes?: boolean;
}

export interface MarkResult {
  mark: Mark;
  /** False when the learner answered no at a question: nothing was changed. */
  confirmed: boolean;
  /** Stages whose status changed. */
  changed: StageRef[];
  /** Stages done before whose done date was corrected. */
  redated: (StageRef & { from: IsoDate; to: IsoDate })[];
  /** Stages that already had the status asked for. */
  unchanged: StageRef[];
  warnings: string[];
  standing: Standing;
  next: StageDetail | null;
}

const TARGET = { done: 'done', skip: 'skipped', undo: 'todo' } as const;

/**
 * Marks stages done or skipped, or back to todo. Names are resolved and dates checked before
 * anything is saved, so one bad name changes nothing. On a terminal, `done` first shows each
 * stage's self-check and asks for an honest yes; `done --date` on a stage already done corrects
 * its date.
 */
export async function markCommand(
  mark: Mark,
  names: string[],
  options: MarkOptions,
  context: CommandContext,
): Promise<MarkResult> {
  const { today } = context.clock;
  if (context.interactive && !options.yes && mark !== 'undo') {
    const { learner } = await loadLearner(context);
    const stages = resolve(learner, names);
    if (!(await confirm(mark, learner, stages))) return outcome(learner, { mark, confirmed: false }, today);
    options = { ...options, yes: true };
  }
  return changeLearner(
    context,
    (learner, data) => {
      const date = options.date === undefined ? today : checkStudyDate(options.date, planBegan(learner), today);
      const stages = resolve(learner, names);
      if (mark === 'skip' && !options.yes) refuseSkippingDone(learner, stages);
      const { progress, changed, redated, unchanged } = apply(
        data.progress,
        stages,
        TARGET[mark],
        date,
        options.date !== undefined,
      );
      const links = options.link
        ? stages.reduce((all, stage) => withLink(all, stage.id, options.link!), data.links)
        : data.links;
      if (changed.length === 0 && redated.length === 0 && links === data.links) {
        return { result: outcome(learner, { mark, confirmed: true, unchanged }, today) };
      }
      const next: SavedData = { ...data, progress, links };
      const after = toLearner(next, learner.roadmap);
      return {
        data: next,
        result: outcome(
          after,
          { mark, confirmed: true, changed, redated, unchanged, warnings: warningsFor(mark, changed, learner, today) },
          today,
        ),
      };
    },
    { totals: true },
  );
}

const resolve = (learner: Learner, names: string[]) => [
  ...new Map(names.map((name) => matchStage(learner.roadmap, name)).map((s) => [s.id, s] as const)).values(),
];

/** The new progress: statuses set, and done dates corrected when a date was given for a stage already done. */
function apply(
  current: SavedData['progress'],
  stages: Stage[],
  target: 'done' | 'skipped' | 'todo',
  date: IsoDate,
  given: boolean,
) {
  // A copy without a prototype: a stage may be called `constructor`.
  const progress: Record<string, Progress> = Object.assign(Object.create(null), current);
  const changed: Stage[] = [];
  const redated: MarkResult['redated'] = [];
  const unchanged: Stage[] = [];
  for (const stage of stages) {
    const was = progress[stage.id];
    if ((was?.status ?? 'todo') !== target) {
      changed.push(stage);
      if (target === 'todo') delete progress[stage.id];
      else progress[stage.id] = { status: target, date };
    } else if (was && given && was.date !== date) {
      redated.push({ id: stage.id, title: stage.title, from: was.date, to: date });
      progress[stage.id] = { status: was.status, date };
    } else unchanged.push(stage);
  }
  return { progress, changed, redated, unchanged };
}

/** Skipping a done stage throws away its credit: only on purpose. */
function refuseSkippingDone(learner: Learner, stages: Stage[]): void {
  const done = stages.filter((stage) => statusOf(learner, stage.id) === 'done');
  if (done.length === 0) return;
  const ids = done.map((stage) => stage.id).join(', ');
  // A usage error, as every `--yes` missing where no terminal can ask.
  throw new UsageError(
    `${ids} ${done.length === 1 ? 'is' : 'are'} done; skipping gives up ${done.length === 1 ? 'its' : 'their'} ground in your progress.`,
    `To skip anyway, add --yes; \`backend-path undo ${done[0]!.id}\` puts a stage back to do instead.`,
  );
}

function outcome(
  learner: Learner,
  parts: Partial<Pick<MarkResult, 'changed' | 'redated' | 'unchanged' | 'warnings'>> & {
    mark: Mark;
    confirmed: boolean;
  },
  today: IsoDate,
): MarkResult {
  const brief = (s: StageRef): StageRef => ({ id: s.id, title: s.title });
  const next = currentStage(learner);
  return {
    mark: parts.mark,
    confirmed: parts.confirmed,
    changed: (parts.changed ?? []).map(brief),
    redated: parts.redated ?? [],
    unchanged: (parts.unchanged ?? []).map(brief),
    warnings: parts.warnings ?? [],
    standing: standing(learner, today),
    next: next ? stageDetail(learner, next, today) : null,
  };
}

/** Skipping a required stage leaves a gap; marking a checkable project done unchecked deserves a word. */
function warningsFor(mark: Mark, changed: Stage[], before: Learner, today: IsoDate): string[] {
  if (mark === 'skip') {
    return changed.flatMap((s) => [
      ...(statusOf(before, s.id) === 'done'
        ? [`"${s.title}" was done; skipped, it no longer counts as ground covered.`]
        : []),
      ...(s.optional
        ? []
        : [
            `"${s.title}" is a required stage: skipping it leaves a gap in your path, and your progress stays below 100% until it is done.`,
          ]),
    ]);
  }
  if (mark === 'undo') {
    // A stage marked before the plan was made is not in it: back to do, it has no dates yet.
    const planned = new Set(before.baseline.stages.map((s) => s.id));
    const outside = changed.filter((s) => !planned.has(s.id));
    if (outside.length === 0) return [];
    const one = outside.length === 1;
    return [
      `${outside.map((s) => `"${s.title}"`).join(', ')} ${one ? 'is' : 'are'} not in your agreed plan, so ${one ? 'its' : 'their'} hours count as late: \`backend-path replan\` gives ${one ? 'it' : 'them'} dates.`,
    ];
  }
  if (mark !== 'done') return [];
  return changed.flatMap((stage) => {
    if (describeStageChecks(stage).length === 0) return [];
    const command = checkCommandFor(before, stage);
    const check = before.checks.get(stage.id);
    const against = stage.checks ? ` against your ${stage.checks.public ? 'live' : 'running'} API` : '';
    const its = changed.length === 1 ? 'Its project' : `The project of "${stage.title}"`;
    if (!check) return [`${its} has not been checked yet: run \`${command}\`${against}.`];
    if (check.passed < check.total) {
      return [
        `${its}'s last check, on ${formatDay(check.date, today)}, passed ${check.passed} of ${check.total}: run \`${command}\` again once it is fixed.`,
      ];
    }
    return [];
  });
}

/** On a terminal: the self-check before done, and a yes before skipping a stage already done. */
async function confirm(mark: Mark, learner: Learner, stages: Stage[]): Promise<boolean> {
  const prompts = await import('../ui/prompts.js');
  if (mark === 'skip') {
    const done = stages.filter((stage) => statusOf(learner, stage.id) === 'done');
    if (done.length === 0) return true;
    const intro = `${done.map((s) => s.id).join(', ')} ${done.length === 1 ? 'is' : 'are'} done; skipping gives up that ground in your progress.`;
    return prompts.askConfirm('Skip anyway?', false, 'Cancelled: nothing was skipped.', intro);
  }
  const withChecks = stages.filter((s) => s.selfCheck.length > 0 && statusOf(learner, s.id) !== 'done');
  if (withChecks.length === 0) return true;
  const sections = withChecks.map((s) => ({
    title: `Before you mark "${s.title}" done, check yourself:`,
    items: s.selfCheck,
  }));
  return prompts.askConfirmList(
    sections,
    'Can you honestly say yes to all of these?',
    'Cancelled: nothing was marked done.',
  );
}
