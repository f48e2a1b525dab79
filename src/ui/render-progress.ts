import terminalLink from 'terminal-link';
import type { MarkResult } from '../commands/mark.js';
import type { NextResult } from '../commands/next.js';
import type { NextStage } from '../commands/report.js';
import type { StatusResult } from '../commands/status.js';
import { daysBetween, formatDay } from '../plan/dates.js';
import type { ProgressReport } from '../plan/progress.js';
import type { RenderOptions } from './render-plan.js';
import { fit, formatHours, wrap } from './text.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function progressBar(report: ProgressReport, { style, width }: RenderOptions): string {
  const cells = Math.max(10, Math.min(30, width - 50));
  const filled = Math.round((report.percent / 100) * cells);
  const bar = style.green('█'.repeat(filled)) + style.dim('░'.repeat(cells - filled));
  const skipped = report.skipped > 0 ? `, ${report.skipped} skipped` : '';
  return `${bar} ${report.percent}% · ${formatHours(report.doneHours)} of ${formatHours(report.totalHours)} · ${report.done} of ${report.total} stages done${skipped}`;
}

export function verdict(report: ProgressReport, { style }: RenderOptions): string {
  if (report.remainingHours === 0) return style.green('Every stage is done.');
  const days = Math.abs(report.daysAhead);
  let head: string;
  if (report.daysAhead > 0) head = style.green(`${plural(days, 'day')} ahead`);
  else if (report.daysAhead === 0 || report.inCurrentWindow) head = style.green('On track');
  else head = style.yellow(`${plural(days, 'day')} behind`);
  const pace = report.pace.source === 'log' ? `your logged pace of ${formatHours(report.pace.hoursPerWeek)} a week` : `${formatHours(report.pace.hoursPerWeek)} a week`;
  const baseline = report.baselineFinish ? `planned finish ${formatDay(report.baselineFinish, true)}` : 'no planned finish';
  const projected = report.projectedFinish ? `; at ${pace} you finish ${style.bold(formatDay(report.projectedFinish, true))}` : '';
  return `${head}: ${baseline}${projected}.`;
}

function windowText(stage: NextStage, daysLeft: number | null, today: string): string {
  const range = `${formatDay(stage.start, stage.start.slice(0, 4) !== stage.end.slice(0, 4))} – ${formatDay(stage.end, true)}`;
  if (daysLeft === null) return range;
  let left: string;
  if (stage.start > today) left = `starts in ${plural(daysBetween(today, stage.start), 'day')}`;
  else if (daysLeft > 0) left = `${plural(daysLeft, 'day')} left`;
  else if (daysLeft === 0) left = 'ends today';
  else left = `${plural(-daysLeft, 'day')} overdue`;
  return `${range} · ${left}`;
}

function section(title: string, lines: string[], { style, width }: RenderOptions): string[] {
  if (lines.length === 0) return [];
  return ['', style.bold(title), ...lines.map((line) => wrap(line, width, 2))];
}

export function renderNextStage(stage: NextStage, daysLeft: number | null, today: string, track: string, options: RenderOptions): string {
  const { style } = options;
  // A URL is never wrapped (a broken URL cannot be copied): it gets a line of its own unless
  // the terminal can make the title itself a link.
  const link = (title: string, url: string) => terminalLink(title, url, { fallback: (text, href) => `${text}\n    ${style.dim(href)}` });
  const links = (title: string, list: NextStage['resources']) =>
    list.length === 0 ? [] : ['', style.bold(title), ...list.map((r) => `  • ${link(r.title, r.url)}`)];
  return [
    `${style.dim('Next:')} ${style.bold(`${stage.number}. ${stage.title}`)}`,
    `${windowText(stage, daysLeft, today)}${stage.fromBaseline ? '' : style.dim(' (not in your baseline; dates if started today)')}`,
    ...section('Why it matters', stage.summary ? [stage.summary] : [], options),
    ...section('Topics', stage.topics.map((t) => `• ${t}`), options),
    ...section(`Tools for ${track}`, stage.tools.map((t) => `• ${t}`), options),
    ...links('Free resources', stage.resources.filter((r) => r.free)),
    ...links('Paid resources', stage.resources.filter((r) => !r.free)),
    ...section('Prove it', stage.project ? [stage.project] : [], options),
    ...section('Your notes', stage.notes.map((n) => `${style.dim(n.date)}  ${n.text}`), options),
    '',
    style.dim(`When you have finished it: backend-path done ${stage.id}`),
  ].join('\n');
}

