import { FailureError, RuleError, quoted } from '../errors.js';
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

export const WEEKLY_HOURS_RULE = `a number of hours a week from ${MIN_WEEKLY_HOURS} to ${MAX_WEEKLY_HOURS}, with at most two decimals, like 10, 7.5 or 7.5h`;

/** Hours a week as typed, or undefined when the text is not one. */
export function weeklyHours(text: string): number | undefined {
  // "10h" and "7.5 h" too, as `log` takes "1.5h".
  const trimmed = text.trim().replace(/\s*h$/i, '');
  const hours = Number(trimmed);
  return DECIMAL.test(trimmed) && hours >= MIN_WEEKLY_HOURS && hours <= MAX_WEEKLY_HOURS ? hours : undefined;
}

export const DURATION_RULE = `a time from 1 minute to ${MAX_DAY_HOURS} hours, written like 1.5 or 1.5h (hours, at most two decimals), 1:30, 90m or 1h30`;

/**
 * Time studied on one day as typed: decimal hours (1.5, 1.5h), hours and minutes (1:30, 1h30, 1h 30m),
 * hours (2h) or minutes (90m, 90min); at least one minute and at most a day. Undefined when the
 * text is none of these.
 */
export function durationHours(text: string): number | undefined {
  const lower = text.trim().toLowerCase();
  // "1.5h" and "2 hours" are decimal hours too.
  const hoursWord = /^(.*?)\s*(?:h|hrs?|hours?)$/.exec(lower);
  const typed = hoursWord && DECIMAL.test(hoursWord[1]!) ? hoursWord[1]! : lower;
  let minutes: number | undefined;
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(typed);
  const units = /^(?:(\d{1,2})\s*h)?\s*(?:(\d{1,4})\s*(?:m|min)?)?$/.exec(typed);
  if (DECIMAL.test(typed)) minutes = Number(typed) * 60;
  else if (clock) minutes = Number(clock[1]) * 60 + Number(clock[2]);
  else if (units && (units[1] !== undefined || /m(in)?$/.test(typed))) {
    // "1h70" is a typo, not 2 h 10 min; minutes alone ("90m") may run past the hour.
    if (units[1] === undefined || Number(units[2] ?? 0) < 60)
      minutes = Number(units[1] ?? 0) * 60 + Number(units[2] ?? 0);
  }
  if (minutes === undefined || minutes < 1 - 1e-9 || minutes > MAX_DAY_HOURS * 60 + 1e-9) return undefined;
  // Minutes typed are kept to the minute; decimal hours as they were typed.
  return DECIMAL.test(typed) ? Number(typed) : minutes / 60;
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

/** How to make room on a full day: the entries, and the command that corrects one. */
export const DAY_FULL_HINT =
  '`backend-path log list` shows the entries, and `backend-path log change <n> --hours <time>` corrects one.';

/**
 * The hours logged on one day must fit in it. What the log already holds refuses it, not how the
 * command was typed: a failure (exit 1), as a running session or a skipped stage is.
 */
export function checkDay(
  log: readonly LogEntry[],
  date: IsoDate,
  hours: number,
  today: IsoDate,
  /** What to do instead, or how to say it from the hours the day still has room for. */
  hint: string | ((room: number) => string) = DAY_FULL_HINT,
): void {
  const already = log.reduce((sum, entry) => (entry.date === date ? sum + entry.hours : sum), 0);
  if (already + hours > MAX_DAY_HOURS + 1e-9) {
    throw new FailureError(
      `That would make ${roundHours(already + hours)} h logged on ${formatDay(date, today)}, and a day holds at most ${MAX_DAY_HOURS}.`,
      typeof hint === 'string' ? hint : hint(Math.max(0, MAX_DAY_HOURS - already)),
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
