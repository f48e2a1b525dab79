import type { RoadmapSummary, ShowResult, ValidateResult } from '../commands/roadmaps.js';
import type { RenderOptions } from './render-plan.js';
import { fit, formatHours, wrap } from './text.js';

const hoursText = (hours: Record<string, number>) => Object.entries(hours).map(([track, h]) => `${track} ${formatHours(h)}`).join(', ');

export function renderRoadmapList(list: RoadmapSummary[], { style }: RenderOptions): string {
  return (
    list.map((r) => `${style.bold(r.id)}  ${r.title}\n  ${r.stages} stages · ${hoursText(r.hours)}`).join('\n') +
    `\n\n${style.dim('See one with `backend-path roadmaps show <id>`; plan with `backend-path plan --roadmap <id>`.')}\n`
  );
}

export function renderRoadmapShow(result: ShowResult, { style, width }: RenderOptions): string {
  const { roadmap, track } = result;
  const total = result.stages.reduce((sum, s) => sum + s.hours, 0);
  const lines = [
    `${style.bold(roadmap.title)} ${style.dim(`(${roadmap.id})`)} · ${roadmap.tracks[track]?.title ?? track} · ${formatHours(total)}`,
  ];
  if (roadmap.summary) lines.push(wrap(roadmap.summary, width));
  lines.push('');
  const titleWidth = Math.max(12, Math.min(36, width - 30));
  for (const stage of result.stages) {
    lines.push(`${String(stage.number).padStart(2)}  ${fit(stage.title + (stage.optional ? ' (optional)' : ''), titleWidth)} ${formatHours(stage.hours).padStart(6)}  ${style.dim(stage.id)}`);
    if (stage.tools.length > 0) lines.push(wrap(style.dim(stage.tools.join(' · ')), width, 6));
  }
  if (roadmap.sources?.length) lines.push('', style.dim(`Sources: ${roadmap.sources.map((s) => `${s.publisher}, "${s.title}"`).join('; ')}`));
  return lines.join('\n') + '\n';
}

export function renderValidation(result: ValidateResult, { style }: RenderOptions): string {
  if (result.valid) {
    return `${style.green('✔')} ${result.file} is a valid roadmap: ${result.summary.stages} stages, ${hoursText(result.summary.hours)}.\n`;
  }
  const count = result.problems.length;
  return `${result.problems.join('\n')}\n${style.red(`✖ ${count} ${count === 1 ? 'problem' : 'problems'} in ${result.file}`)}\n`;
}
