import type { ExportData } from '../commands/export.js';
import { formatDay } from '../plan/dates.js';

/** Markdown table cells cannot hold a pipe or a line break. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** The plan as Markdown for a portfolio README: header, a table of stages, then the weeks. */
export function renderMarkdown({ plan, roadmap, data }: ExportData): string {
  const track = roadmap.tracks[plan.track]?.title ?? plan.track;
  const titles = new Map(roadmap.stages.map((s) => [s.id, s.title]));
  const lines = [
    `# My backend learning plan`,
    '',
    `- **Roadmap:** ${cell(roadmap.title)}`,
    `- **Track:** ${cell(track)}`,
    `- **Pace:** ${plan.hoursPerWeek} hours a week`,
    `- **Dates:** ${formatDay(plan.start, true)} to ${plan.finish ? formatDay(plan.finish, true) : 'done'}`,
    '',
    '## Stages',
    '',
    '| # | Stage | Hours | Dates | Status |',
    '| --- | --- | ---: | --- | --- |',
    ...plan.stages.map((stage, i) => {
      const dates = stage.start && stage.end ? `${formatDay(stage.start, true)} – ${formatDay(stage.end, true)}` : '';
      const when = data.progress[stage.id]?.date;
      const status = stage.status === 'todo' ? 'to do' : `${stage.status}${when ? ` ${when}` : ''}`;
      return `| ${i + 1} | ${cell(stage.title)} | ${stage.hours} | ${dates} | ${status} |`;
    }),
  ];
  if (plan.weeks.length > 0) {
    lines.push('', '## Weeks', '');
    for (const week of plan.weeks) {
      const items = week.items.map((item) => `${cell(titles.get(item.stage) ?? item.stage)} (${item.hours} h)`).join(', ');
      lines.push(`- **Week ${week.week}** (${formatDay(week.start, true)} – ${formatDay(week.end, true)}): ${items}`);
    }
  }
  return lines.join('\n') + '\n';
}
