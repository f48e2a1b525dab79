import { RECENT_DAYS, type Standing } from '../coach/standing.js';
import { formatDay, type IsoDate } from '../plan/dates.js';
import { formatHours, plural, wrap } from './text.js';
import type { View } from './view.js';

const day = (date: IsoDate | null, view: View) => (date ? formatDay(date, view.today) : 'no date');

/** The verdict in a few words, as the exports and the card print it: "3 days behind". */
export function verdictLabel(s: Pick<Standing, 'verdict' | 'daysAhead'>): string {
  if (s.verdict === 'on-track' || s.verdict === 'finished') return s.verdict === 'finished' ? 'finished' : 'on track';
  return `${plural(Math.abs(s.daysAhead), 'day')} ${s.verdict}`;
}

/** The verdict in one sentence: the same number `status --json` gives as daysAhead. */
export function verdictLine(s: Standing, view: View): string {
  const { style } = view;
  const days = Math.abs(s.daysAhead);
  if (s.verdict === 'finished') {
    const when =
      s.daysAhead === 0
        ? 'on the day you planned'
        : `${plural(days, 'day')} ${s.daysAhead > 0 ? 'before' : 'after'} your planned finish`;
    return style.green(`Finished on ${day(s.projectedFinish, view)}, ${when}.`);
  }
  const pace = `at ${formatHours(s.pace.hoursPerWeek)} a week you finish ${style.bold(day(s.projectedFinish, view))}`;
  if (s.verdict === 'on-track') {
    const planned = s.projectedFinish === s.plannedFinish ? 'as planned' : `planned ${day(s.plannedFinish, view)}`;
    return `${style.green('On track')}: ${pace}, ${planned}.`;
  }
  const head = (s.verdict === 'ahead' ? style.green : style.yellow)(verdictLabel(s));
  return `${head}: ${pace}, ${plural(days, 'day')} ${s.verdict === 'ahead' ? 'before' : 'after'} your planned ${day(s.plannedFinish, view)}.`;
}

/** The second, labelled figure for learners who log: the finish at the pace they really keep. */
export function recentLine(s: Standing, view: View): string | null {
  if (!s.recent) return null;
  const over = s.recent.days === RECENT_DAYS ? 'last 4 weeks' : `last ${s.recent.days} days, since your plan began`;
  const pace = `At your recent pace of ${formatHours(s.recent.hoursPerWeek)} a week (${over})`;
  if (s.recent.hoursPerWeek === 0)
    return view.style.dim(`${pace} nothing new was credited, so there is no finish date in sight.`);
  if (!s.recent.finish)
    return view.style.dim(`${pace} there is no finish date worth giving; a few hours a week would change that.`);
  return view.style.dim(`${pace} you finish ${day(s.recent.finish, view)}.`);
}

/** The one command that helps when the learner is more than a week behind. */
export function adviceLine(s: Standing, view: View): string | null {
  if (!s.advice) return null;
  const why =
    s.advice.hoursPerWeek === null
      ? 'to lay what is left out again from today'
      : `to lay what is left out again at the ${formatHours(s.advice.hoursPerWeek)} a week you really keep`;
  return `${view.style.yellow('More than a week behind.')} Run \`${s.advice.command}\` ${why}.`;
}

/** Verdict, recent pace and advice, wrapped: the block every progress screen ends with. */
export function verdictBlock(s: Standing, view: View): string[] {
  return [verdictLine(s, view), recentLine(s, view), adviceLine(s, view)]
    .filter((line): line is string => line !== null)
    .map((line) => wrap(line, view.width));
}

export function progressBar(s: Standing, { style, width }: View): string {
  const cells = Math.max(10, Math.min(30, width - 50));
  const filled = Math.round((s.percent / 100) * cells);
  const bar = style.green('█'.repeat(filled)) + style.dim('░'.repeat(cells - filled));
  const skipped = s.skipped > 0 ? `, ${s.skipped} skipped` : '';
  return wrap(
    `${bar} ${s.percent}% · ${formatHours(s.creditedHours)} of ${formatHours(s.totalHours)} · ${s.done} of ${s.total} stages done${skipped}`,
    width,
    0,
    2,
  );
}
