import type { RoadmapSummary, ShowResult, ValidateResult } from '../commands/roadmaps.js';
import { fit, formatHours, plural, wrap } from './text.js';
import type { View } from './view.js';

const hoursText = (hours: Record<string, number>) =>
  Object.entries(hours)
    .map(([track, h]) => `${track} ${formatHours(h)}`)
    .join(', ');

export function renderRoadmapList(list: RoadmapSummary[], { style, width }: View): string {
  const items = list.map(
    (r) =>
      `${wrap(`${style.bold(r.id)}  ${r.title}`, width, 0, 2)}\n${wrap(`${r.stages} stages · ${hoursText(r.hours)}`, width, 2)}`,
  );
  return `${items.join('\n')}\n\n${wrap(style.dim('See one with `backend-path roadmaps show <id>`; plan with `backend-path plan --roadmap <id>`.'), width)}\n`;
}

export function renderRoadmapShow(result: ShowResult, { style, width }: View): string {
  const { roadmap } = result;
  const total = result.stages.reduce((sum, s) => sum + s.hours, 0);
  const lines = [
    wrap(
      `${style.bold(roadmap.title)} ${style.dim(`(${roadmap.id})`)} · ${result.trackTitle} · ${formatHours(total)}`,
      width,
      0,
      2,
    ),
  ];
  if (roadmap.summary) lines.push(wrap(roadmap.summary, width));
  if (roadmap.hoursBasis) lines.push('', style.bold('What the hours assume'), wrap(roadmap.hoursBasis, width));
  lines.push('');
  // Room for the widest hours, to two decimals: "999.75 h".
  const titleWidth = Math.max(10, Math.min(50, width - 14));
  for (const stage of result.stages) {
    const flags = [
      stage.optional ? 'optional' : '',
      stage.checkable ? `\`backend-path check ${stage.id}\` tests it` : '',
    ].filter(Boolean);
    lines.push(
      `${String(stage.number).padStart(2)}  ${fit(stage.title, titleWidth)} ${formatHours(stage.hours).padStart(8)}`,
    );
    lines.push(wrap(style.dim([stage.id, ...flags, ...stage.tools].join(' · ')), width, 4, 2));
    for (const line of stage.checks) lines.push(wrap(style.dim(`check: ${line}`), width, 4, 2));
    if (stage.noCheck) lines.push(wrap(style.dim(`no machine check: ${stage.noCheck}`), width, 4, 2));
  }
  if (result.skipForNow.length > 0) {
    lines.push('', style.bold('What this path leaves out, and why'));
    for (const topic of result.skipForNow)
      lines.push(wrap(`• ${style.bold(topic.topic)}: ${topic.reason}`, width, 2, 2));
  }
  if (roadmap.sources.length > 0)
    lines.push(
      '',
      wrap(style.dim(`Sources: ${roadmap.sources.map((s) => `${s.publisher}, "${s.title}"`).join('; ')}`), width),
    );
  return `${lines.join('\n')}\n`;
}

export function renderValidation(result: ValidateResult, { style, width }: View): string {
  if (result.valid)
    return `${style.green('✔')} ${result.file} is a valid roadmap: ${plural(result.summary.stages, 'stage')}, ${hoursText(result.summary.hours)}.\n`;
  const count = result.problems.length;
  const later = result.later ? `\n${wrap(style.dim(result.later), width)}` : '';
  return `${result.problems.join('\n')}\n${style.red(`✖ ${count} ${count === 1 ? 'problem' : 'problems'} in ${result.file}`)}${later}\n`;
}
