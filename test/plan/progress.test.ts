import { describe, expect, it } from 'vitest';
import { expectedHoursBy, finishDate, loggedPace, progressReport, type ProgressInput } from '../../src/plan/progress.js';
import { buildPlan } from '../../src/plan/schedule.js';
import { makeRoadmap } from '../helpers/roadmaps.js';

// Three stages of 14, 7 and 21 hours at 7 h/week (1 h a day) from Monday 5 January 2026:
// s1 is planned 5-18 Jan, s2 19-25 Jan, s3 26 Jan - 15 Feb.
const roadmap = makeRoadmap([14, 7, 21]);
const plan = buildPlan({ roadmap, track: 'node', hoursPerWeek: 7, start: '2026-01-05', progress: {} });
const baseline = {
  start: plan.start,
  finish: plan.finish,
  hoursPerWeek: 7,
  stages: plan.stages.map((s) => ({ id: s.id, hours: s.hours, start: s.start!, end: s.end! })),
};
const input = (overrides: Partial<ProgressInput>): ProgressInput => ({
  roadmap,
  track: 'node',
  hoursPerWeek: 7,
  baseline,
  progress: { s1: 'todo', s2: 'todo', s3: 'todo' },
  log: [],
  today: '2026-01-05',
  ...overrides,
});

describe('on-track arithmetic', () => {
  it('expects one day of study per elapsed day, by stage', () => {
    expect(baseline.finish).toBe('2026-02-15');
    expect(expectedHoursBy(baseline, {}, '2026-01-05')).toBe(0);
    expect(expectedHoursBy(baseline, {}, '2026-01-15')).toBe(10);
    expect(expectedHoursBy(baseline, {}, '2026-02-20')).toBe(42);
    expect(expectedHoursBy(baseline, { s2: 'skipped' }, '2026-01-26')).toBe(14);
  });

  it.each([
    // today, progress, daysAhead, projected finish
    ['2026-01-05', {}, 0, '2026-02-15'],
    ['2026-01-12', {}, -7, '2026-02-22'],
    ['2026-01-12', { s1: 'done' }, 7, '2026-02-08'],
    ['2026-01-19', { s1: 'done' }, 0, '2026-02-15'],
    ['2026-01-26', { s1: 'done' }, -7, '2026-02-22'],
    ['2026-01-19', { s1: 'done', s2: 'done', s3: 'done' }, 28, null],
  ] as const)('on %s with %j: %i days ahead, finishing %s', (today, done, daysAhead, projected) => {
    const report = progressReport(input({ today, progress: { s1: 'todo', s2: 'todo', s3: 'todo', ...done } }));
    expect(report.daysAhead).toBe(daysAhead);
    expect(report.projectedFinish).toBe(projected);
  });

  it('counts done hours only, and shows skipped stages apart', () => {
    const report = progressReport(input({ progress: { s1: 'done', s2: 'skipped', s3: 'todo' } }));
    expect(report).toMatchObject({ done: 1, skipped: 1, total: 3, doneHours: 14, totalHours: 35, remainingHours: 21, percent: 40 });
  });

  it('is on track, not behind, while the current stage is still inside its window', () => {
    const inside = progressReport(input({ today: '2026-01-12' }));
    expect(inside.daysAhead).toBe(-7);
    expect(inside.inCurrentWindow).toBe(true);
    const late = progressReport(input({ today: '2026-01-20' }));
    expect(late.inCurrentWindow).toBe(false);
  });
});

describe('logged pace and streaks', () => {
  it('ignores the log until it is two weeks old', () => {
    expect(loggedPace([{ date: '2026-01-05', hours: 10 }], '2026-01-10')).toBeUndefined();
    expect(loggedPace([{ date: '2026-01-05', hours: 28 }], '2026-01-18')).toBe(14);
  });

  it('measures the pace over the last four weeks only', () => {
    const log = [
      { date: '2025-11-01', hours: 100 },
      { date: '2026-01-10', hours: 14 },
      { date: '2026-01-20', hours: 14 },
    ];
    expect(loggedPace(log, '2026-01-28')).toBe(7);
  });

  it('projects the finish from the logged pace once there is enough of it', () => {
    const log = Array.from({ length: 14 }, (_, i) => ({ date: `2026-01-${String(5 + i).padStart(2, '0')}`, hours: 2 }));
    const report = progressReport(input({ today: '2026-01-18', log }));
    expect(report.pace).toEqual({ hoursPerWeek: 14, source: 'log' });
    expect(report.projectedFinish).toBe(finishDate('2026-01-18', 42, 14));
    expect(report.projectedFinish).toBe('2026-02-07');
    expect(report.loggedHours).toBe(28);
  });

  it("totals this week's hours against the target and counts the streak of weeks that met it", () => {
    const log = [
      { date: '2026-01-05', hours: 7 },
      { date: '2026-01-13', hours: 4 },
      { date: '2026-01-15', hours: 3 },
      { date: '2026-01-19', hours: 8 },
    ];
    const report = progressReport(input({ today: '2026-01-20', log }));
    expect(report.week).toEqual({ number: 3, start: '2026-01-19', end: '2026-01-25', hours: 8, target: 7 });
    expect(report.streak).toBe(3);
    const broken = progressReport(input({ today: '2026-01-20', log: log.filter((e) => e.date !== '2026-01-15') }));
    expect(broken.streak).toBe(1);
  });
});
