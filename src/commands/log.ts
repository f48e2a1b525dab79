import { UsageError } from '../errors.js';
import type { ProgressReport } from '../plan/progress.js';
import { matchStage } from '../roadmap/match.js';
import type { CommandContext } from './context.js';
import { loadCurrent, NO_PLAN, withData } from './current.js';
import { parseDateFlag } from './options.js';
import { reportFor } from './report.js';

export interface LogResult {
  entry: { date: string; hours: number; stage?: string };
  report: ProgressReport;
}

export function parseLogHours(text: string): number {
  const hours = Number(text);
  if (text.trim() === '' || !Number.isFinite(hours) || hours <= 0 || hours > 24) {
    throw new UsageError(`Hours must be a number above 0 and at most 24 (one day's study); got "${text}".`);
  }
  return hours;
}

/** Records study time, which status turns into the week's total, a streak and a pace. */
export async function logCommand(hoursText: string, options: { date?: string; stage?: string }, context: CommandContext): Promise<LogResult> {
  const hours = parseLogHours(hoursText);
  const date = parseDateFlag(options.date, context.today);
  const before = await loadCurrent(context);
  const stage = options.stage === undefined ? undefined : matchStage(before.roadmap, options.stage).id;
  const entry = stage === undefined ? { date, hours } : { date, hours, stage };
  const data = await context.store.update((current) => {
    if (!current) throw NO_PLAN;
    return { ...current, log: [...current.log, entry] };
  });
  return { entry, report: reportFor(withData(before.roadmap, data), context) };
}
