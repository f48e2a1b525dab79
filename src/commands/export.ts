import { writeFileSync } from 'atomically';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FailureError, UsageError } from '../errors.js';
import type { Plan } from '../plan/schedule.js';
import type { Roadmap } from '../roadmap/types.js';
import type { SavedData } from '../store/schema.js';
import type { CommandContext } from './context.js';
import { baselinePlan, loadCurrent } from './current.js';
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

/** Gathers what every export format needs; the renderers in ui/ turn it into text. */
export async function exportCommand(context: CommandContext): Promise<ExportData> {
  const current = await loadCurrent(context);
  const remaining = current.roadmap.stages.filter((s) => current.status[s.id] === 'todo').map((s) => describeStage(current, s, context.today));
  return { plan: baselinePlan(current), roadmap: current.roadmap, data: current.data, remaining, today: context.today };
}

/** Writes an export through a temporary file, so a reader never sees half of it. */
export function writeExport(file: string, text: string): void {
  // atomically would create missing folders; a mistyped -o path should be an error instead.
  const folder = dirname(resolve(file));
  if (!existsSync(folder)) throw new UsageError(`-o ${file}: the folder ${folder} does not exist.`, 'Create it first, or choose another path.');
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new FailureError(`Cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
}
