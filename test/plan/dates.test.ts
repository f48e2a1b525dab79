import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, formatDay, localDate, parseIsoDate } from '../../src/plan/dates.js';
import { resolveToday } from '../../src/env.js';

describe('calendar dates', () => {
  it.each(['2026-02-30', '2026-13-01', '2026-1-5', '05/01/2026', 'tomorrow', '2026-02-29', ''])('rejects %j', (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
  });

  it('accepts real dates, including leap days', () => {
    expect(parseIsoDate('2028-02-29')).toBe('2028-02-29');
    expect(parseIsoDate('2026-12-31')).toBe('2026-12-31');
  });

  it('adds and counts days across month, year and DST boundaries', () => {
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2026-03-29', '2026-03-28')).toBe(-1);
  });

  it('formats days the way the plan prints them', () => {
    expect(formatDay('2026-12-07')).toBe('Mon 7 Dec');
    expect(formatDay('2026-12-13', true)).toBe('Sun 13 Dec 2026');
  });
});

describe('today', () => {
  // An independent oracle: Intl gives the calendar date of an instant in the process's zone.
  const intlDate = (instant: Date) => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

  it.each([
    '2026-03-08T06:30:00Z', // around the US spring-forward hour
    '2026-10-25T00:30:00Z', // around the EU fall-back hour
    '2026-11-22T23:59:00Z',
    '2026-11-22T00:01:00Z',
    '2026-12-31T12:00:00Z',
  ])('is the local calendar date of %s in this time zone', (iso) => {
    const instant = new Date(iso);
    expect(localDate(instant)).toBe(intlDate(instant));
    expect(resolveToday({}, instant)).toBe(intlDate(instant));
  });

  it('takes BACKEND_PATH_TODAY when set and refuses a bad one', () => {
    expect(resolveToday({ BACKEND_PATH_TODAY: '2026-01-05' })).toBe('2026-01-05');
    expect(() => resolveToday({ BACKEND_PATH_TODAY: '2026-02-30' })).toThrow('BACKEND_PATH_TODAY must be a real date in YYYY-MM-DD form; got "2026-02-30".');
  });
});
