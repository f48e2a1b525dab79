import { UsageError } from '../errors.js';
import { daysBetween, parseIsoDate, type IsoDate } from '../plan/dates.js';

/** A --date flag: a real date, not after today; today when left out. */
export function parseDateFlag(text: string | undefined, today: IsoDate): IsoDate {
  if (text === undefined) return today;
  const date = parseIsoDate(text);
  if (!date) throw new UsageError(`--date must be a real calendar date written YYYY-MM-DD; got "${text}".`);
  if (daysBetween(today, date) > 0) throw new UsageError(`--date cannot be in the future; today is ${today}, got ${date}.`);
  return date;
}
