import type { PlanDocument } from '../coach/agree.js';
import type { PlanResult } from '../commands/plan.js';
import type { ReplanResult } from '../commands/replan.js';
import { daysBetween, formatDay, formatDayWithYear } from '../plan/dates.js';
import type { PlanWeek } from '../plan/schedule.js';
import { fit, formatHours, labelled, plural, wrap } from './text.js';
import { standingBlock } from './verdict.js';
import type { View } from './view.js';

export function renderPlanHeader(plan: PlanDocument, { style, width }: View): string {
  const label = (text: string) => style.dim(text.padEnd(10));
  const row = (name: string, text: string) =>
    labelled(name.padEnd(10), text, width, { paint: (text) => style.dim(text) });
  const lines = [
    wrap(style.bold(plan.roadmap.title) + style.dim(` (${plan.roadmap.id})`), width),
    `${label('Track')} ${plan.trackTitle}`,
    `${label('Pace')} ${formatHours(plan.hoursPerWeek)} a week`,
  ];
  if (plan.finish) {
    lines.push(
      row(
        'Dates',
        `${formatDayWithYear(plan.start)} → ${style.bold(formatDayWithYear(plan.finish))}${plan.firstStart < plan.start ? style.dim(` (weeks counted from ${formatDayWithYear(plan.firstStart)})`) : ''}`,
      ),
      `${label('Workload')} ${formatHours(plan.totalHours)} over ${plural(plan.weeks.length, 'week')}`,
    );
    if (plan.roadmap.hoursBasis) lines.push(row('Assumes', plan.roadmap.hoursBasis));
  } else {
    lines.push(row('Dates', 'nothing left to schedule: every stage is done or skipped'));
  }
  return lines.join('\n');
}

/** One row per scheduled stage, with a bar across the weeks it spans, scaled to the width. */
export function renderTimeline(plan: PlanDocument, { style, width }: View): string {
  const stages = plan.stages.filter((s) => s.start && s.end);
  if (stages.length === 0) return '';
  const labelWidth = Math.min(28, Math.max(10, Math.floor(width * 0.35)));
  const barWidth = Math.max(8, width - labelWidth - 3);
  const weeksPerCell = Math.max(1, Math.ceil(plan.weeks.length / barWidth));
  const rows = stages.map((stage, i) => {
    const first = Math.floor(daysBetween(plan.start, stage.start!) / 7 / weeksPerCell);
    const last = Math.floor(daysBetween(plan.start, stage.end!) / 7 / weeksPerCell);
    const color = i % 2 === 0 ? style.cyan : style.magenta;
    return ` ${fit(stage.title, labelWidth)} ${' '.repeat(first)}${color('█'.repeat(last - first + 1))}`;
  });
  const scale = weeksPerCell === 1 ? 'one column a week' : `one column per ${weeksPerCell} weeks`;
  return [style.bold('Timeline') + style.dim(` (${scale})`), ...rows].join('\n');
}

function weekTitle(first: PlanWeek, last: PlanWeek): string {
  const sameYear = first.start.slice(0, 4) === last.end.slice(0, 4);
  const range = `${sameYear ? formatDay(first.start, first.start) : formatDayWithYear(first.start)} – ${formatDayWithYear(last.end)}`;
  return first === last ? `Week ${first.week} · ${range}` : `Weeks ${first.week}–${last.week} · ${range}`;
}

/** True when two weeks hold one and the same stage at full pace, so they can share a heading. */
function sameSingleStage(a: PlanWeek, b: PlanWeek): boolean {
  return a.items.length === 1 && b.items.length === 1 && a.items[0]!.stage === b.items[0]!.stage && a.hours === b.hours;
}

/**
 * The weeks, each with its stages and hours. Runs of weeks spent on one stage share a heading,
 * so a 40-week plan stays a page; a stage's project sits right under it in the week it ends.
 */
