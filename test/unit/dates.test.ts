import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveClock } from '../../src/cli/env.js';
import {
  addDays,
  dayNumber,
  daysBetween,
  formatDay,
  formatDayWithYear,
  fromDayNumber,
  localDate,
  minutesBetween,
  parseIsoDate,
} from '../../src/plan/dates.js';

describe('calendar dates', () => {
  it.each([
    '2026-02-30',
    '2026-13-01',
    '2026-1-5',
    '05/01/2026',
    'tomorrow',
    '2026-02-29',
    '2100-02-29',
    '2026-04-31',
    '2026-11-31',
    '2026-00-10',
    '2026-13-01',
    '2026-01-00',
    '2026-01-32',
    '',
    '1969-12-31',
    '3000-01-01',
    '9999-12-31',
    ' 2026-01-05',
  ])('rejects %j', (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
  });

  it('accepts real dates from 1970 to 2999, including leap days', () => {
    expect(parseIsoDate('2028-02-29')).toBe('2028-02-29');
    expect(parseIsoDate('2000-02-29')).toBe('2000-02-29');
    expect(parseIsoDate('2026-04-30')).toBe('2026-04-30');
    expect(parseIsoDate('2026-12-31')).toBe('2026-12-31');
    expect(parseIsoDate('1970-01-01')).toBe('1970-01-01');
    expect(parseIsoDate('2999-12-31')).toBe('2999-12-31');
  });

  it('accepts exactly the days the calendar has, for any year, month and day number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1970, max: 2999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          // The calendar's answer: the day after the month's last day rolls over into the next month.
          const real = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
          expect(parseIsoDate(text)).toBe(real ? text : undefined);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("turns a day number into its date and back as the platform's Date does, in years 1000 to 9999", () => {
    const DAY = 86_400_000;
    expect([fromDayNumber(0), fromDayNumber(-1), fromDayNumber(11_016), fromDayNumber(20_513)]).toEqual([
      '1970-01-01',
      '1969-12-31',
      '2000-02-29',
      '2026-03-01',
    ]);
    expect([
      dayNumber('1970-01-01'),
      dayNumber('2000-02-29'),
      dayNumber('2000-03-01'),
      dayNumber('2100-03-01'),
    ]).toEqual([0, 11_016, 11_017, 47_541]);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1) / DAY, max: Date.UTC(9999, 11, 31) / DAY }), (day) => {
        // The calendar's answer, from the platform's own Date.
        const date = new Date(day * DAY).toISOString().slice(0, 10);
        expect(fromDayNumber(day)).toBe(date);
        expect(dayNumber(date)).toBe(day);
      }),
      { numRuns: 5000 },
    );
  });

  it('adds and counts days across month, year and DST boundaries', () => {
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('1970-01-02', -1)).toBe('1970-01-01');
    expect(addDays('2999-12-30', 1)).toBe('2999-12-31');
    expect(addDays('2026-09-30', 10)).toBe('2026-10-10');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2026-03-29', '2026-03-28')).toBe(-1);
  });

  it('writes the year whenever it is not the current one', () => {
    expect(formatDay('2026-12-07', '2026-11-22')).toBe('Mon 7 Dec');
    expect(formatDay('2027-01-04', '2026-11-22')).toBe('Mon 4 Jan 2027');
    expect(formatDay('2025-12-29', '2026-01-02')).toBe('Mon 29 Dec 2025');
    expect(formatDayWithYear('2026-12-13')).toBe('Sun 13 Dec 2026');
  });

  it('counts minutes between wall-clock times, across midnight', () => {
    expect(minutesBetween('2026-11-22T23:30:00', '2026-11-23T01:15:00')).toBe(105);
    expect(minutesBetween('2026-11-22T18:00:00', '2026-11-22T18:00:59')).toBe(0);
  });
});

describe('the clock', () => {
  // An independent oracle: Intl gives the calendar date of an instant in the process's zone.
  const intlDate = (instant: Date) =>
    new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

  it.each([
    '2026-03-08T06:30:00Z',
    '2026-10-25T00:30:00Z',
    '2026-11-22T23:59:00Z',
    '2026-11-22T00:01:00Z',
    '2026-12-31T12:00:00Z',
  ])('today is the local calendar date of %s in this time zone', (iso) => {
    const instant = new Date(iso);
    expect(localDate(instant)).toBe(intlDate(instant));
    expect(resolveClock({}, instant).today).toBe(intlDate(instant));
  });

  it('takes BACKEND_PATH_NOW, which implies today, and BACKEND_PATH_TODAY', () => {
    expect(
      resolveClock({ BACKEND_PATH_NOW: '2026-11-22T21:05:00', BACKEND_PATH_TODAY: '2020-01-01' }, new Date()),
    ).toEqual({ today: '2026-11-22', now: '2026-11-22T21:05:00', instant: new Date(2026, 10, 22, 21, 5).getTime() });
    expect(resolveClock({ BACKEND_PATH_TODAY: '2026-01-05' }, new Date()).today).toBe('2026-01-05');
  });

  it.each([
    [
      { BACKEND_PATH_TODAY: '2026-02-30' },
      'BACKEND_PATH_TODAY must be a real date written YYYY-MM-DD, in the years 1970 to 2999.',
    ],
    [
      { BACKEND_PATH_TODAY: '9999-12-20' },
      'BACKEND_PATH_TODAY must be a real date written YYYY-MM-DD, in the years 1970 to 2999.',
    ],
    [
      { BACKEND_PATH_NOW: '2026-11-22 21:05' },
      'BACKEND_PATH_NOW must be a local date and time written YYYY-MM-DDTHH:MM:SS, in the years 1970 to 2999.',
    ],
  ])('refuses %j with one sentence', (env, message) => {
    expect(() => resolveClock(env, new Date())).toThrow(message);
  });
});
