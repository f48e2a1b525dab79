import type { StageDetail } from '../coach/stage.js';
import type { NextResult } from '../commands/next.js';
import { formatDay } from '../plan/dates.js';
import type { Resource } from '../roadmap/types.js';
import { formatHours, plural, wrap } from './text.js';
import { progressBar, standingBlock } from './verdict.js';
import type { View } from './view.js';

/** The stage's window and where today falls in it; the verdict is the progress line's alone. */
export function windowText(stage: StageDetail, view: View): string {
  const range =
    stage.start && stage.end ? `${formatDay(stage.start, view.today)} – ${formatDay(stage.end, view.today)}` : '';
  const left =
    stage.loggedHours > 0 ? ` · ${formatHours(stage.loggedHours)} logged of ${formatHours(stage.hours)}` : '';
  switch (stage.state) {
    case 'unscheduled':
      return `Not in your agreed plan; about ${range} if you start today${left}. Run \`backend-path replan\` to date it.`;
    case 'upcoming':
      return `Planned ${range}; you can start it now${left}.`;
    case 'overdue':
      return `${range} · ${view.style.yellow('past its planned end')}${left}`;
    default:
      return `${range} · in progress · ${stage.daysLeft === 0 ? 'its window ends today' : `${plural(stage.daysLeft ?? 0, 'day')} left`}${left}`;
  }
}

function section(title: string, lines: string[], { style, width }: View, bullet = '•'): string[] {
  if (lines.length === 0) return [];
  return [
    '',
    style.bold(title),
    // A line that brings its own bullet (what a check looks at, under "Prove it") hangs as one.
    ...lines.map((line) =>
      wrap(bullet ? `${bullet} ${line}` : line, width, 2, bullet || line.startsWith('• ') ? 2 : 0),
    ),
  ];
}

function resources(title: string, list: Resource[], view: View): string[] {
  if (list.length === 0) return [];
  // A URL is never wrapped (a broken URL cannot be copied): it gets a line of its own unless the
  // terminal can make the title itself a link.
  const fallback = (text: string, href: string) => `${wrap(text, view.width, 2, 2)}\n    ${view.style.dim(href)}`;
  const link = (r: Resource) => {
    const label = r.type ? `${r.title} ${view.style.dim(`(${r.type})`)}` : r.title;
    return view.link ? view.link(`• ${label}`, r.url, { fallback }) : fallback(`• ${label}`, r.url);
  };
  return ['', view.style.bold(title), ...list.map(link)];
}

/**
 * How to run the stage's check: against the running (or live) API when it has a contract, with
 * the URL it will use; then what else it looks at (the database, the repository, …).
 */
function checkLines(stage: StageDetail, lastCheck: string): string[] {
  const api = stage.checkLooks.some((line) => line.startsWith('your running API') || line.startsWith('your live API'));
  const others = stage.checkLooks.filter(
    (line) => !line.startsWith('your running API') && !line.startsWith('your live API'),
  );
  const where = stage.checkUrl ? ` (it checks ${stage.checkUrl})` : ' with your address';
  const first = api
    ? `Check it against your ${stage.checkUrl ? 'running' : 'live'} API: \`${stage.checkCommand}\`${where}.${lastCheck}`
    : `Check it: \`${stage.checkCommand}\`.${lastCheck}`;
  if (others.length === 0) return [first];
  return [`${first} It ${api ? 'also ' : ''}looks at:`, ...others.map((line) => `• ${line}`)];
}

export function renderStage(stage: StageDetail, trackTitle: string, view: View): string {
  const { style } = view;
  const check = stage.check
    ? ` Last check: ${stage.check.passed} of ${stage.check.total} on ${formatDay(stage.check.date, view.today)}.`
    : '';
  const prove = stage.project
    ? [
        stage.project,
        ...(stage.checkCommand ? checkLines(stage, check) : []),
        ...(stage.noCheck ? [`No machine checks this stage: ${stage.noCheck}`] : []),
      ]
    : [];
  const skip = stage.skipForNow.map((t) => `${t.topic}: ${t.reason}`);
  return [
    wrap(
      `${style.dim('Next:')} ${style.bold(`${stage.number}. ${stage.title}`)} ${style.dim(`(${stage.id})`)}`,
      view.width,
      0,
      2,
    ),
    wrap(windowText(stage, view), view.width, 0, 2),
    ...section('Why it matters', stage.summary ? [stage.summary] : [], view, ''),
    ...section('Where its hours come from', stage.hoursBasis ? [stage.hoursBasis] : [], view, ''),
    ...section('Topics', stage.topics, view),
    ...section(`Tools for ${trackTitle}`, stage.tools, view),
    ...resources(
      'Free resources',
      stage.resources.filter((r) => r.free),
      view,
    ),
    ...resources(
      'Paid resources',
      stage.resources.filter((r) => !r.free),
      view,
    ),
    ...section('Prove it', prove, view, ''),
    ...section('Check yourself before you mark it done', stage.selfCheck, view, '☐'),
    ...section('Watch out for', stage.pitfalls, view),
    ...section('Leave for later', skip, view),
    ...section('Your links', stage.links, view),
    ...section(
      'Your notes',
      stage.notes.map((n) => `${style.dim(formatDay(n.date, view.today))}  ${n.text}`),
      view,
    ),
    '',
    wrap(style.dim(`When you have finished it: \`backend-path done ${stage.id}\``), view.width),
  ].join('\n');
}

const ALL_DONE =
  'Now make it count: polish your portfolio (a clear README and a live URL for your best project; `backend-path export --format md` gives you a page to start from) and send applications every week; interviews will show you what to learn next.';

export function renderNext(result: NextResult, view: View): string {
  const lines: string[] = [];
  if (result.stage) lines.push(renderStage(result.stage, result.trackTitle, view), '');
  lines.push(progressBar(result.standing.progress, view), ...standingBlock(result.standing, view));
  const gaps = result.standing.progress.gaps;
  // Skipping is not finishing: with required stages skipped, the path is not done yet.
  if (!result.stage && gaps.length > 0)
    lines.push(
      wrap(
        `Nothing is left to study in your plan, but the path is not finished while it has ${gaps.length === 1 ? 'the gap' : 'the gaps'} above.`,
        view.width,
      ),
    );
  else if (!result.stage) lines.push(wrap(ALL_DONE, view.width));
  return `${lines.join('\n')}\n`;
}
