import { resolve } from 'node:path';
import { planDocument, type PlanDocument } from '../coach/agree.js';
import { currentStage, type Learner } from '../coach/learner.js';
import { sharedLookups, stageDetail, type StageDetail } from '../coach/stage.js';
import { standing, type Standing } from '../coach/standing.js';
import { loadLearner, type CommandContext } from './context.js';
import { UsageError } from '../errors.js';
import { safeData } from '../validation/sanitize.js';
import type { IsoDate } from '../plan/dates.js';
import type { CheckRecord, LogEntry } from '../coach/types.js';

/** The formats `export` writes. */
export const FORMATS = ['ics', 'md', 'json', 'svg'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export interface ExportOptions {
  format?: ExportFormat;
  output?: string;
  sessions?: boolean;
  sessionTime?: { hour: number; minute: number };
}

/** `export --format json`: the agreed plan as `plan --json` prints it, with everything the learner recorded. */
export interface ExportDocument extends PlanDocument {
  exportedOn: IsoDate;
  /** Ground covered against the agreed plan, as `status --json` gives it. */
  progress: Standing['progress'];
  /** Hours put in against the weekly target, as `status --json` gives it. */
  effort: Standing['effort'];
  notes: Record<string, { date: IsoDate; text: string }[]>;
  log: LogEntry[];
  links: Record<string, string[]>;
  checks: Record<string, CheckRecord>;
}

/** What the ics, md and svg renderers work from: one gathering, so every format shows the same figures. */
export interface ExportData {
  document: ExportDocument;
  details: StageDetail[];
  current: StageDetail | null;
  standing: Standing;
  today: IsoDate;
  /** Raised by every saved change, so calendar events carry a SEQUENCE that only grows. */
  revision: number;
}

export interface ExportResult {
  format: ExportFormat;
  /** The absolute path to write to, or null for stdout. The CLI writes it, as it prints any result. */
  output: string | null;
  /** ics only: the daily study session's local time, when --sessions asked for one. */
  session: { hour: number; minute: number } | null;
  data: ExportData;
}

const EXTENSIONS = new Map<string, ExportFormat>(FORMATS.map((format) => [`.${format}`, format]));

function chooseFormat(options: ExportOptions): ExportFormat {
  const fromName = options.output && EXTENSIONS.get(/\.[a-z]+$/i.exec(options.output)?.[0]?.toLowerCase() ?? '');
  const format = options.format ?? fromName;
  if (!format)
    throw new UsageError(
      'Choose a format with --format ics, md, json or svg (or an -o file name ending in one of them).',
    );
  if (options.format && fromName && options.format !== fromName)
    throw new UsageError(
      `-o ${options.output} ends in .${fromName}, but --format asks for ${options.format}.`,
      `Name the file .${options.format}, or drop --format to write ${fromName}.`,
    );
  if (options.sessionTime && !options.sessions)
    throw new UsageError('--session-time sets the time of the daily session, so it needs --sessions.');
  if (options.sessions && format !== 'ics')
    throw new UsageError(
      `--sessions adds a daily study session to a calendar, so it needs --format ics, not ${format}.`,
    );
  return format;
}

/** The export of `learner`, with `log`, the file's entries as written (the coach counts their day totals). */
export function exportData(learner: Learner, today: IsoDate, revision: number, log: readonly LogEntry[]): ExportData {
  const report = standing(learner, today);
  const shared = sharedLookups(learner, today);
  const details = learner.roadmap.stages.map((s, i) => stageDetail(learner, s, today, i, shared));
  const current = currentStage(learner);
  const record = <T>(map: ReadonlyMap<string, T>) => Object.fromEntries(map) as Record<string, T>;
  return {
    document: {
      ...planDocument(learner),
      exportedOn: today,
      progress: report.progress,
      effort: report.effort,
      notes: record(learner.notes),
      log: [...log],
      links: record(learner.links),
      checks: record(learner.checks),
    },
    details,
    current: details.find((detail) => detail.id === current?.id) ?? null,
    standing: report,
    today,
    revision,
  };
}

/**
 * The plan as a calendar, Markdown, JSON or an SVG progress card: what to export and where. The
 * CLI renders it (src/ui/render-export.ts) and writes it to stdout or the file, refusing the
 * progress file and its kin.
 */
export async function exportCommand(options: ExportOptions, context: CommandContext): Promise<ExportResult> {
  const format = chooseFormat(options);
  const { learner, data } = await loadLearner(context);
  // Text from the progress file may have been edited by hand: it is cleaned like any output.
  const exported = safeData(exportData(learner, context.clock.today, data.revision, data.log));
  return {
    format,
    output: options.output ? resolve(context.cwd, options.output) : null,
    session: options.sessions ? (options.sessionTime ?? { hour: 18, minute: 0 }) : null,
    data: exported,
  };
}