const ALL_DONE =
  'Every stage is done. Now make it count: polish your portfolio (a clear README and a live URL that works for your best project) and send applications every week; interviews will show you what to learn next.';

export function renderNext(result: NextResult, today: string, options: RenderOptions): string {
  const lines: string[] = [];
  if (!result.stage) lines.push(wrap(options.style.green(ALL_DONE), options.width));
  else lines.push(renderNextStage(result.stage, result.daysLeft, today, result.track, options));
  lines.push('', progressBar(result.report, options), wrap(verdict(result.report, options), options.width));
  return lines.join('\n') + '\n';
}

export function renderStatus(result: StatusResult, options: RenderOptions): string {
  const { style, width } = options;
  const report = result;
  const lines: string[] = [];
  lines.push(
    wrap(`${style.bold(result.roadmap.title)} · ${result.trackTitle} · ${formatHours(result.hoursPerWeek)} a week`, width),
    wrap(progressBar(report, options), width),
    wrap(verdict(report, options), width),
  );
  if (result.originalFinish && result.baselineFinish && result.originalFinish !== result.baselineFinish) {
    lines.push(style.dim(`Your first plan finished ${formatDay(result.originalFinish, true)}; replans moved it to ${formatDay(result.baselineFinish, true)}.`));
  }
  const week = report.week;
  const streak = report.streak > 0 ? ` · streak: ${plural(report.streak, 'week')} on target` : '';
  lines.push(wrap(`This week (${formatDay(week.start)} – ${formatDay(week.end)}): ${formatHours(week.hours)} of ${formatHours(week.target)} logged${streak}`, width));
  lines.push('');
  // Number, title, status and dates on one line when they fit; dates on a line of their own when not.
  const narrow = width < 64;
  const titleWidth = narrow ? Math.max(10, width - 13) : Math.min(32, width - 36);
  const marks = { done: style.green('done   '), skipped: style.yellow('skipped'), todo: style.dim('todo   ') };
  for (const stage of result.stages) {
    const when = stage.status === 'todo' ? `${formatDay(stage.start)} – ${formatDay(stage.end)}` : `on ${formatDay(stage.date!)}`;
    const row = `${String(stage.number).padStart(2)}  ${fit(stage.title + (stage.optional ? ' (optional)' : ''), titleWidth)} ${marks[stage.status]}`;
    lines.push(narrow ? `${row}\n      ${style.dim(when)}` : `${row} ${style.dim(when)}`);
    for (const note of stage.notes) lines.push(wrap(style.dim(`note ${note.date}: ${note.text}`), width, 6));
  }
  if (result.orphans.length > 0) {
    lines.push('', style.yellow(`Kept progress for stages this roadmap no longer has: ${result.orphans.map((o) => `${o.id} (${o.status})`).join(', ')}.`));
  }
  return lines.join('\n') + '\n';
}

const VERBS = { done: ['Marked done', 'Already done'], skip: ['Skipped', 'Already skipped'], undo: ['Back to todo', 'Already todo'] } as const;

export function renderMark(result: MarkResult, today: string, options: RenderOptions): string {
  const { style } = options;
  const [changedVerb, unchangedVerb] = VERBS[result.mark];
  const lines: string[] = [];
  if (result.changed.length > 0) lines.push(`${style.green('✔')} ${changedVerb}: ${result.changed.map((s) => s.title).join(', ')}`);
  if (result.unchanged.length > 0) lines.push(`${style.dim('•')} ${unchangedVerb}: ${result.unchanged.map((s) => s.title).join(', ')} (nothing to change)`);
  for (const warning of result.warnings) lines.push(style.yellow(`! ${warning}`));
  lines.push('', progressBar(result.report, options), wrap(verdict(result.report, options), options.width), '');
  if (result.next) {
    lines.push(`${style.dim('Next:')} ${style.bold(`${result.next.number}. ${result.next.title}`)} · ${windowText(result.next, null, today)}`, style.dim('Run `backend-path next` for its topics, resources and project.'));
  } else {
    lines.push(wrap(style.green(ALL_DONE), options.width));
  }
  return lines.join('\n') + '\n';
}
