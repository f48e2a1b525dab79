import type { StatusResult } from '../commands/status.js';
import type { StageRow } from '../coach/stage.js';
import { formatDay, formatDayWithYear } from '../plan/dates.js';
import { duration, fit, formatHours, plural, wrap } from './text.js';
import { progressBar, verdictBlock } from './verdict.js';
import type { View } from './view.js';

function mark(row: StageRow, { style }: View): string {
  if (row.status === 'done') return style.green('✔');
  if (row.status === 'skipped') return style.dim('–');
  if (row.overdue) return style.yellow('!');
  return row.current ? style.cyan('▶') : style.dim('·');
}

function when(row: StageRow, view: View): string {
  const day = (d: string) => formatDay(d, view.today);
  if (row.status === 'done') return `done ${day(row.date!)}`;
  if (row.status === 'skipped') return `skipped ${day(row.date!)}`;
  const window = row.start && row.end ? `${day(row.start)} – ${day(row.end)}` : 'not in your agreed plan';
  const logged = row.creditedHours > 0 ? ` · ${formatHours(row.creditedHours)} logged` : '';
  return `${window}${row.overdue ? ' · overdue' : row.current ? ' · in progress' : ''}${logged}`;
}

/** Every stage with its number and id (what `done`, `log --stage` and `note` accept), its mark and dates. */
function stageLines(stages: StageRow[], view: View): string[] {
  const { style, width } = view;
  // Ids are what `done` and `log --stage` take, so they are never cut; titles give way instead.
  const idWidth = Math.max(...stages.map((s) => s.id.length));
  const whens = stages.map((row) => when(row, view));
  const whenWidth = Math.max(...whens.map((w) => w.length));
  // Number, mark, id, title and dates on one line when the title keeps 16 columns; else dates below.
  const wide = width - idWidth - whenWidth - 7 >= 16;
  const titleWidth = wide ? Math.min(40, width - idWidth - whenWidth - 7) : Math.max(10, width - idWidth - 6);
  return stages.flatMap((row, i) => {
    const head = `${String(row.number).padStart(2)} ${mark(row, view)} ${fit(row.id, idWidth)} ${fit(row.title + (row.optional ? ' (optional)' : ''), titleWidth)}`;
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
  const { style, width, today } = view;
  const lines = [
    wrap(
      `${style.bold(result.roadmap.title)} · ${result.trackTitle} · ${formatHours(result.hoursPerWeek)} a week`,
      width,
      0,
      2,
    ),
    progressBar(result, view),
    ...verdictBlock(result, view),
  ];
  if (result.originalFinish && result.baselineFinish && result.originalFinish !== result.baselineFinish) {
    lines.push(
      wrap(
        style.dim(
          `Your first plan was to finish ${formatDayWithYear(result.originalFinish)}; replans moved the finish to ${formatDayWithYear(result.baselineFinish)}.`,
        ),
        width,
      ),
    );
  }
  const { week, streak } = result;
  lines.push(
    wrap(
      `This week (${formatDay(week.start, today)} – ${formatDay(week.end, today)}): ${formatHours(week.hours)} of ${formatHours(week.target)} logged${streak > 0 ? ` · streak: ${plural(streak, 'week')} on target` : ''}`,
      width,
      0,
      2,
    ),
  );
  if (result.session)
    lines.push(
      wrap(
        `${style.cyan('▶')} Studying ${result.session.stage} since ${result.session.start.slice(11, 16)}, ${duration(result.session.minutes)} so far (\`backend-path stop\` logs it).`,
        width,
        0,
        2,
      ),
    );
  lines.push(
    '',
    ...stageLines(result.stages, view),
    wrap(style.dim('✔ done · ▶ in progress · ! overdue · – skipped'), width),
  );
  lines.push(...footnotes(result, view));
  return `${lines.join('\n')}\n`;
}

/** What the stage list leaves unsaid: the slack a skip left, and progress on stages the roadmap lost. */
function footnotes(result: StatusResult, { style, width, today }: View): string[] {
  const notes: string[] = [];
  // A skipped stage's window stays in the agreed plan, empty: slack before the next stage's dates.
  const slack = result.stages.filter((row) => row.status === 'skipped' && row.end !== null && row.end >= today);
  if (slack.length > 0 && result.stages.some((row) => row.status === 'todo')) {
    const ids = slack.map((row) => row.id).join(', ');
    notes.push(
      '',
      wrap(
        `Skipping ${ids} left ${slack.length === 1 ? 'its window' : 'their windows'} in your plan empty; the stages after keep their dates until \`backend-path replan\` moves them up.`,
        width,
      ),
    );
  }
  if (result.orphans.length > 0) {
    notes.push(
      '',
      wrap(
        style.yellow(
          `Kept progress for stages this roadmap no longer has: ${result.orphans.map((o) => `${o.id} (${o.status})`).join(', ')}.`,
        ),
        width,
      ),
    );
  }
  return notes;
}
