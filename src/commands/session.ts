import { currentStage, toLearner } from '../coach/learner.js';
import { checkDay, DAY_FULL_HINT, MAX_SESSION_HOURS } from '../coach/rules.js';
import { minutesAfter } from '../coach/suggest.js';
import { standing, type Standing } from '../coach/standing.js';
import type { LogEntry, Session } from '../coach/types.js';
import { FailureError, UsageError } from '../errors.js';
import { addDays, formatDay, localInstant } from '../plan/dates.js';
import { matchStage } from '../roadmap/match.js';
import type { SavedData } from '../store/schema.js';
import { changeLearner, loadLearner, type CommandContext } from './context.js';
import { checkStageOpen, confirmOnDone } from './log.js';

export interface SessionResult {
  action: 'start' | 'stop' | 'cancel';
  session: Session;
  /** The study time logged by `stop`. */
  entry: LogEntry | null;
  /** The logged entry's number in `log list` (what `log change` and `log remove` take); null but for `stop`. */
  number: number | null;
  /** Elapsed minutes, whatever the clocks did in between (a daylight-saving change counts as the time it really was). */
  minutes: number;
  standing: Standing | null;
}

const hhmm = (time: string) => time.slice(11, 16);

function running(data: SavedData): Session {
  if (!data.session) throw new FailureError('No study session is running.', 'Start one with `backend-path start`.');
  return data.session;
}

/** Starts a study session on a stage (the stage in progress by default). */
export async function startCommand(
  name: string | undefined,
  options: { yes?: boolean },
  context: CommandContext,
): Promise<SessionResult> {
  if (context.interactive && name !== undefined && !options.yes) {
    const { learner } = await loadLearner(context);
    await confirmOnDone(learner, matchStage(learner.roadmap, name), 'start a session on it');
  }
  const { now, instant, today } = context.clock;
  return changeLearner(
    context,
    (learner, data) => {
      const stage = name === undefined ? currentStage(learner) : matchStage(learner.roadmap, name);
      if (!stage) {
        throw new FailureError(
          'Every stage is done or skipped, so there is nothing to start a session on.',
          'To review one, run `backend-path start <stage> --yes`; to record time without a session, `backend-path log <time>`.',
        );
      }
      if (name !== undefined)
        checkStageOpen(learner, stage, 'start a session on it', options.yes || context.interactive);
      if (data.session) {
        throw new FailureError(
          `A session on ${data.session.stage} is already running since ${since(data.session, today)}.`,
          'End it with `backend-path stop`, or drop it with `backend-path cancel`.',
        );
      }
      const session: Session = { stage: stage.id, start: now, startedAt: instant };
      return {
        data: { ...data, session },
        result: { action: 'start', session, entry: null, number: null, minutes: 0, standing: null },
      };
    },
    { totals: true },
  );
}

type StopTime = { hour: number; minute: number; date?: string };

/**
 * The end of a session as a local time and an instant: now; or --at, a date and time, or a time
 * HH:MM, taken as the latest such time (today, else yesterday) that is after the start and not in
 * the future.
 */
function endOf(
  session: Session,
  now: { local: string; instant: number },
  at: StopTime | undefined,
  today: string,
): { local: string; instant: number } {
  if (!at) return now;
  const time = `T${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}:00`;
  const day = now.local.slice(0, 10);
  const candidates = (at.date ? [at.date + time] : [day + time, addDays(day, -1) + time]).map((local) => ({
    local,
    instant: localInstant(local),
  }));
  const end = candidates.find((c) => c.instant <= now.instant && c.instant > session.startedAt);
  if (!end) {
    const typed = at.date ? candidates[0]!.local.slice(0, 16).replace('T', ' ') : candidates[0]!.local.slice(11, 16);
    throw new UsageError(
      `--at ${typed} must be after the session's start (${since(session, today)}) and not after now.`,
    );
  }
  return end;
}

/** "18:05", or "18:05 on Mon 23 Nov" for a session that started another day. */
const since = (session: Session, today: string) =>
  `${hhmm(session.start)}${session.start.slice(0, 10) === today ? '' : ` on ${formatDay(session.start.slice(0, 10), today)}`}`;

/** Ends the running session and logs its elapsed time to its stage, on the day it started. */
export async function stopCommand(options: { at?: StopTime }, context: CommandContext): Promise<SessionResult> {
  const { now, today, instant } = context.clock;
  return changeLearner(
    context,
    (learner, data, _hash, held) => {
      const session = running(data);
      const end = endOf(session, { local: now, instant }, options.at, today);
      const minutes = Math.floor((end.instant - session.startedAt) / 60_000);
      // What to do with a session that cannot be logged as it stands: it is still running.
      const endIt = (lead: string, minutes = 60) =>
        `${lead} when you stopped, e.g. \`backend-path stop --at ${minutesAfter(session.start, minutes)}\`, or drop it with \`backend-path cancel\`.`;
      if (minutes > MAX_SESSION_HOURS * 60) {
        throw new FailureError(
          `This session has run for ${Math.floor(minutes / 60)} hours since ${since(session, today)}, longer than ${MAX_SESSION_HOURS} hours, so it was not logged; it is still running.`,
          endIt('Say'),
        );
      }
      if (end.instant < session.startedAt) {
        throw new FailureError(
          `It is ${hhmm(now)} now, before this session's start (${since(session, today)}): the clock has moved back, so nothing was logged; it is still running.`,
          // log refuses a date after today, so a session whose day has not come yet here is logged today.
          `Drop it with \`backend-path cancel\`, and log the time with \`backend-path log <time> --stage ${session.stage}${session.start.slice(0, 10) <= today ? ` --date ${session.start.slice(0, 10)}` : ''}\`.`,
        );
      }
      if (minutes < 1) {
        throw new FailureError(
          'The session lasted under a minute, so there is nothing to log; it is still running.',
          'Drop it with `backend-path cancel`.',
        );
      }
      // A stage skipped since the session began takes no time, as `log` would refuse it.
      const stage = learner.roadmap.stages.find((s) => s.id === session.stage);
      if (stage) checkStageOpen(learner, stage, 'stop the session, or drop it with `backend-path cancel`', true);
      const entry: LogEntry = { date: session.start.slice(0, 10), hours: minutes / 60, stage: session.stage };
      // The example fits what the day has room for, so it works as pasted; a full day has none.
      checkDay(data.log, entry.date, entry.hours, today, (room) => {
        const fits = Math.min(60, Math.floor(room * 60 + 1e-9));
        return fits >= 1
          ? endIt('It is still running: say', fits)
          : `It is still running, and ${formatDay(entry.date, today)} has no room left: drop it with \`backend-path cancel\`, or make room first (${DAY_FULL_HINT.replace(/\.$/, '')}).`;
      });
      const next = { ...data, session: null, log: [...data.log, entry] };
      return {
        data: next,
        result: {
          action: 'stop',
          session,
          entry,
          // Counted from the file: a long log may come as day totals (see changeLearner).
          number: held.entries + 1,
          minutes,
          standing: standing(toLearner(next, learner.roadmap), today),
        },
      };
    },
    { totals: true },
  );
}

/** Drops the running session without logging it. */
export async function cancelCommand(context: CommandContext): Promise<SessionResult> {
  return changeLearner(
    context,
    (_, data) => {
      const session = running(data);
      const minutes = Math.max(0, Math.floor((context.clock.instant - session.startedAt) / 60_000));
      return {
        data: { ...data, session: null },
        result: { action: 'cancel', session, entry: null, number: null, minutes, standing: null },
      };
    },
    { totals: true },
  );
}
