import type { LogResult } from '../commands/log.js';
import type { MarkResult } from '../commands/mark.js';
import type { SessionResult } from '../commands/session.js';
import { formatDay } from '../plan/dates.js';
import { duration, formatHours, plural, wrap } from './text.js';
import { progressBar, verdictBlock } from './verdict.js';
import type { View } from './view.js';
import { windowText } from './render-next.js';

const VERBS = {
  done: ['Marked done', 'Already done'],
  skip: ['Skipped', 'Already skipped'],
  undo: ['Back to todo', 'Already todo'],
} as const;

export function renderMark(result: MarkResult, view: View): string {
  const { style, width } = view;
  if (!result.confirmed)
    return `${style.yellow('Not marked done.')} Come back to it when you can say yes to each line.\n`;
  const [changedVerb, unchangedVerb] = VERBS[result.mark];
  const lines: string[] = [];
  if (result.changed.length > 0)
    lines.push(
      wrap(`${style.green('✔')} ${changedVerb}: ${result.changed.map((s) => s.title).join(', ')}`, width, 0, 2),
    );
  if (result.unchanged.length > 0)
    lines.push(
      wrap(
        `${style.dim('•')} ${unchangedVerb}: ${result.unchanged.map((s) => s.title).join(', ')} (nothing to change)`,
        width,
        0,
        2,
      ),
    );
  for (const warning of result.warnings) lines.push(wrap(style.yellow(`! ${warning}`), width, 0, 2));
  lines.push('', progressBar(result.standing, view), ...verdictBlock(result.standing, view), '');
  if (result.next) {
    lines.push(
      wrap(
        `${style.dim('Next:')} ${style.bold(`${result.next.number}. ${result.next.title}`)} · ${windowText(result.next, result.standing, view)}`,
        width,
        0,
        2,
      ),
    );
    lines.push(wrap(style.dim('Run `backend-path next` for its topics, resources and project.'), width));
  }
  return `${lines.join('\n')}\n`;
}

function weekLine(result: { standing: LogResult['standing'] }, view: View): string {
  const { week, streak } = result.standing;
  const met = week.hours >= week.target ? view.style.green(' - target met') : '';
  return `This week: ${formatHours(week.hours)} of ${formatHours(week.target)}${met}${streak > 0 ? ` · streak: ${plural(streak, 'week')}` : ''}`;
}

export function renderLog(result: LogResult, view: View): string {
  const stage = result.entry.stage ? ` on ${result.entry.stage}` : '';
  return (
    [
      wrap(
        `${view.style.green('✔')} Logged ${formatHours(result.entry.hours)}${stage} for ${formatDay(result.entry.date, view.today)}.`,
        view.width,
      ),
      wrap(weekLine(result, view), view.width),
      ...verdictBlock(result.standing, view),
    ].join('\n') + '\n'
  );
}

export function renderSession(result: SessionResult, view: View): string {
  const { style } = view;
  const since = `${result.session.start.slice(11, 16)}${result.session.start.slice(0, 10) === view.today ? '' : ` on ${formatDay(result.session.start.slice(0, 10), view.today)}`}`;
  if (result.action === 'start') {
    return `${style.green('▶')} Studying ${result.session.stage} since ${since}. Run \`backend-path stop\` when you finish.\n`;
  }
  if (result.action === 'cancel')
    return `Dropped the session on ${result.session.stage} (started ${since}); nothing was logged.\n`;
  const lines = [
    wrap(
      `${style.green('✔')} Logged ${duration(result.minutes)} (${formatHours(result.entry!.hours)}) on ${result.session.stage} for ${formatDay(result.entry!.date, view.today)}.`,
      view.width,
    ),
  ];
  if (result.standing)
    lines.push(wrap(weekLine({ standing: result.standing }, view), view.width), ...verdictBlock(result.standing, view));
  return `${lines.join('\n')}\n`;
}
