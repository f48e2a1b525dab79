import { checkLink, DURATION_RULE, durationHours, weeklyHours, WEEKLY_HOURS_RULE } from '../coach/rules.js';
import { quoted, RuleError, UsageError } from '../errors.js';
import { parseIsoDate, type IsoDate } from '../plan/dates.js';

/**
 * Parsers for commander's options and arguments. Each takes the text as typed and returns the
 * typed value or throws a UsageError (exit 2) with one sentence saying what is allowed; the
 * rules themselves are the coach's (src/coach/rules.ts).
 */

export function parseWeeklyHours(text: string): number {
  const hours = weeklyHours(text);
  if (hours === undefined) throw new UsageError(`--hours must be ${WEEKLY_HOURS_RULE}; got ${quoted(text)}.`);
  return hours;
}

/** The time studied, for `log` and `log change --hours`. */
export function parseDuration(text: string): number {
  const hours = durationHours(text);
  if (hours === undefined) throw new UsageError(`The time studied must be ${DURATION_RULE}; got ${quoted(text)}.`);
  return hours;
}

export const dateParser =
  (flag: string) =>
  (text: string): IsoDate => {
    const date = parseIsoDate(text.trim());
    if (!date)
      throw new UsageError(
        `${flag} must be a real date written YYYY-MM-DD, in the years 1970 to 2999; got ${quoted(text)}.`,
      );
    return date;
  };

export function parseClockTime(text: string): { hour: number; minute: number } {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match)
    throw new UsageError(`The time must be written HH:MM on a 24-hour clock, like 18:30; got ${quoted(text)}.`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** When a study session ended: HH:MM (the latest such time that fits), or a date and time YYYY-MM-DDTHH:MM. */
export function parseStopTime(text: string): { hour: number; minute: number; date?: IsoDate } {
  const match = /^(\d{4}-\d{2}-\d{2})[T ]([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (match && parseIsoDate(match[1]!)) return { date: match[1]!, hour: Number(match[2]), minute: Number(match[3]) };
  if (match || !/^\d{1,2}:\d{2}$/.test(text.trim())) {
    throw new UsageError(
      `--at must be a time written HH:MM, like 21:30, or a date and time, like 2026-11-23T21:30; got ${quoted(text)}.`,
    );
  }
  return parseClockTime(text);
}

/** A link to what proves a stage, as the coach's rule accepts it. */
export function parseLink(text: string): string {
  try {
    return checkLink(text);
  } catch (error) {
    if (error instanceof RuleError) throw new UsageError(error.message, error.hint);
    throw error;
  }
}

/** A number in one of the numbered lists (`log list`, `note list`, `link list`): a whole number from 1. */
export function parseEntryNumber(text: string): number {
  const trimmed = text.trim();
  if (!/^[1-9]\d{0,6}$/.test(trimmed))
    throw new UsageError(`The number must be a whole number from 1, as the list shows it; got ${quoted(text)}.`);
  return Number(trimmed);
}
