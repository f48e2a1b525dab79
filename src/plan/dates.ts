/**
 * Calendar dates as ISO strings (YYYY-MM-DD). Arithmetic runs on day numbers (days since
 * 1970-01-01), so a day is always one day and daylight-saving changes in the learner's zone
 * cannot shift a date.
 */
export type IsoDate = string;

/** The years a date may fall in: anything outside is a typo or an attack, never a study plan. */
const FIRST_YEAR = 1970;
export const LAST_YEAR = 2999;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The date when `text` is a real calendar date in YYYY-MM-DD form within 1970–2999, otherwise undefined. */
export function parseIsoDate(text: string): IsoDate | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < FIRST_YEAR || y > LAST_YEAR || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return text;
}

/**
 * The days of month `m` (1-12) of year `y` in the Gregorian calendar. Worked out rather than
 * asked of a Date: a saved 10,000-stage plan validates some 60,000 dates on every read.
 */
function daysInMonth(y: number, m: number): number {
  if (m !== 2) return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

/** Days since 1970-01-01 for a date already known to be valid. */
export function dayNumber(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

const twoDigits = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * The date `day` days after 1970-01-01. Built from the UTC fields, not toISOString(), whose first
 * call costs about 0.8 ms of start-up (measured on Node 20.20), a tenth of what `status --short`
 * does beyond starting Node.
 */
export function fromDayNumber(day: number): IsoDate {
  const date = new Date(day * DAY_MS);
  return `${date.getUTCFullYear()}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** The learner's local calendar date for an instant (the process time zone decides). */
export function localDate(instant: Date): IsoDate {
  const y = String(instant.getFullYear()).padStart(4, '0');
  const m = String(instant.getMonth() + 1).padStart(2, '0');
  const d = String(instant.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * "Mon 7 Dec", with the year added whenever it is not the year of `today`, so a plan that
 * crosses a new year never leaves the learner guessing which December is meant.
 */
export function formatDay(date: IsoDate, today: IsoDate): string {
  const day = new Date(dayNumber(date) * DAY_MS);
  const text = `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]}`;
  return date.slice(0, 4) === today.slice(0, 4) ? text : `${text} ${date.slice(0, 4)}`;
}

/** "Mon 7 Dec 2026", always with the year: for headers and exports read long after today. */
export function formatDayWithYear(date: IsoDate): string {
  return formatDay(date, '0000');
}

/** Whole minutes between two local wall-clock times written YYYY-MM-DDTHH:MM:SS. */
export function minutesBetween(from: string, to: string): number {
  return Math.floor((Date.parse(`${to}Z`) - Date.parse(`${from}Z`)) / 60_000);
}

/**
 * A local wall-clock time YYYY-MM-DDTHH:MM:SS as an instant (milliseconds since 1970 UTC), read
 * in this process's time zone; NaN when malformed. In a daylight-saving gap the clock time does
 * not exist and the platform moves it forward; in an overlap it takes the first of the two.
 */
export function localInstant(local: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) return Number.NaN;
  const [y, m, d, h, min, sec] = match.slice(1).map((part) => Number(part ?? 0));
  return new Date(y!, m! - 1, d, h, min, sec).getTime();
}
