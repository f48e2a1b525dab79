import { COURSE } from '../helpers/paths.js';
import { describe, expect, it } from 'vitest';
import { json, learner } from '../helpers/cli.js';

const PLAN = ['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-11-23'];

async function planned() {
  const me = learner();
  await me(PLAN);
  return (args: string[], now: string) => me(args, now.slice(0, 10), { env: { BACKEND_PATH_NOW: now } });
}

describe('study sessions', () => {
  it('start and stop log the time to the stage in progress, credited at once', async () => {
    const at = await planned();
    const started = await at(['start'], '2026-11-24T18:05:00');
    expect(started.stdout).toContain('Studying language since 18:05.');
    expect(json((await at(['status', '--json'], '2026-11-24T18:50:00')).stdout).session).toEqual({
      stage: 'language',
      start: '2026-11-24T18:05:00',
      startedAt: new Date(2026, 10, 24, 18, 5).getTime(),
      minutes: 45,
    });
    expect((await at(['status'], '2026-11-24T18:50:00')).stdout).toContain(
      'Studying language since 18:05, 45 min so far',
    );
    expect((await at([], '2026-11-24T18:50:00')).stdout).toContain('Studying language since 18:05');
    const stopped = json((await at(['stop', '--json'], '2026-11-24T19:35:00')).stdout);
    expect(stopped).toMatchObject({
      action: 'stop',
      minutes: 90,
      entry: { date: '2026-11-24', hours: 1.5, stage: 'language' },
      number: 1,
    });
    expect(stopped.standing.progress.creditedHours).toBe(1.5);
    expect(stopped.standing.effort.loggedHours).toBe(1.5);
    // Its number in the log, as `log` gives one: the entry `log change` and `log remove` take.
    await at(['start'], '2026-11-24T20:00:00');
    expect((await at(['stop'], '2026-11-24T20:30:00')).stdout).toMatch(
      /^✔ Logged 30 min on language for Tue 24 Nov \(entry 2\)\.$/m,
    );
    expect((await at(['log', 'list'], '2026-11-24T20:31:00')).stdout).toMatch(/^2 {2}Tue 24 Nov +30 min +language$/m);
    // Nothing to stop or cancel is a failure, not a mistyped command: exit 1.
    for (const command of ['stop', 'cancel']) {
      expect(await at([command], '2026-11-24T19:40:00')).toMatchObject({
        code: 1,
        stderr: 'Error: No study session is running.\nStart one with `backend-path start`.\n',
      });
    }
  });

  it('wraps what start and cancel say by words on a narrow screen', async () => {
    const me = learner();
    await me(PLAN);
    const narrow = (args: string[]) =>
      me(args, '2026-11-24', { env: { BACKEND_PATH_NOW: '2026-11-24T18:05:00', COLUMNS: '30' } });
    const started = (await narrow(['start'])).stdout;
    expect(started).toBe('▶ Studying language since\n18:05. Run `backend-path stop`\nwhen you finish.\n');
    const cancelled = (await narrow(['cancel'])).stdout;
    expect(cancelled).toBe('Dropped the session on\nlanguage (started 18:05);\nnothing was logged.\n');
  });

  it('refuses a second start, names the running session, and cancel drops it unlogged', async () => {
    const at = await planned();
    await at(['start', 'http'], '2026-11-24T09:00:00');
    const again = await at(['start'], '2026-11-24T09:10:00');
    expect([again.code, again.stderr.split('\n')[0]]).toEqual([
      1,
      'Error: A session on http is already running since 09:00.',
    ]);
    expect(json((await at(['cancel', '--json'], '2026-11-24T09:20:00')).stdout)).toMatchObject({
      action: 'cancel',
      minutes: 20,
    });
    expect(json((await at(['status', '--json'], '2026-11-24T09:21:00')).stdout)).toMatchObject({
      session: null,
      effort: { loggedHours: 0 },
    });
  });

  it('does not log a session over 12 hours silently; --at ends it, and midnight goes to the start day', async () => {
    const at = await planned();
    await at(['start'], '2026-11-24T22:30:00');
    const long = await at(['stop'], '2026-11-25T11:00:00');
    expect(long.code).toBe(1);
    expect(long.stderr).toContain('longer than 12 hours, so it was not logged; it is still running.');
    expect(long.stderr).toContain('`backend-path stop --at 2026-11-24T23:30`');
    const before = await at(['stop', '--at', '22:00'], '2026-11-25T11:00:00');
    expect([before.code, before.stderr.split('\n')[0]]).toEqual([
      2,
      "Error: --at 22:00 must be after the session's start (22:30 on Tue 24 Nov) and not after now.",
    ]);
    const stopped = json((await at(['stop', '--at', '00:45', '--json'], '2026-11-25T11:00:00')).stdout);
    expect(stopped).toMatchObject({ minutes: 135, entry: { date: '2026-11-24', hours: 2.25 } });
    // A session forgotten for days ends at the date and time given.
    await at(['start'], '2026-11-25T18:00:00');
    expect((await at([], '2026-11-28T09:00:00')).stdout).toContain('Next: `backend-path stop --at 2026-11-25T19:00`');
    expect(
      json((await at(['stop', '--at', '2026-11-25T19:30', '--json'], '2026-11-28T09:00:00')).stdout),
    ).toMatchObject({ minutes: 90, entry: { date: '2026-11-25' } });
    // Started late in the evening: the example is an hour later, past midnight.
    await at(['start'], '2026-11-28T23:30:00');
    expect((await at(['stop'], '2026-11-29T14:00:00')).stderr).toContain('`backend-path stop --at 2026-11-29T00:30`');
    expect(
      json((await at(['stop', '--at', '2026-11-29T00:30', '--json'], '2026-11-29T14:00:00')).stdout),
    ).toMatchObject({ minutes: 60, entry: { date: '2026-11-28' } });
  });

  it('takes --at at the start as outside the session, and says so when the clock has moved back', async () => {
    const at = await planned();
    await at(['start'], '2026-11-24T12:00:00');
    const atStart = await at(['stop', '--at', '12:00'], '2026-11-24T12:30:00');
    expect([atStart.code, atStart.stderr.split('\n')[0]]).toEqual([
      2,
      "Error: --at 12:00 must be after the session's start (12:00) and not after now.",
    ]);
    const back = await at(['stop'], '2026-11-24T09:00:00');
    expect([back.code, back.stderr]).toEqual([
      1,
      "Error: It is 09:00 now, before this session's start (12:00): the clock has moved back, so nothing was logged; it is still running.\n" +
        'Drop it with `backend-path cancel`, and log the time with `backend-path log <time> --stage language --date 2026-11-24`.\n',
    ]);
    // Moved back past midnight: the session's day has not come yet, and log refuses a date after today.
    const dayBefore = await at(['stop'], '2026-11-23T23:00:00');
    expect(dayBefore.stderr).toContain('`backend-path log <time> --stage language`.');
    expect((await at(['log', '1', '--stage', 'language'], '2026-11-23T23:00:00')).code).toBe(0);
    expect(json((await at(['stop', '--json'], '2026-11-24T12:45:00')).stdout)).toMatchObject({ minutes: 45 });
  });

  it('refuses to log a session to a stage skipped while it ran, and cancel still drops it', async () => {
    const at = await planned();
    await at(['start'], '2026-11-24T09:00:00');
    await at(['skip', 'language', '--yes'], '2026-11-24T09:30:00');
    const stop = await at(['stop'], '2026-11-24T10:00:00');
    expect([stop.code, stop.stderr.split('\n')[0]]).toEqual([
      1,
      'Error: language is skipped, so time on it counts for nothing.',
    ]);
    expect(json((await at(['cancel', '--json'], '2026-11-24T10:00:00')).stdout)).toMatchObject({ minutes: 60 });
  });

  it('keeps a day to 24 hours across log entries and sessions', async () => {
    const at = await planned();
    expect((await at(['log', '20'], '2026-11-24T20:00:00')).code).toBe(0);
    const over = await at(['log', '5'], '2026-11-24T21:00:00');
    // What the log holds refuses it, not how it was typed: exit 1, as the README's exit codes say.
    expect([over.code, over.stderr]).toEqual([
      1,
      'Error: That would make 25 h logged on Tue 24 Nov, and a day holds at most 24.\n' +
        '`backend-path log list` shows the entries, and `backend-path log change <n> --hours <time>` corrects one.\n',
    ]);
    // A session past the day's room is not logged, and stays running: the hint says how to end it.
    await at(['start'], '2026-11-24T21:30:00');
    const stop = await at(['stop'], '2026-11-25T02:00:00');
    expect([stop.code, stop.stderr]).toEqual([
      1,
      'Error: That would make 24.5 h logged on Tue 24 Nov, and a day holds at most 24.\n' +
        'It is still running: say when you stopped, e.g. `backend-path stop --at 2026-11-24T22:30`, or drop it with `backend-path cancel`.\n',
    ]);
    expect(json((await at(['status', '--json'], '2026-11-25T02:01:00')).stdout).session).toMatchObject({
      start: '2026-11-24T21:30:00',
    });
  });

  it('suggests a stop the day still has room for, and only cancel when it has none', async () => {
    const at = await planned();
    expect((await at(['log', '23.5'], '2026-11-24T20:00:00')).code).toBe(0);
    await at(['start'], '2026-11-24T21:30:00');
    const stop = await at(['stop'], '2026-11-24T23:00:00');
    expect([stop.code, stop.stderr]).toEqual([
      1,
      'Error: That would make 25 h logged on Tue 24 Nov, and a day holds at most 24.\n' +
        'It is still running: say when you stopped, e.g. `backend-path stop --at 2026-11-24T22:00`, or drop it with `backend-path cancel`.\n',
    ]);
    // The suggested stop, pasted, logs the half hour the day had left.
    const pasted = await at(['stop', '--at', '2026-11-24T22:00'], '2026-11-24T23:00:00');
    expect(pasted.code).toBe(0);
    expect(pasted.stdout).toContain('Logged 30 min on language for Tue 24 Nov');
    await at(['start'], '2026-11-24T22:30:00');
    const full = await at(['stop'], '2026-11-24T23:30:00');
    expect([full.code, full.stderr]).toEqual([
      1,
      'Error: That would make 25 h logged on Tue 24 Nov, and a day holds at most 24.\n' +
        'It is still running, and Tue 24 Nov has no room left: drop it with `backend-path cancel`, or make room first (`backend-path log list` shows the entries, and `backend-path log change <n> --hours <time>` corrects one).\n',
    ]);
  });

  it('shows a running session in the prompt line, which never exceeds 60 characters', async () => {
    const at = await planned();
    expect((await at(['status', '--short'], '2026-11-24T18:00:00')).stdout).toBe('language · 43d left · on track\n');
    await at(['start'], '2026-11-24T18:00:00');
    expect((await at(['status', '--short'], '2026-11-24T19:05:00')).stdout).toBe('● language 1:05 · on track\n');
  });
});
