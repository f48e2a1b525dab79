import type { LogChangeResult, LogListResult, LogResult } from '../commands/log.js';
import type { MarkResult } from '../commands/mark.js';
import type { SessionResult } from '../commands/session.js';
import { formatDay } from '../plan/dates.js';
import { windowText } from './render-next.js';
import { duration, formatDuration, wrap } from './text.js';
import { progressBar, standingBlock } from './verdict.js';
import type { View } from './view.js';

const VERBS = {
  done: ['Marked done', 'Already done'],
  skip: ['Skipped', 'Already skipped'],
  undo: ['Back to todo', 'Already todo'],
} as const;

export function renderMark(result: MarkResult, view: View): string {
  const { style, width } = view;
  if (!result.confirmed) {
    const what = result.mark === 'skip' ? 'Not skipped.' : 'Not marked done.';
    return `${style.yellow(what)} ${result.mark === 'skip' ? 'Nothing was changed.' : 'Come back to it when you can say yes to each line.'}\n`;
  }
  const [changedVerb, unchangedVerb] = VERBS[result.mark];
  const lines: string[] = [];
  if (result.changed.length > 0)
    lines.push(`${style.green('✔')} ${changedVerb}: ${result.changed.map((s) => s.title).join(', ')}`);
  for (const stage of result.redated) {
    lines.push(
      `${style.green('✔')} "${stage.title}": the day it was ${result.mark === 'skip' ? 'skipped' : 'done'} is now ${formatDay(stage.to, view.today)} (was ${formatDay(stage.from, view.today)})`,
    );
  }
  if (result.unchanged.length > 0)
    lines.push(
      `${style.dim('•')} ${unchangedVerb}: ${result.unchanged.map((s) => s.title).join(', ')} (nothing to change)`,
    );
  for (const warning of result.warnings) lines.push(style.yellow(`! ${warning}`));
  const out = lines.map((line) => wrap(line, width, 0, 2));
  out.push('', progressBar(result.standing.progress, view), ...standingBlock(result.standing, view), '');
  if (result.next) {
    out.push(
      wrap(
        `${style.dim('Next:')} ${style.bold(`${result.next.number}. ${result.next.title}`)} · ${windowText(result.next, view)}`,
        width,
        0,
        2,
      ),
    );
    out.push(wrap(style.dim('Run `backend-path next` for its topics, resources and project.'), width));
  }
  return `${out.join('\n')}\n`;
}

export function renderLog(result: LogResult, view: View): string {
  const stage = result.entry.stage ? ` on ${result.entry.stage}` : '';
  const head = `${view.style.green('✔')} Logged ${formatDuration(result.entry.hours)}${stage} for ${formatDay(result.entry.date, view.today)} (entry ${result.number}).`;
  return `${[wrap(head, view.width), ...standingBlock(result.standing, view)].join('\n')}\n`;
}

export function renderSession(result: SessionResult, view: View): string {
  const { style } = view;
  const since = `${result.session.start.slice(11, 16)}${result.session.start.slice(0, 10) === view.today ? '' : ` on ${formatDay(result.session.start.slice(0, 10), view.today)}`}`;
  if (result.action === 'start') {
    return `${wrap(`${style.green('▶')} Studying ${result.session.stage} since ${since}. Run \`backend-path stop\` when you finish.`, view.width)}\n`;
  }
  if (result.action === 'cancel')
    return `${wrap(`Dropped the session on ${result.session.stage} (started ${since}); nothing was logged.`, view.width)}\n`;
  const lines = [
    wrap(
      `${style.green('✔')} Logged ${duration(result.minutes)} on ${result.session.stage} for ${formatDay(result.entry!.date, view.today)} (entry ${result.number}).`,
      view.width,
    ),
  ];
  if (result.standing) lines.push(...standingBlock(result.standing, view));
  return `${lines.join('\n')}\n`;
}

/** The study log, numbered: what `log remove` and `log change` take. */
export function renderLogList(result: LogListResult, view: View): string {
  if (result.total === 0)
    return 'Your study log is empty. `backend-path log 1.5` or `backend-path start` adds to it.\n';
  const width = String(result.total).length;
  const lines = result.entries.map(
    (e) =>
      `${String(e.number).padStart(width)}  ${formatDay(e.date, view.today).padEnd(15)} ${formatDuration(e.hours).padEnd(13)} ${e.stage ?? view.style.dim('(no stage)')}${e.afterToday ? view.style.dim(' (after today: counted from that day)') : ''}`,
  );
  const shown =
    result.entries.length < result.total
      ? [
          view.style.dim(
            `The last ${result.entries.length} of ${result.total} entries; \`backend-path log list --all\` shows every one.`,
          ),
        ]
      : [];
  const hint = view.style.dim(
    'Fix one with `backend-path log change <number> --hours 1:30` (or --date, --stage), or `backend-path log remove <number>`.',
  );
  return `${[...lines, ...shown.map((l) => wrap(l, view.width)), wrap(hint, view.width)].join('\n')}\n`;
}

export function renderLogChange(result: LogChangeResult, view: View): string {
  const entry = (e: { date: string; hours: number; stage?: string }) =>
    `${formatDuration(e.hours)}${e.stage ? ` on ${e.stage}` : ''}, ${formatDay(e.date, view.today)}`;
  const head = result.after
    ? `${view.style.green('✔')} Changed entry ${result.number}: ${entry(result.before)} → ${entry(result.after)}.`
    : `${view.style.green('✔')} Removed entry ${result.number}: ${entry(result.before)}. The entries after it moved up one number.`;
  return `${[wrap(head, view.width, 0, 2), ...standingBlock(result.standing, view)].join('\n')}\n`;
}
