import type { LogResult } from '../commands/log.js';
import type { NoteResult } from '../commands/note.js';
import type { ReplanResult } from '../commands/replan.js';
import type { ResetResult } from '../commands/reset.js';
import { formatDay } from '../plan/dates.js';
import type { RenderOptions } from './render-plan.js';
import { verdict } from './render-progress.js';
import { formatHours, wrap } from './text.js';

export function renderLog(result: LogResult, options: RenderOptions): string {
  const { style } = options;
  const week = result.report.week;
  const stage = result.entry.stage ? ` on ${result.entry.stage}` : '';
  return [
    `${style.green('✔')} Logged ${formatHours(result.entry.hours)}${stage} for ${formatDay(result.entry.date, true)}.`,
    `This week: ${formatHours(week.hours)} of ${formatHours(week.target)}${week.hours >= week.target ? style.green(' - target met') : ''}` +
      (result.report.streak > 0 ? ` · streak: ${result.report.streak} ${result.report.streak === 1 ? 'week' : 'weeks'}` : ''),
    wrap(verdict(result.report, options), options.width),
  ].join('\n') + '\n';
}

export function renderNote(result: NoteResult, { style }: RenderOptions): string {
  return `${style.green('✔')} Noted on "${result.stage.title}" (${result.notes.length} ${result.notes.length === 1 ? 'note' : 'notes'}). \`backend-path next\` and \`status\` show them.\n`;
}

export function renderReplan(result: ReplanResult, options: RenderOptions): string {
  const { style } = options;
  const day = (d: string | null) => (d ? formatDay(d, true) : 'none');
  if (!result.replanned) return `${style.yellow('Kept your current plan;')} nothing was changed.\n`;
  const slip =
    result.slipDays === null || result.slipDays === 0
      ? 'the finish did not move'
      : result.slipDays > 0
        ? `the finish moved ${result.slipDays} ${result.slipDays === 1 ? 'day' : 'days'} later`
        : `the finish moved ${-result.slipDays} ${result.slipDays === -1 ? 'day' : 'days'} earlier`;
  const lines = [
    `${style.green('✔')} Re-planned the remaining stages from today: ${slip}.`,
    `Old finish: ${day(result.oldFinish)}`,
    `New finish: ${style.bold(day(result.newFinish))}`,
  ];
  if (result.originalFinish && result.originalFinish !== result.newFinish) lines.push(style.dim(`Your first plan finished ${day(result.originalFinish)}; it stays on record.`));
  return wrap(lines.join('\n'), options.width) + '\n';
}

export function renderReset(result: ResetResult, { style }: RenderOptions): string {
  if (!result.reset) return 'Nothing was reset.\n';
  if (!result.movedTo) return 'There was no plan to reset.\n';
  return `${style.green('✔')} Your plan and progress were moved to ${result.movedTo}\nRun \`backend-path plan\` to start a new one.\n`;
}
