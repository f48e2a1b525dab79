import type { StatusResult } from '../commands/status.js';
import type { StageRow } from '../coach/stage.js';
import { formatDay } from '../plan/dates.js';
import { duration, fit, formatDuration, formatHours, wrap } from './text.js';
import { progressBar, standingBlock } from './verdict.js';
import type { View } from './view.js';

function mark(row: StageRow, { style }: View): string {
  if (row.status === 'done') return style.green('✔');
  if (row.status === 'skipped') return row.optional ? style.dim('–') : style.yellow('–');
  if (row.state === 'overdue') return style.yellow('!');
  return row.state === 'in-progress' ? style.cyan('▶') : style.dim('·');
}

/** A stage's dates and state, and its effort when it has any: the words `next` and the home screen use. */
function when(row: StageRow, view: View): string {
  const day = (d: string) => formatDay(d, view.today);
  const logged = row.loggedHours > 0 ? ` · ${formatHours(row.loggedHours)} logged` : '';
  if (row.status === 'done') return `done ${day(row.date!)}${logged}`;
  if (row.status === 'skipped') return `skipped ${day(row.date!)}${row.optional ? '' : ' · a gap: required'}`;
  const window = row.state === 'unscheduled' ? 'not in your agreed plan' : `${day(row.start!)} – ${day(row.end!)}`;
  const state = { overdue: ' · overdue', 'in-progress': ' · in progress', upcoming: '', unscheduled: '' }[
    row.state as 'overdue'
  ];
  return `${window}${state ?? ''}${logged}`;
}

/** Every stage with its number and id (what `done`, `log --stage` and `note` accept), its mark and dates. */
function stageLines(stages: StageRow[], view: View): string[] {
  const { style, width } = view;
  // Ids are what `done` and `log --stage` take, so they are never cut; titles give way instead.
  const idWidth = Math.max(...stages.map((s) => s.id.length));
  const whens = stages.map((row) => when(row, view));
  const whenWidth = Math.max(...whens.map((w) => w.length));
  // Number, mark, id, title and dates on one line when the title keeps 16 columns; else dates below.
  const table = Math.max(width, view.tableWidth ?? width);
  const wide = table - idWidth - whenWidth - 7 >= 16;
  const titles = stages.map((row) => row.title + (row.optional ? ' (optional)' : ''));
  // As wide as the longest title where the line has room (then every title shows whole), 40 at least.
  const longest = Math.max(40, ...titles.map((t) => t.length));
  const titleWidth = wide ? Math.min(longest, table - idWidth - whenWidth - 7) : Math.max(10, width - idWidth - 6);
  return stages.flatMap((row, i) => {
    const head = `${String(row.number).padStart(2)} ${mark(row, view)} ${fit(row.id, idWidth)} ${fit(titles[i]!, titleWidth)}`;
    const lines = wide ? [`${head} ${style.dim(whens[i]!)}`] : [head, wrap(style.dim(whens[i]!), width, 5)];
    for (const note of row.notes)
      lines.push(wrap(style.dim(`note ${formatDay(note.date, view.today)}: ${note.text}`), width, 5, 2));
    for (const link of row.links) lines.push(`     ${style.dim('link')} ${link}`);
    if (row.check)
      lines.push(
        wrap(
          style.dim(
            `project checked ${formatDay(row.check.date, view.today)}: ${row.check.passed} of ${row.check.total} passed`,
          ),
          width,
          5,
          2,
        ),
      );
    return lines.map((line) => line.trimEnd());
  });
}

export function renderStatus(result: StatusResult, view: View): string {
  const { style, width } = view;
  const { progress } = result;
  const lines = [
    wrap(
      `${style.bold(result.roadmap.title)} · ${result.trackTitle} · ${formatHours(result.hoursPerWeek)} a week`,
      width,
      0,
      2,
    ),
    progressBar(progress, view),
    ...standingBlock(result, view),
  ];
  if (progress.originalFinish && progress.plannedFinish && progress.originalFinish !== progress.plannedFinish) {
    const first = `Your first plan was to finish ${formatDay(progress.originalFinish, view.today)}; the agreed plan now finishes ${formatDay(progress.plannedFinish, view.today)}.`;
    lines.push(wrap(style.dim(first), width));
  }
  if (result.session) {
    const session = `${style.cyan('▶')} Studying ${result.session.stage} since ${result.session.start.slice(11, 16)}, ${duration(result.session.minutes)} so far (\`backend-path stop\` logs it).`;
    lines.push(wrap(session, width, 0, 2));
  }
  lines.push(
    '',
    ...stageLines(result.stages, view),
    wrap(style.dim('✔ done · ▶ in progress · ! overdue · – skipped'), width),
  );
  lines.push(...footnotes(result, view));
  return `${lines.join('\n')}\n`;
}

/** What the stage list leaves unsaid: progress and logged time on stages the roadmap no longer has. */
function footnotes(result: StatusResult, { style, width }: View): string[] {
  if (result.orphans.length === 0) return [];
  const kept = result.orphans
    .map((o) => {
      const logged = o.hours > 0 ? `${formatDuration(o.hours)} logged` : '';
      return `${o.id} (${[o.status, logged].filter(Boolean).join(', ')})`;
    })
    .join(', ');
  const lines = ['', wrap(style.yellow(`Kept progress for stages this roadmap no longer has: ${kept}.`), width)];
  if (result.orphans.some((o) => o.hours > 0))
    lines.push(
      wrap(
        style.dim(
          'That time counts toward no stage: `backend-path log list` numbers its entries, and `backend-path log change <n> --stage <stage>` moves one.',
        ),
        width,
      ),
    );
  return lines;
}
