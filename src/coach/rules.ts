import { RuleError, quoted } from '../errors.js';
import { addDays, formatDay, type IsoDate } from '../plan/dates.js';
import { roundHours } from '../plan/schedule.js';
import type { LogEntry } from './types.js';

/**
 * The coach's limits and the rules every value the learner gives must keep, whichever way it
 * arrives (a flag, a prompt, a hand-edited file). The CLI, the store and the commands take them
 * from here; a broken rule is a RuleError, which the CLI reports as a usage error.
 */
export const MIN_WEEKLY_HOURS = 1;
export const MAX_WEEKLY_HOURS = 80;
export const MAX_DAY_HOURS = 24;
export const MAX_NOTE_LENGTH = 1000;
export const MAX_URL_LENGTH = 2000;
/** A session longer than this is almost surely a forgotten `stop`, so it is not logged silently. */
export const MAX_SESSION_HOURS = 12;

/** Plain decimals only: no exponents, hex, signs or Infinity; at most two decimals. */
const DECIMAL = /^(?=\.?\d)\d{0,6}(?:\.\d{0,2})?$/;

export const WEEKLY_HOURS_RULE = `a number of hours a week from ${MIN_WEEKLY_HOURS} to ${MAX_WEEKLY_HOURS}, with at most two decimals, like 10 or 7.5`;

/** Hours a week as typed, or undefined when the text is not one. */
export function weeklyHours(text: string): number | undefined {
  const trimmed = text.trim();
  const hours = Number(trimmed);
  return DECIMAL.test(trimmed) && hours >= MIN_WEEKLY_HOURS && hours <= MAX_WEEKLY_HOURS ? hours : undefined;
}

/** Hours studied on one day as typed (above 0, at most a day), or undefined when the text is not one. */
export function dayHours(text: string): number | undefined {
  const trimmed = text.trim();
  const hours = Number(trimmed);
  return DECIMAL.test(trimmed) && hours > 0 && hours <= MAX_DAY_HOURS ? hours : undefined;
}

/** A plan's first day: within a year of today, either side. */
export function checkPlanStart(start: IsoDate, today: IsoDate, flag = '--start'): IsoDate {
  const from = addDays(today, -365);
  const to = addDays(today, 365);
  if (start < from || start > to) {
    throw new RuleError(`${flag} must be within a year of today, from ${from} to ${to}; got ${start}.`);
  }
  return start;
}

/** A day the learner studied or finished something: not before their plan began, not in the future. */
export function checkStudyDate(date: IsoDate, earliest: IsoDate, today: IsoDate, flag = '--date'): IsoDate {
  if (date > today || date < earliest) {
    const range = earliest > today ? `today (${today})` : `from ${earliest}, when your plan began, to today, ${today}`;
    throw new RuleError(`${flag} must be ${range}; got ${date}.`);
  }
  return date;
}

/** The hours logged on one day must fit in it. */
export function checkDay(log: readonly LogEntry[], date: IsoDate, hours: number, today: IsoDate): void {
  const already = log.reduce((sum, entry) => (entry.date === date ? sum + entry.hours : sum), 0);
  if (already + hours > MAX_DAY_HOURS + 1e-9) {
    throw new RuleError(
      `That would make ${roundHours(already + hours)} h logged on ${formatDay(date, today)}, and a day holds at most ${MAX_DAY_HOURS}.`,
    );
  }
}

/** A link to what proves a stage: an http(s) URL, at most MAX_URL_LENGTH once encoded as saved. */
export function checkLink(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text.trim());
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || /\s/.test(text.trim())) {
    throw new RuleError(`A link must be an http(s) URL such as https://github.com/you/todo-api; got ${quoted(text)}.`);
  }
  if (url.href.length > MAX_URL_LENGTH)
    throw new RuleError(
      `A link may be at most ${MAX_URL_LENGTH} characters once encoded; this one has ${url.href.length}.`,
    );
  return url.href;
}
