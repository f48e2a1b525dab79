import type { Advice } from '../coach/advice.js';
import type { Effort } from '../coach/effort.js';
import type { Progress } from '../coach/progress.js';
import type { Standing } from '../coach/standing.js';
import { addDays, formatDay, type IsoDate } from '../plan/dates.js';
import { formatHours, plural, wrap } from './text.js';
import type { View } from './view.js';

const day = (date: IsoDate | null, view: View) => (date ? formatDay(date, view.today) : 'no date');
const ids = (stages: { id: string }[]) => stages.map((stage) => stage.id).join(', ');

/** The verdict in a few words, as the exports and the card print it: "3 days behind". */
export function verdictLabel(p: { verdict: Progress['verdict']; daysAhead: number; gaps: readonly unknown[] }): string {
  if (p.verdict === 'finished') return 'finished';
  if (p.verdict === 'incomplete') return `every stage kept is done; ${plural(p.gaps.length, 'required stage')} skipped`;
  if (p.verdict === 'on-track') return 'on track';
  return `${plural(Math.abs(p.daysAhead), 'day')} ${p.verdict}`;
}

/** Progress in one sentence: the verdict and its number, the same `daysAhead` the JSON gives. */
export function verdictLine(p: Progress, view: View): string {
  const { style } = view;
  const days = Math.abs(p.daysAhead);
  if (p.verdict === 'finished' || p.verdict === 'incomplete') {
    const when =
      p.daysAhead === 0
        ? 'on the day you planned'
        : `${plural(days, 'day')} ${p.daysAhead > 0 ? 'before' : 'after'} your planned finish`;
    const head = p.verdict === 'finished' ? style.green('Finished') : style.yellow('Every stage you kept is done');
    return p.projectedFinish ? `${head} on ${day(p.projectedFinish, view)}, ${when}.` : `${head}.`;
  }
  const starts =
    p.startsInDays === null
      ? ''
      : `Your plan starts ${day(addDays(view.today, p.startsInDays), view)} (in ${plural(p.startsInDays, 'day')}). `;
  // A plan laid out at the learner's own speed says so, since the estimates alone would give another date.
  const own = p.speed === 1 ? '' : ` and your own speed (${formatHours(p.speed)} of study per estimated hour)`;
  const pace = `at ${formatHours(p.hoursPerWeek)} a week${own} you finish ${style.bold(day(p.projectedFinish, view))}`;
  if (p.verdict === 'on-track') {
    const planned = p.projectedFinish === p.plannedFinish ? 'as planned' : `planned ${day(p.plannedFinish, view)}`;
    return `${starts}${style.green('On track')}: ${pace}, ${planned}.`;
  }
  const head = (p.verdict === 'ahead' ? style.green : style.yellow)(verdictLabel(p));
  return `${starts}${head}: ${pace}, ${plural(days, 'day')} ${p.verdict === 'ahead' ? 'before' : 'after'} your planned ${day(p.plannedFinish, view)}.`;
}

/** The second, labelled projection: the rest at the learner's own speed on finished stages. */
function personalLine(p: Progress, view: View): string | null {
  if (!p.personal) return null;
  const basis = `${formatHours(p.personal.speed)} of study per estimated hour on ${plural(p.personal.stages, 'finished stage')}`;
  const finish = p.personal.finish
    ? `you would finish ${day(p.personal.finish, view)}`
    : 'there is no finish date in sight';
  return view.style.dim(`At your own speed so far (${basis}), ${finish}.`);
}

/** Effort in one line: this week against its target, the streak, and a typical recent week. */
function effortLine(e: Effort, view: View): string {
  if (!e.week)
    return `${view.style.dim('Effort:')} no target until your plan starts${e.loggedHours > 0 ? `; ${formatHours(e.loggedHours)} logged so far` : ''}.`;
  const parts = [
    e.week.target > 0
      ? `this week ${formatHours(e.week.hours)} of ${formatHours(e.week.target)}`
      : `this week ${formatHours(e.week.hours)} (no target this week)`,
  ];
  if (e.week.target > 0 && e.week.hours >= e.week.target) parts[0] += ' (target met)';
  // A week whose target changed (a replan, or a pause that ended) asks its days at their own targets.
  else if (e.week.target > 0 && e.week.target !== e.target) parts[0] += ' (each day at the target then in force)';
  if (e.streak > 0) parts.push(`${plural(e.streak, 'week')} in a row on target`);
  if (e.typicalWeek !== null) parts.push(`a typical recent week: ${formatHours(e.typicalWeek)}`);
  return `${view.style.dim('Effort:')} ${parts.join(' · ')}.`;
}

