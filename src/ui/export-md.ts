import type { StageDetail, StageRow } from '../coach/stage.js';
import type { ExportData } from '../commands/export.js';
import { formatDayWithYear } from '../plan/dates.js';
import { formatHours, plural } from './text.js';
import { verdictLabel } from './verdict.js';

/**
 * Text as Markdown that renders as the same text: every character that could start markup (a
 * link, HTML, emphasis, a table cell) is escaped, backslashes first so an escape cannot be undone;
 * text between paired backticks renders as code, as the texts mean it.
 */
function md(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  const parts = flat.split('`');
  // Backticks pair up from the left into code spans, as the roadmaps write commands and routes;
  // one left over is text. A span holding a pipe stays text, since a table would split the cell at it.
  return parts
    .map((part, i) => {
      if (i % 2 === 0) return textWithAddresses(part, i === 0);
      if (i === parts.length - 1) return `\\\`${escapeText(part, false)}`;
      return part.trim() !== '' && !part.includes('|') ? `\`${part}\`` : `\\\`${escapeText(part, false)}\\\``;
    })
    .join('');
}

// A web address in the text (`http://localhost:3000`), which a GFM renderer would make a link
// and markdownlint calls a bare URL (MD034): without the punctuation that ends a sentence after it.
const ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>|]*[^\s<>|.,;:!?'")\]]/g;

/** Text with each web address in it shown as code, as written, not as a link. */
function textWithAddresses(text: string, atLineStart: boolean): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(ADDRESS)) {
    if (match.index < from) continue;
    // A closing parenthesis that pairs one in the address is part of it (…/REST_(computing)).
    let address = match[0];
    const end = match.index + address.length;
    if (text[end] === ')' && address.split('(').length > address.split(')').length) address += ')';
    out += `${escapeText(text.slice(from, match.index), atLineStart && from === 0)}\`${address}\``;
    from = match.index + address.length;
  }
  return out + escapeText(text.slice(from), atLineStart && from === 0);
}

