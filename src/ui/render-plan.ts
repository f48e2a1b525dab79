import type { ChalkInstance } from 'chalk';
import { daysBetween, formatDay } from '../plan/dates.js';
import type { Plan, PlanWeek } from '../plan/schedule.js';
import type { Roadmap } from '../roadmap/types.js';
import { fit, formatHours, wrap } from './text.js';

export interface RenderOptions {
  style: ChalkInstance;
  width: number;
}

export function renderPlanHeader(plan: Plan, roadmap: Roadmap, options: RenderOptions): string {
  const { style } = options;
  const track = roadmap.tracks[plan.track]?.title ?? plan.track;
  const lines = [
    wrap(style.bold(`${roadmap.title}`) + style.dim(` (${roadmap.id})`), options.width),
    `${style.dim('Track     ')} ${track}`,
    `${style.dim('Pace      ')} ${formatHours(plan.hoursPerWeek)} a week`,
  ];
  if (plan.finish) {
    lines.push(
      `${style.dim('Dates     ')} ${formatDay(plan.start, true)} → ${style.bold(formatDay(plan.finish, true))}`,
      `${style.dim('Workload  ')} ${formatHours(plan.totalHours)} over ${plan.weeks.length} ${plan.weeks.length === 1 ? 'week' : 'weeks'}`,
    );
  } else {
    lines.push(`${style.dim('Dates     ')} nothing left to schedule: every stage is done or skipped`);
  }
  return lines.join('\n');
}

/** One row per stage still to do, with a bar across the weeks it spans, scaled to the width. */
export function renderTimeline(plan: Plan, { style, width }: RenderOptions): string {
  const stages = plan.stages.filter((s) => s.start && s.end);
  if (stages.length === 0) return '';
  const labelWidth = Math.min(28, Math.max(12, Math.floor(width * 0.35)));
  const barWidth = Math.max(8, width - labelWidth - 3);
  const weeksPerCell = Math.max(1, Math.ceil(plan.weeks.length / barWidth));
  const cells = Math.ceil(plan.weeks.length / weeksPerCell);
  const rows = stages.map((stage, i) => {
    const first = Math.floor(daysBetween(plan.start, stage.start!) / 7 / weeksPerCell);
    const last = Math.floor(daysBetween(plan.start, stage.end!) / 7 / weeksPerCell);
    const bar = ' '.repeat(first) + '█'.repeat(last - first + 1) + ' '.repeat(Math.max(0, cells - last - 1));
    const color = i % 2 === 0 ? style.cyan : style.magenta;
    return ` ${fit(stage.title, labelWidth)} ${color(bar.trimEnd())}`;
  });
  const scale = weeksPerCell === 1 ? 'one column a week' : `one column per ${weeksPerCell} weeks`;
  return [style.bold('Timeline') + style.dim(` (${scale})`), ...rows].join('\n');
}

function weekTitle(first: PlanWeek, last: PlanWeek): string {
  const sameYear = first.start.slice(0, 4) === last.end.slice(0, 4);
  const range = `${formatDay(first.start, !sameYear)} – ${formatDay(last.end, true)}`;
  return first === last ? `Week ${first.week} · ${range}` : `Weeks ${first.week}–${last.week} · ${range}`;
}

/** True when two weeks hold one and the same stage at full pace, so they can share a line. */
function sameSingleStage(a: PlanWeek, b: PlanWeek): boolean {
  return a.items.length === 1 && b.items.length === 1 && a.items[0]!.stage === b.items[0]!.stage && a.hours === b.hours;
}

/**
 * The weeks, each with its stages and hours. Runs of weeks spent on one stage share a heading,
 * so a 40-week plan stays a page, not a scroll; a stage's project appears in its last week.
 */
export function renderWeeks(plan: Plan, roadmap: Roadmap, { style, width }: RenderOptions): string {
  const titles = new Map(roadmap.stages.map((s) => [s.id, s.title]));
  const projects = new Map(roadmap.stages.map((s) => [s.id, s.project]));
  const endWeek = new Map<string, number>();
  for (const week of plan.weeks) for (const item of week.items) endWeek.set(item.stage, week.week);

  const blocks: string[] = [];
  for (let i = 0; i < plan.weeks.length; ) {
    let j = i;
    while (j + 1 < plan.weeks.length && sameSingleStage(plan.weeks[i]!, plan.weeks[j + 1]!) && endWeek.get(plan.weeks[j]!.items[0]!.stage) !== plan.weeks[j]!.week) j++;
    const first = plan.weeks[i]!;
    const last = plan.weeks[j]!;
    const span = j - i + 1;
    const lines = [wrap(style.bold(weekTitle(first, last)), width)];
    for (const item of first.items) {
      const hours = span > 1 ? `${formatHours(item.hours)} a week` : formatHours(item.hours);
      lines.push(`  ${fit(titles.get(item.stage) ?? item.stage, Math.max(10, width - 16 - (span > 1 ? 7 : 0)))} ${style.dim(hours)}`);
    }
    for (const item of last.items) {
      const project = projects.get(item.stage);
      if (project && endWeek.get(item.stage) === last.week) {
        lines.push(wrap(`${style.green('Prove it:')} ${project}`, width, 4));
      }
    }
    blocks.push(lines.join('\n'));
    i = j + 1;
  }
  return blocks.join('\n');
}

export function renderPlan(plan: Plan, roadmap: Roadmap, options: RenderOptions): string {
  const parts = [renderPlanHeader(plan, roadmap, options)];
  if (plan.weeks.length > 0) parts.push(renderTimeline(plan, options), renderWeeks(plan, roadmap, options));
  const done = plan.stages.filter((s) => s.status !== 'todo');
  if (done.length > 0) parts.push(options.style.dim(`Not scheduled (done or skipped): ${done.map((s) => s.title).join(', ')}`));
  return parts.join('\n\n') + '\n';
}


export function renderSaved(result: { saved: boolean; replaced: boolean; file: string }, { style }: RenderOptions): string {
  if (!result.saved) return `\n${style.yellow('Kept your current plan;')} nothing was changed.\n`;
  const verb = result.replaced ? 'Replaced your plan' : 'Saved your plan';
  return `\n${style.green('✔')} ${verb} in ${result.file}\n${style.dim('Next: run `backend-path next` to see what to study first.')}\n`;
}