/** Ground the path leaves uncovered, and stages taking longer than their estimates. */
function notices(p: Progress, view: View): string[] {
  const lines: string[] = [];
  for (const stage of p.overruns) {
    lines.push(
      `${view.style.yellow(stage.id)} is taking longer than its estimate: ${formatHours(stage.logged)} of ${formatHours(stage.hours)}. The extra hours count as effort; as ground, it counts in full once it is done.`,
    );
  }
  if (p.gaps.length > 0) {
    lines.push(
      `${view.style.yellow('Gap:')} ${ids(p.gaps)} ${p.gaps.length === 1 ? 'is a required stage' : 'are required stages'} you skipped; your progress stays below 100% until ${p.gaps.length === 1 ? 'it is' : 'they are'} done (\`backend-path undo ${p.gaps[0]!.id}\` puts ${p.gaps.length === 1 ? 'it' : 'one'} back).`,
    );
  }
  return lines;
}

/** What helps, for the cause at hand; every command in it pastes as it is. */
export function adviceLines(a: Advice | null, p: Progress, e: Effort, view: View): string[] {
  if (!a) return [];
  const run = (command: string | undefined, why: string) => (command ? ` \`${command}\` ${why}.` : '');
  const [first, second] = a.commands;
  switch (a.cause) {
    case 'unscheduled': {
      const names = p.unscheduled.map((s) => s.title).join(', ');
      const one = p.unscheduled.length === 1;
      return [
        `${names} ${one ? 'is' : 'are'} not in your agreed plan, so ${one ? 'its' : 'their'} hours count as late from the start.${run(first, `gives ${one ? 'it' : 'them'} dates and lays what is left out again from today`)}`,
      ];
    }
    case 'break':
      return [
        `Nothing logged since ${day(e.lastLogged, view)}: a break, not a new pace.${run(first, 'lays what is left out again from today when you are back')}`,
      ];
    case 'unlogged':
      return [
        `You are behind, and with no hours logged the coach cannot tell whether the hours or the estimates are short. Time your study:${run(first, 'and `backend-path stop` log it')}${run(second, 'lays what is left out again from today')}`,
      ];
    case 'estimate': {
      const done = a.commands.find((c) => c.startsWith('backend-path done '));
      const replan = a.commands.find((c) => c.startsWith('backend-path replan'));
      const own = replan?.includes('--own-speed')
        ? 'lays the rest out at your own speed'
        : 'lays what is left out again from today';
      return [
        `You are putting in the hours; the ground is taking longer than its estimates. Keep going; no need to slow down or study more.${run(done, 'marks the stage done if you have learned it')}${run(replan, own)}`,
      ];
    }
    case 'effort': {
      const passed = p.plannedFinish !== null && p.plannedFinish < view.today;
      const keep = passed
        ? `Your planned finish of ${day(p.plannedFinish, view)} has passed.`
        : a.keepFinishHours === null
          ? `Your planned finish of ${day(p.plannedFinish, view)} is out of reach at any weekly pace.`
          : `${formatHours(a.keepFinishHours)} a week from today would keep your planned finish of ${day(p.plannedFinish, view)}.`;
      const typical = e.typicalWeek;
      const real =
        typical === null
          ? ''
          : a.effortFinish === null
            ? ` A typical recent week holds ${formatHours(typical)}, too little to plan on.`
            : ` At the ${formatHours(typical)} a typical recent week holds, you would finish ${day(a.effortFinish, view)}.`;
      const why = (command: string) =>
        a.keepFinishHours !== null && command.endsWith(`--hours ${a.keepFinishHours}`)
          ? 'to keep that finish'
          : command.includes('--hours')
            ? 'to plan at your typical week'
            : 'to lay what is left out again from today';
      const options = a.commands.map((c) => `\`${c}\` ${why(c)}`);
      const run = options.length === 0 ? '' : ` Run ${options.join(', or ')}.`;
      const studied = `Since ${day(a.studied.since, view)} you have studied ${formatHours(a.studied.hours)} of the ${formatHours(a.studied.targetHours)} your weekly target asks by the end of today.`;
      return [`${studied} ${keep}${real}${run}`];
    }
  }
}

/** Progress, the own-speed projection, effort, notices and advice: the block every progress screen shows. */
export function standingBlock(s: Standing, view: View): string[] {
  return [
    `${view.style.dim('Progress:')} ${verdictLine(s.progress, view)}`,
    personalLine(s.progress, view),
    effortLine(s.effort, view),
    ...notices(s.progress, view),
    ...adviceLines(s.advice, s.progress, s.effort, view),
  ]
    .filter((line): line is string => line !== null)
    .map((line) => wrap(line, view.width, 0, 2));
}

/** Ground covered: a bar, the share of the path, hours covered and stages done. */
export function progressBar(p: Progress, { style, width }: View): string {
  const cells = Math.max(10, Math.min(30, width - 50));
  const filled = Math.round((p.percent / 100) * cells);
  const bar = style.green('█'.repeat(filled)) + style.dim('░'.repeat(cells - filled));
  const skipped = p.skipped > 0 ? `, ${p.skipped} skipped` : '';
  return wrap(
    `${bar} ${p.percent}% · ${formatHours(p.creditedHours)} of ${formatHours(p.totalHours)} covered · ${p.done} of ${p.total} stages done${skipped}`,
    width,
    0,
    2,
  );
}
