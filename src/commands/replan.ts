import { UsageError } from '../errors.js';
import { daysBetween } from '../plan/dates.js';
import type { Plan } from '../plan/schedule.js';
import type { Roadmap } from '../roadmap/types.js';
import type { CommandContext } from './context.js';
import { baselineFrom, currentPlan, loadCurrent, NO_PLAN, withData } from './current.js';

export interface ReplanResult {
  replanned: boolean;
  oldFinish: string | null;
  newFinish: string | null;
  /** Days the finish moved: positive is later. */
  slipDays: number | null;
  originalFinish: string | null;
  plan: Plan;
  roadmap: Roadmap;
}

/** Keeps the answers and progress and lays the remaining stages out again from today. */
export async function replanCommand(options: { yes?: boolean }, context: CommandContext): Promise<ReplanResult> {
  const before = await loadCurrent(context);
  const preview = currentPlan(before, context.today);
  const oldFinish = before.data.baseline.finish;
  const summary = { oldFinish, newFinish: preview.finish, originalFinish: before.data.originalFinish, roadmap: before.roadmap };
  const slip = (plan: Plan) => (oldFinish && plan.finish ? daysBetween(oldFinish, plan.finish) : null);

  if (!options.yes) {
    if (!context.interactive) throw new UsageError('Replanning replaces your baseline dates; pass --yes to confirm it without a terminal.');
    const { askConfirm } = await import('../ui/prompts.js');
    const question = `Re-plan the ${preview.stages.filter((s) => s.status === 'todo').length} remaining stages from today? The finish moves from ${oldFinish ?? 'none'} to ${preview.finish ?? 'none'}.`;
    if (!(await askConfirm(question, true, 'Cancelled: your plan was not changed.'))) {
      return { replanned: false, ...summary, slipDays: slip(preview), plan: preview };
    }
  }

  let plan = preview;
  await context.store.update((current) => {
    if (!current) throw NO_PLAN;
    plan = currentPlan(withData(before.roadmap, current), context.today);
    return {
      ...current,
      profile: { ...current.profile, start: context.today },
      baseline: baselineFrom(plan, context.today),
      originalFinish: current.originalFinish,
    };
  });
  return { replanned: true, ...summary, newFinish: plan.finish, slipDays: slip(plan), plan };
}
