import { quoted, UsageError } from './errors.js';
import { addDays, formatDay, parseIsoDate, type IsoDate } from './plan/dates.js';
import { roundHours } from './plan/schedule.js';
import { MAX_DAY_HOURS, MAX_URL_LENGTH, MAX_WEEKLY_HOURS, MIN_WEEKLY_HOURS, type LogEntry } from './store/schema.js';

/** The values `export --format` and `completion` take, for commander's choices and the commands. */
export const FORMATS = ['ics', 'md', 'json', 'svg'] as const;
export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;

/**
 * Parsers for commander's options and arguments. Each takes the text as typed and returns the
 * value or throws a UsageError (exit 2) with one sentence saying what is allowed. Numbers are
 * plain decimals only: no exponents, hex, signs or Infinity.
 */
const DECIMAL = /^(?=\.?\d)\d{0,6}(?:\.\d{0,2})?$/;


export const WEEKLY_HOURS_RULE = `a number of hours a week from ${MIN_WEEKLY_HOURS} to ${MAX_WEEKLY_HOURS}, with at most two decimals, like 10 or 7.5`;

/** Hours a week, or undefined when the text is not one. */
export function weeklyHours(text: string): number | undefined {
  const trimmed = text.trim();
  const hours = Number(trimmed);
  return DECIMAL.test(trimmed) && hours >= MIN_WEEKLY_HOURS && hours <= MAX_WEEKLY_HOURS ? hours : undefined;
}

export function parseWeeklyHours(text: string): number {
  const hours = weeklyHours(text);
  if (hours === undefined) throw new UsageError(`--hours must be ${WEEKLY_HOURS_RULE}; got ${quoted(text)}.`);
  return hours;
}

export function parseLogHours(text: string): number {
  const hours = Number(text.trim());
  if (!DECIMAL.test(text.trim()) || hours <= 0 || hours > MAX_DAY_HOURS) {
    throw new UsageError(`Hours must be a number above 0 and at most ${MAX_DAY_HOURS} (one day's study), with at most two decimals, like 1.5; got ${quoted(text)}.`);
  }
  return hours;
}

export const dateParser =
  (flag: string) =>
  (text: string): IsoDate => {
    const date = parseIsoDate(text.trim());
    if (!date) throw new UsageError(`${flag} must be a real date written YYYY-MM-DD, in the years 1970 to 2999; got ${quoted(text)}.`);
    return date;
  };

export function parseClockTime(text: string): { hour: number; minute: number } {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) throw new UsageError(`The time must be written HH:MM on a 24-hour clock, like 18:30; got ${quoted(text)}.`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** When a study session ended: HH:MM (the latest such time that fits), or a date and time YYYY-MM-DDTHH:MM. */
export function parseStopTime(text: string): { hour: number; minute: number; date?: IsoDate } {
  const match = /^(\d{4}-\d{2}-\d{2})[T ]([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (match && parseIsoDate(match[1]!)) return { date: match[1]!, hour: Number(match[2]), minute: Number(match[3]) };
  if (match || !/^\d{1,2}:\d{2}$/.test(text.trim())) {
    throw new UsageError(`--at must be a time written HH:MM, like 21:30, or a date and time, like 2026-11-23T21:30; got ${quoted(text)}.`);
  }
  return parseClockTime(text);
}

/** A link to what proves a stage: an http(s) URL, at most MAX_URL_LENGTH once encoded as saved. */
export function parseLink(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text.trim());
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || /\s/.test(text.trim())) {
    throw new UsageError(`A link must be an http(s) URL such as https://github.com/you/todo-api; got ${quoted(text)}.`);
  }
  if (url.href.length > MAX_URL_LENGTH) throw new UsageError(`A link may be at most ${MAX_URL_LENGTH} characters once encoded; this one has ${url.href.length}.`);
  return url.href;
}

/** A plan's first day: within a year of today, either side. */
export function checkPlanStart(start: IsoDate, today: IsoDate, flag = '--start'): IsoDate {
  const from = addDays(today, -365);
  const to = addDays(today, 365);
  if (start < from || start > to) {
    throw new UsageError(`${flag} must be within a year of today, from ${from} to ${to}; got ${start}.`);
  }
  return start;
}

/** A day the learner studied or finished something: not before their plan began, not in the future. */
export function checkStudyDate(date: IsoDate, earliest: IsoDate, today: IsoDate, flag = '--date'): IsoDate {
  if (date > today || date < earliest) {
    const range = earliest > today ? `today (${today})` : `from ${earliest}, when your plan began, to today, ${today}`;
    throw new UsageError(`${flag} must be ${range}; got ${date}.`);
  }
  return date;
}

/** The hours logged on one day must fit in it. */
export function checkDay(log: readonly LogEntry[], date: string, hours: number, today: string): void {
  const already = log.reduce((sum, entry) => (entry.date === date ? sum + entry.hours : sum), 0);
  if (already + hours > MAX_DAY_HOURS + 1e-9) {
    throw new UsageError(`That would make ${roundHours(already + hours)} h logged on ${formatDay(date, today)}, and a day holds at most ${MAX_DAY_HOURS}.`);
  }
}