function escapeText(text: string, atLineStart: boolean): string {
  const escaped = text.replace(/[\\`*_{}[\]()<>|~!#&]/g, '\\$&');
  return atLineStart ? escaped.replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([-+=])/, '\\$1') : escaped;
}

const link = (title: string, url: string) =>
  `[${md(title)}](<${new URL(url).href.replace(/[<>]/g, encodeURIComponent)}>)`;
const day = formatDayWithYear;

function statusText(row: StageRow): string {
  if (row.status === 'done') return `done ${day(row.date!)}`;
  if (row.status === 'skipped') return `skipped ${day(row.date!)}${row.optional ? '' : ' (a gap: required)'}`;
  return row.state === 'overdue' ? 'to do (overdue)' : row.state === 'in-progress' ? 'in progress' : 'to do';
}

function header({ document: doc, details, standing }: ExportData): string[] {
  const { progress, effort } = standing;
  const counted = doc.firstStart < doc.start ? ` (weeks counted from ${day(doc.firstStart)})` : '';
  // A finished path's page says when it began (its first start, or the first stage marked before
  // it) and ended, with the plan's finish beside it.
  const finished = progress.verdict === 'finished' && progress.projectedFinish;
  const planned = progress.plannedFinish && progress.plannedFinish !== finished ? progress.plannedFinish : null;
  const began = [doc.firstStart, ...details.filter((row) => row.status !== 'todo' && row.date).map((row) => row.date!)]
    .sort()
    .at(0)!;
  const dates = finished
    ? `${day(began)} to ${day(finished)}, when the last stage was done${planned ? ` (the plan's finish: ${day(planned)})` : ''}`
    : doc.finish
      ? `${day(doc.start)} to ${day(doc.finish)}${counted}`
      : 'every stage is done or skipped';
  const verdict = verdictLabel(progress);
  const week = effort.week
    ? effort.week.target > 0
      ? `${formatHours(effort.week.hours)} of ${formatHours(effort.week.target)} this week`
      : `${formatHours(effort.week.hours)} this week (no target this week)`
    : 'the plan has not started';
  return [
    '# My backend learning plan',
    '',
    `- **Roadmap:** ${md(doc.roadmap.title)}`,
    `- **Track:** ${md(doc.trackTitle)}`,
    `- **Pace:** ${doc.hoursPerWeek} hours a week${doc.speed === 1 ? '' : ` at your own speed (${doc.speed} h of study per estimated hour)`}`,
    `- **Dates:** ${dates}`,
    `- **Progress:** ${progress.percent}% of the ground (${formatHours(progress.creditedHours)} of ${formatHours(progress.totalHours)}), ${progress.done} of ${progress.total} stages done, ${md(verdict)}`,
    `- **Effort:** ${formatHours(effort.loggedHours)} logged in all, ${week}${effort.streak > 0 ? `, ${plural(effort.streak, 'week')} in a row on target` : ''}`,
    ...(progress.gaps.length > 0
      ? [`- **Gaps:** ${progress.gaps.map((g) => md(g.title)).join(', ')} (required, skipped)`]
      : []),
  ];
}

/**
 * The stages with their estimates, as the JSON export gives them (`stages[].hours`): a replan at
 * the learner's own speed changes the study hours of what is left, never a stage's estimate, so a
 * stage done before it keeps the figure it had.
 */
function stageTable(rows: StageRow[], doc: ExportData['document']): string[] {
  const estimates = new Map(doc.stages.map((stage) => [stage.id, stage.hours]));
  return [
    '## Stages',
    '',
    '| # | Stage | Estimated hours | Dates | Status |',
    '| --- | --- | ---: | --- | --- |',
    ...rows.map((row) => {
      const dates =
        row.state === 'unscheduled'
          ? 'not in your agreed plan'
          : row.start && row.end
            ? `${day(row.start)} – ${day(row.end)}`
            : '';
      return `| ${row.number} | ${md(row.title)} | ${estimates.get(row.id)} | ${dates} | ${statusText(row)} |`;
    }),
  ];
}

const KIND_WORDS = {
  database: 'its database',
  repository: 'its repository',
  openapi: 'its API document',
  container: 'its Dockerfile',
};

/** What a passing check looked at, in words: "its API", "its API and its database", "its repository". */
function checkedParts(url: string, kinds: readonly (keyof typeof KIND_WORDS)[] = []): string {
  const parts = [...(url ? ['its API'] : []), ...kinds.map((kind) => KIND_WORDS[kind])];
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? 'its project');
}

function proof(detail: StageDetail): string[] {
  const lines = detail.links.map((url) => `- Proof: ${link(url, url)}`);
  // The public page shows the latest check that passed; a later failing run belongs in `status`.
  const passed = detail.check?.lastPass;
  if (passed)
    lines.push(
      `- Checked ${day(passed.date)}: all ${passed.total} checks of ${checkedParts(passed.url, detail.check?.kinds)} passed`,
    );
  return lines;
}

/** Each finished stage's project with its proof: the part of the page a recruiter reads. */
function projects(data: ExportData): string[] {
  const finished = data.details.filter((d) => d.status === 'done' && d.project);
  if (finished.length === 0) return [];
  const lines = ['## Projects'];
  for (const detail of finished) {
    lines.push('', `### ${detail.number}. ${md(detail.title)}`, '', md(detail.project!));
    const evidence = proof(detail);
    if (evidence.length > 0) lines.push('', ...evidence);
  }
  return lines;
}

function stageSection(detail: StageDetail): string[] {
  const lines = ['', `### Stage ${detail.number}: ${md(detail.title)}`, '', `Status: ${statusText(detail)}.`];
  const list = (label: string, items: string[]) =>
    items.length > 0 ? ['', `${label}:`, '', ...items.map((item) => `- ${item}`)] : [];
  if (detail.summary) lines.push('', md(detail.summary));
  lines.push(...list('Topics', detail.topics.map(md)), ...list('Tools', detail.tools.map(md)));
  lines.push(
    ...list(
      'Resources',
      detail.resources.map((r) => `${link(r.title, r.url)}${r.type ? ` (${r.type})` : ''}${r.free ? '' : ' (paid)'}`),
    ),
  );
  if (detail.project) lines.push('', `Project: ${md(detail.project)}`);
  const evidence = proof(detail);
  if (evidence.length > 0) lines.push('', ...evidence);
  lines.push(
    ...list(
      'My notes',
      detail.notes.map((n) => `${day(n.date)}: ${md(n.text)}`),
    ),
  );
  return lines;
}

function weeks({ document: doc }: ExportData): string[] {
  if (doc.weeks.length === 0) return [];
  const titles = new Map(doc.stages.map((s) => [s.id, s.title]));
  return [
    '## Weeks',
    '',
    ...doc.weeks.map((week) => {
      const items = week.items
        .map((item) => `${md(titles.get(item.stage) ?? item.stage)} (${item.hours} h)`)
        .join(', ');
      return `- **Week ${week.week}** (${day(week.start)} – ${day(week.end)}): ${items}`;
    }),
  ];
}

/**
 * The plan as a portfolio-ready Markdown page: header with dates and progress, the stage table,
 * the finished projects with their proof, every stage in detail with the learner's notes, then
 * the weeks. Valid for markdownlint (line length aside) and the same in any GFM renderer.
 */
export function renderMarkdown(data: ExportData): string {
  const parts = [
    header(data),
    stageTable(data.details, data.document),
    projects(data),
    ['## Stage by stage', ...data.details.flatMap((d) => stageSection(d))],
    weeks(data),
  ];
  return `${parts
    .filter((part) => part.length > 0)
    .map((part) => part.join('\n'))
    .join('\n\n')}\n`;
}