export function renderWeeks(plan: PlanDocument, { style, width }: View): string {
  const byId = new Map(plan.stages.map((s) => [s.id, s]));
  const endWeek = new Map<string, number>();
  for (const week of plan.weeks) for (const item of week.items) endWeek.set(item.stage, week.week);
  const blocks: string[] = [];
  for (let i = 0; i < plan.weeks.length;) {
    let j = i;
    while (
      j + 1 < plan.weeks.length &&
      sameSingleStage(plan.weeks[i]!, plan.weeks[j + 1]!) &&
      endWeek.get(plan.weeks[j]!.items[0]!.stage) !== plan.weeks[j]!.week
    )
      j++;
    const first = plan.weeks[i]!;
    const last = plan.weeks[j]!;
    const lines = [wrap(style.bold(weekTitle(first, last)), width, 0, 2)];
    const titleWidth = Math.min(60, width - 16);
    for (const item of last.items) {
      const stage = byId.get(item.stage);
      const hours = j > i ? `${formatHours(item.hours)} a week` : formatHours(item.hours);
      lines.push(`  ${fit(stage?.title ?? item.stage, titleWidth)} ${style.dim(hours)}`);
      if (stage?.project && endWeek.get(item.stage) === last.week)
        lines.push(wrap(`${style.green('Prove it:')} ${stage.project}`, width, 4, 2));
    }
    blocks.push(lines.join('\n'));
    i = j + 1;
  }
  return blocks.join('\n');
}

export function renderPlan(plan: PlanDocument, view: View): string {
  const parts = [renderPlanHeader(plan, view)];
  if (plan.weeks.length > 0) parts.push(renderTimeline(plan, view), renderWeeks(plan, view));
  const done = plan.stages.filter((s) => s.status !== 'todo');
  if (done.length > 0)
    parts.push(
      wrap(view.style.dim(`Not scheduled (done or skipped): ${done.map((s) => s.title).join('; ')}`), view.width),
    );
  return parts.join('\n\n');
}

export function renderPlanResult(result: PlanResult, view: View): string {
  const { style } = view;
  const saved = !result.saved
    ? style.dim('This is your saved plan. `backend-path replan` changes its pace or start and keeps your progress.')
    : `${style.green('✔')} ${result.replaced ? 'Replaced your plan' : 'Saved your plan'} in ${result.file}\n${style.dim('Next: run `backend-path next` to see what to study first.')}`;
  // A start far enough back puts the whole plan before today: say so, and the way on.
  const past =
    result.saved && result.finish !== null && result.finish < view.today
      ? `\n${wrap(style.yellow(`Every date of this plan is past: it was to finish ${formatDay(result.finish, view.today)}. Mark what you have done with \`backend-path done <stage>\`, then \`backend-path replan\` lays out what is left from today.`), view.width)}`
      : '';
  return `${renderPlan(result, view)}\n\n${wrap(saved, view.width)}${past}\n`;
}

export function renderReplan(result: ReplanResult, view: View): string {
  const { style } = view;
  const day = (d: string | null) => (d ? formatDay(d, view.today) : 'none');
  if (!result.replanned) return `${style.yellow('Kept your current plan;')} nothing was changed.\n`;
  const moved =
    result.slipDays === null || result.slipDays === 0
      ? 'the finish did not move'
      : `the finish moved ${plural(Math.abs(result.slipDays), 'day')} ${result.slipDays > 0 ? 'later' : 'earlier'}`;
  const lines = [
    `${style.green('✔')} Laid the ${plural(result.stages.length, 'remaining stage')} out again from ${formatDay(result.start, view.today)}: ${moved}.`,
    `Finish: ${day(result.oldFinish)} → ${style.bold(day(result.newFinish))}`,
    `Weekly target: ${formatHours(result.hoursPerWeek)}${result.hoursPerWeek !== result.oldHoursPerWeek ? ` (was ${formatHours(result.oldHoursPerWeek)})` : ''}`,
    result.speed === 1
      ? 'Estimates: the roadmap’s'
      : `Estimates: at your own speed, ${formatHours(result.speed)} of study per estimated hour`,
  ];
  if (result.originalFinish && result.originalFinish !== result.newFinish)
    lines.push(style.dim(`Your first plan was to finish ${day(result.originalFinish)}; that stays on record.`));
  return `${lines.map((line) => wrap(line, view.width, 0, 2)).join('\n')}\n${standingBlock(result.standing, view).join('\n')}\n`;
}
