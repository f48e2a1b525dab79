import { writeFileSync } from 'atomically';
import { FailureError, UsageError } from '../errors.js';
import { buildPlan, type Plan } from '../plan/schedule.js';
import type { Roadmap } from '../roadmap/types.js';
import type { SavedData } from '../store/schema.js';
import type { CommandContext } from './context.js';
import { loadCurrent, type Current } from './current.js';
import { describeStage, type NextStage } from './report.js';

export const FORMATS = ['ics', 'md', 'json'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export interface ExportOptions {
  format?: string;
  output?: string;
  sessions?: boolean;
  sessionTime?: string;
}

export interface ExportData {
  plan: Plan;
  roadmap: Roadmap;
  data: SavedData;
  /** Details of every stage still to do, with its baseline window. */
  remaining: NextStage[];
  today: string;
}

export function parseFormat(text: string | undefined): ExportFormat {
  if (text === undefined) throw new UsageError('Choose a format with --format ics, md or json.');
  if (!(FORMATS as readonly string[]).includes(text)) throw new UsageError(`Unknown format "${text}"; use ics, md or json.`);
  return text as ExportFormat;
}

export function parseSessionTime(text: string | undefined): { hour: number; minute: number } {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text ?? '18:00');
  if (!match) throw new UsageError(`--session-time must be a time of day as HH:MM, e.g. 18:30; got "${text}".`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/**
 * The plan as agreed (the baseline's stages and weeks) with today's statuses. Stages the
 * baseline did not schedule keep their status and no dates, exactly as `plan --json` shows them.
 */
export function baselinePlan(current: Current): Plan {
  const { data, roadmap } = current;
  const scheduled = new Set(data.baseline.stages.map((s) => s.id));
  const asPlanned = buildPlan({
    roadmap,
    track: data.profile.track,
    hoursPerWeek: data.baseline.hoursPerWeek,
    start: data.baseline.start,
    progress: Object.fromEntries(roadmap.stages.filter((s) => !scheduled.has(s.id)).map((s) => [s.id, current.status[s.id] === 'todo' ? 'skipped' : current.status[s.id]!])),
  });
  return { ...asPlanned, stages: asPlanned.stages.map((stage) => ({ ...stage, status: current.status[stage.id]! })) };
}

/** Gathers what every export format needs; the renderers in ui/ turn it into text. */
export async function exportCommand(context: CommandContext): Promise<ExportData> {
  const current = await loadCurrent(context);
  const remaining = current.roadmap.stages.filter((s) => current.status[s.id] === 'todo').map((s) => describeStage(current, s, context.today));
  return { plan: baselinePlan(current), roadmap: current.roadmap, data: current.data, remaining, today: context.today };
}

/** Writes an export through a temporary file, so a reader never sees half of it. */
export function writeExport(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new FailureError(`Cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
}
