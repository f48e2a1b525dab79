import { currentStage, toLearner } from '../coach/learner.js';
import { standing, type Standing } from '../coach/standing.js';
import { loadLearner, noPlan, type CommandContext } from './context.js';
import { UsageError } from '../errors.js';
import { addDays, formatDay, minutesBetween } from '../plan/dates.js';
import { roundHours } from '../plan/schedule.js';
import { matchStage } from '../roadmap/match.js';
import type { LogEntry, Session } from '../coach/types.js';
import type { SavedData } from '../store/schema.js';
import { checkDay, MAX_SESSION_HOURS } from '../coach/rules.js';

export interface SessionResult {
  action: 'start' | 'stop' | 'cancel';
  session: Session;
  /** The study time logged by `stop`. */
  entry: LogEntry | null;
  minutes: number;
  standing: Standing | null;
}

const hhmm = (time: string) => time.slice(11, 16);

function running(data: SavedData): Session {
  if (!data.session) throw new UsageError('No study session is running.', 'Start one with `backend-path start`.');
  return data.session;
}

/** Starts a study session on a stage (the stage in progress by default). */
export async function startCommand(name: string | undefined, context: CommandContext): Promise<SessionResult> {
  const { learner } = await loadLearner(context);
  const stage = name === undefined ? currentStage(learner) : matchStage(learner.roadmap, name);
  if (!stage)
    throw new UsageError(
      'Every stage is done or skipped, so there is nothing to start a session on.',
      'Name one: `backend-path start <stage>`.',
    );
  const { now } = context.clock;
  return context.store.update((current) => {
    if (!current) throw noPlan();
    if (current.session) {
      throw new UsageError(
        `A session on ${current.session.stage} is already running since ${since(current.session, context.clock.today)}.`,
        'End it with `backend-path stop`, or drop it with `backend-path cancel`.',
      );
    }
    const session = { stage: stage.id, start: now };
    return {
      data: { ...current, session },
      result: { action: 'start', session, entry: null, minutes: 0, standing: null },
    };
  });
}

type StopTime = { hour: number; minute: number; date?: string };

/**
 * The end of a session: now; or --at, a date and time, or a time HH:MM, taken as the latest
 * such time (today, else yesterday) that is after the start and not in the future.
 */
function endOf(session: Session, now: string, at: StopTime | undefined, today: string): string {
  if (!at) return now;
  const time = `T${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}:00`;
  const day = now.slice(0, 10);
  const candidates = at.date ? [at.date + time] : [day + time, addDays(day, -1) + time];
  const end = candidates.find((candidate) => candidate <= now && candidate >= session.start);
  if (!end)
    throw new UsageError(
      `--at ${candidates[0]!.slice(at.date ? 0 : 11, 16).replace('T', ' ')} is not between the session's start (${since(session, today)}) and now.`,
    );
  return end;
}

/** "18:05", or "18:05 on Mon 23 Nov" for a session that started another day. */
const since = (session: Session, today: string) =>
  `${hhmm(session.start)}${session.start.slice(0, 10) === today ? '' : ` on ${formatDay(session.start.slice(0, 10), today)}`}`;

/** Ends the running session and logs its time to its stage, on the day it started. */
export async function stopCommand(options: { at?: StopTime }, context: CommandContext): Promise<SessionResult> {
  const { learner } = await loadLearner(context);
  const { now, today } = context.clock;
  return context.store.update((current) => {
    if (!current) throw noPlan();
    const session = running(current);
    const end = endOf(session, now, options.at, today);
    const minutes = minutesBetween(session.start, end);
    if (minutes > MAX_SESSION_HOURS * 60) {
      const example = `${session.start.slice(0, 10)}T${String(Math.min(23, Number(session.start.slice(11, 13)) + 1)).padStart(2, '0')}:${session.start.slice(14, 16)}`;
      throw new UsageError(
        `This session has run for ${Math.floor(minutes / 60)} hours since ${since(session, today)}, longer than ${MAX_SESSION_HOURS} hours, so it was not logged; it is still running.`,
        `Say when you stopped, e.g. \`backend-path stop --at ${example}\`, or drop it with \`backend-path cancel\`.`,
      );
    }
    if (minutes < 1)
      throw new UsageError(
        'The session lasted under a minute, so there is nothing to log; it is still running.',
        'Drop it with `backend-path cancel`.',
      );
    const entry: LogEntry = { date: session.start.slice(0, 10), hours: roundHours(minutes / 60), stage: session.stage };
    checkDay(current.log, entry.date, entry.hours, today);
    const data = { ...current, session: null, log: [...current.log, entry] };
    return {
      data,
      result: { action: 'stop', session, entry, minutes, standing: standing(toLearner(data, learner.roadmap), today) },
    };
  });
}

/** Drops the running session without logging it. */
export async function cancelCommand(context: CommandContext): Promise<SessionResult> {
  return context.store.update((current) => {
    if (!current) throw noPlan();
    const session = running(current);
    return {
      data: { ...current, session: null },
      result: {
        action: 'cancel',
        session,
        entry: null,
        minutes: minutesBetween(session.start, context.clock.now),
        standing: null,
      },
    };
  });
}
