import { currentStage, planBegan, toLearner } from '../coach/learner.js';
import { standing, type Standing } from '../coach/standing.js';
import { loadLearner, noPlan, type CommandContext } from './context.js';
import { checkDay, checkStudyDate } from '../coach/rules.js';
import type { IsoDate } from '../plan/dates.js';
import { matchStage } from '../roadmap/match.js';
import type { LogEntry } from '../coach/types.js';

export interface LogOptions {
  date?: IsoDate;
  stage?: string;
}

export interface LogResult {
  entry: LogEntry;
  standing: Standing;
}

/**
 * Records study time. Without --stage it counts toward the stage in progress, so the hours are
 * credited where they were spent; the verdict moves the moment they are logged.
 */
export async function logCommand(hours: number, options: LogOptions, context: CommandContext): Promise<LogResult> {
  const { today } = context.clock;
  const before = await loadLearner(context);
  const date = options.date === undefined ? today : checkStudyDate(options.date, planBegan(before.learner), today);
  const stage =
    options.stage === undefined
      ? currentStage(before.learner)?.id
      : matchStage(before.learner.roadmap, options.stage).id;
  const entry: LogEntry = stage === undefined ? { date, hours } : { date, hours, stage };
  return context.store.update((current) => {
    if (!current) throw noPlan();
    checkDay(current.log, date, hours, today);
    const data = { ...current, log: [...current.log, entry] };
    return { data, result: { entry, standing: standing(toLearner(data, before.learner.roadmap), today) } };
  });
}
