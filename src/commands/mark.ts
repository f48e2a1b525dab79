import type { ProgressReport } from '../plan/progress.js';
import { matchStage } from '../roadmap/match.js';
import type { Stage } from '../roadmap/types.js';
import type { CommandContext } from './context.js';
import { loadCurrent, NO_PLAN, withData } from './current.js';
import { parseDateFlag } from './options.js';
import { nextStage, reportFor, type NextStage } from './report.js';

export type Mark = 'done' | 'skip' | 'undo';

export interface MarkResult {
  mark: Mark;
  /** Stages whose status changed. */
  changed: { id: string; title: string }[];
  /** Stages that already had the status asked for. */
  unchanged: { id: string; title: string }[];
  warnings: string[];
  report: ProgressReport;
  next: NextStage | null;
}

const TARGET = { done: 'done', skip: 'skipped', undo: 'todo' } as const;

/**
 * Marks stages done or skipped, or back to todo. Names are resolved before anything is saved,
 * so one bad name changes nothing; the change itself is made under the store's lock.
 */
export async function markCommand(mark: Mark, names: string[], options: { date?: string }, context: CommandContext): Promise<MarkResult> {
  const date = parseDateFlag(options.date, context.today);
  const before = await loadCurrent(context);
  const stages = [...new Map(names.map((name) => matchStage(before.roadmap, name)).map((s) => [s.id, s] as const)).values()];
  const target = TARGET[mark];
  const changed: Stage[] = [];
  const unchanged: Stage[] = [];

  const data = await context.store.update((current) => {
    if (!current) throw NO_PLAN;
    const progress = { ...current.progress };
    changed.length = 0;
    unchanged.length = 0;
    for (const stage of stages) {
      const status = progress[stage.id]?.status ?? 'todo';
      if (status === target) {
        unchanged.push(stage);
        continue;
      }
      changed.push(stage);
      if (target === 'todo') delete progress[stage.id];
      else progress[stage.id] = { status: target, date };
    }
    return { ...current, progress };
  });

  const after = withData(before.roadmap, data);
  const warnings =
    mark === 'skip'
      ? changed.filter((s) => !s.optional).map((s) => `"${s.title}" is not an optional stage; skipping it leaves a gap that job interviews may find.`)
      : [];
  const brief = (s: Stage) => ({ id: s.id, title: s.title });
  return {
    mark,
    changed: changed.map(brief),
    unchanged: unchanged.map(brief),
    warnings,
    report: reportFor(after, context),
    next: nextStage(after, context.today),
  };
}
