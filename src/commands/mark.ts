import { checkCommandFor } from '../coach/check-url.js';
import { currentStage, planBegan, toLearner, type Learner } from '../coach/learner.js';
import { stageDetail, type StageDetail } from '../coach/stage.js';
import { standing, type Standing } from '../coach/standing.js';
import { loadLearner, noPlan, type CommandContext } from './context.js';
import { checkStudyDate } from '../coach/rules.js';
import { formatDay, type IsoDate } from '../plan/dates.js';
import { matchStage } from '../roadmap/match.js';
import { describeStageChecks, type Stage } from '../roadmap/types.js';
import { withLink } from './link.js';

export type Mark = 'done' | 'skip' | 'undo';

export interface MarkOptions {
  date?: IsoDate;
  /** A link to what proves the stage (done only). */
  link?: string;
  /** Mark done without the self-check question. */
  yes?: boolean;
}

export interface MarkResult {
  mark: Mark;
  /** False when the learner answered no at the self-check: nothing was changed. */
  confirmed: boolean;
  /** Stages whose status changed. */
  changed: { id: string; title: string }[];
  /** Stages that already had the status asked for. */
  unchanged: { id: string; title: string }[];
  warnings: string[];
  standing: Standing;
  next: StageDetail | null;
}

const TARGET = { done: 'done', skip: 'skipped', undo: 'todo' } as const;

/**
 * Marks stages done or skipped, or back to todo. Names are resolved and dates checked before
 * anything is saved, so one bad name changes nothing. On a terminal, `done` first shows each
 * stage's self-check and asks for an honest yes.
 */
export async function markCommand(
  mark: Mark,
  names: string[],
  options: MarkOptions,
  context: CommandContext,
): Promise<MarkResult> {
  const { today } = context.clock;
  const before = await loadLearner(context);
  const date = options.date === undefined ? today : checkStudyDate(options.date, planBegan(before.learner), today);
  const stages = [
    ...new Map(names.map((name) => matchStage(before.learner.roadmap, name)).map((s) => [s.id, s] as const)).values(),
  ];
  const target = TARGET[mark];

  if (mark === 'done' && context.interactive && !options.yes) {
    const confirmed = await confirmSelfCheck(
      stages.filter((s) => before.learner.progress.get(s.id)?.status !== 'done'),
    );
    if (!confirmed) return outcome(before.learner, mark, [], [], [], false, today);
  }

  return context.store.update((current) => {
    if (!current) throw noPlan();
    // Copies without a prototype: a stage may be called `constructor`.
    const progress: typeof current.progress = Object.assign(Object.create(null), current.progress);
    let links = current.links;
    const changed: Stage[] = [];
    const unchanged: Stage[] = [];
    for (const stage of stages) {
      const status = progress[stage.id]?.status ?? 'todo';
      if (status === target) unchanged.push(stage);
      else {
        changed.push(stage);
        if (target === 'todo') delete progress[stage.id];
        else progress[stage.id] = { status: target, date };
      }
      if (options.link) links = withLink(links, stage.id, options.link);
    }
    if (changed.length === 0 && links === current.links)
      return { result: outcome(before.learner, mark, [], unchanged, [], true, today) };
    const data = { ...current, progress, links };
    const learner = toLearner(data, before.learner.roadmap);
    return {
      data,
      result: outcome(
        learner,
        mark,
        changed,
        unchanged,
        warningsFor(mark, changed, before.learner, learner, today),
        true,
        today,
      ),
    };
  });
}

function outcome(
  learner: Learner,
  mark: Mark,
  changed: Stage[],
  unchanged: Stage[],
  warnings: string[],
  confirmed: boolean,
  today: IsoDate,
): MarkResult {
  const brief = (s: Stage) => ({ id: s.id, title: s.title });
  const next = currentStage(learner);
  return {
    mark,
    confirmed,
    changed: changed.map(brief),
    unchanged: unchanged.map(brief),
    warnings,
    standing: standing(learner, today),
    next: next ? stageDetail(learner, next, today) : null,
  };
}

/**
 * Skipping a core stage leaves a gap, skipping a done one gives up its credit; marking a
 * checkable project done unchecked deserves a word.
 */
function warningsFor(mark: Mark, changed: Stage[], before: Learner, after: Learner, today: IsoDate): string[] {
  if (mark === 'skip') {
    return changed.flatMap((s) => [
      ...(before.progress.get(s.id)?.status === 'done'
        ? [`"${s.title}" was done; skipped, its hours no longer count as learned.`]
        : []),
      ...(s.optional
        ? []
        : [`"${s.title}" is not an optional stage; skipping it leaves a gap that job interviews may find.`]),
    ]);
  }
  if (mark !== 'done') return [];
  return changed.flatMap((stage) => {
    if (describeStageChecks(stage).length === 0) return [];
    const command = checkCommandFor(after, stage);
    const check = after.checks.get(stage.id);
    const against = stage.checks ? ` against your ${stage.checks.public ? 'live' : 'running'} API` : '';
    if (!check) return [`Its project has not been checked yet: run \`${command}\`${against}.`];
    if (check.passed < check.total) {
      return [
        `Its project's last check, on ${formatDay(check.date, today)}, passed ${check.passed} of ${check.total}: run \`${command}\` again once it is fixed.`,
      ];
    }
    return [];
  });
}

/** Shows each stage's self-check and asks whether the learner can honestly say yes to it. */
async function confirmSelfCheck(stages: Stage[]): Promise<boolean> {
  const withChecks = stages.filter((s) => s.selfCheck.length > 0);
  if (withChecks.length === 0) return true;
  const { askConfirmList } = await import('../ui/prompts.js');
  const sections = withChecks.map((s) => ({
    title: `Before you mark "${s.title}" done, check yourself:`,
    items: s.selfCheck,
  }));
  return askConfirmList(sections, 'Can you honestly say yes to all of these?', 'Cancelled: nothing was marked done.');
}
