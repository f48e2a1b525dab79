import type { IsoDate } from '../plan/dates.js';
import { stageHours, type Roadmap, type Stage } from '../roadmap/types.js';
import type {
  Baseline,
  CheckRecord,
  LearnerRecord,
  LogEntry,
  Mark,
  Note,
  Pace,
  Profile,
  Session,
  StageStatus,
} from './types.js';

/**
 * Everything the coach knows about a learner: the saved record read with its roadmap, with every
 * map keyed by stage id held in a `Map`. Pure data; nothing here reads a clock or a file.
 */
export interface Learner {
  roadmap: Roadmap;
  profile: Profile;
  /** The agreed plan, as saved (skips since are applied by agreedPlan()). */
  baseline: Baseline;
  paces: readonly Pace[];
  originalFinish: IsoDate | null;
  progress: ReadonlyMap<string, Mark>;
  notes: ReadonlyMap<string, Note[]>;
  links: ReadonlyMap<string, string[]>;
  checks: ReadonlyMap<string, CheckRecord>;
  /** The last local URL a check answered at, for stages not checked yet. */
  checkUrl: string | null;
  /** The database URL the last database check read (it may hold a password: never print it). */
  checkDatabase: string | null;
  log: readonly LogEntry[];
  session: Session | null;
}

const toMap = <T>(record: Record<string, T>) => new Map(Object.entries(record));

/**
 * The log as the coach counts it: the hours of each day and stage, summed in the log's order,
 * in the order each day and stage first appears. The file's entries as written (numbered by
 * `log list`, exported whole) stay in the saved data. Every figure is a sum of these, so the store's
 * summary of a long log (store/summary.ts), which keeps only these totals, gives exactly the
 * figures the whole log gives, and each later pass over the log is over a few hundred days
 * instead of tens of thousands of entries.
 */
export function dayTotals(log: readonly LogEntry[]): LogEntry[] {
  const totals: LogEntry[] = [];
  // Day by day, then stage by stage: no key strings to make for each of 50,000 entries.
  const byDay = new Map<IsoDate, Map<string | undefined, LogEntry>>();
  let last: LogEntry | undefined;
  for (const entry of log) {
    // A log is written day by day, so most entries add to the total before them.
    if (last !== undefined && last.date === entry.date && last.stage === entry.stage) {
      last.hours += entry.hours;
      continue;
    }
    let day = byDay.get(entry.date);
    if (!day) byDay.set(entry.date, (day = new Map()));
    last = day.get(entry.stage);
    if (last) last.hours += entry.hours;
    else {
      last = entry.stage === undefined ? { date: entry.date, hours: entry.hours } : { ...entry };
      day.set(entry.stage, last);
      totals.push(last);
    }
  }
  // To a billionth of an hour: 80 entries of 0.3 h are 24 h, not 24.000000000000036 (which the
  // day's 24-hour limit would refuse in the summary), and rounding a total again leaves it as is.
  for (const total of totals) total.hours = Math.round(total.hours * 1e9) / 1e9;
  return totals;
}

export function toLearner(data: LearnerRecord, roadmap: Roadmap): Learner {
  return {
    roadmap,
    profile: data.profile,
    baseline: data.baseline,
    paces: data.paces,
    originalFinish: data.originalFinish,
    progress: toMap(data.progress),
    notes: toMap(data.notes),
    links: toMap(data.links),
    checks: toMap(data.checks),
    checkUrl: data.checkUrl ?? null,
    checkDatabase: data.checkDatabase ?? null,
    log: dayTotals(data.log),
    session: data.session,
  };
}

/** The running study session with the whole minutes elapsed since it began, at `instant`. */
export function runningSession(learner: Learner, instant: number): (Session & { minutes: number }) | null {
  return (
    learner.session && {
      ...learner.session,
      minutes: Math.max(0, Math.floor((instant - learner.session.startedAt) / 60_000)),
    }
  );
}

/** The title of the learner's track, or its id when the roadmap has no title for it. */
export function trackTitle(learner: Learner): string {
  return learner.roadmap.tracks.get(learner.profile.track)?.title ?? learner.profile.track;
}

export function statusOf(learner: Learner, id: string): StageStatus {
  return learner.progress.get(id)?.status ?? 'todo';
}

/** A stage's estimate on the learner's track, in the roadmap's hours. */
export function hoursOf(learner: Learner, stage: Stage): number {
  return stageHours(stage, learner.profile.track);
}

/** The stage in progress: the first in roadmap order that is neither done nor skipped. */
export function currentStage(learner: Learner): Stage | undefined {
  return learner.roadmap.stages.find((stage) => statusOf(learner, stage.id) === 'todo');
}

/** Hours logged on each stage up to and including `until`, in one pass over the log. */
export function loggedByStage(log: readonly LogEntry[], until: IsoDate): Map<string, number> {
  const hours = new Map<string, number>();
  for (const entry of log) {
    if (entry.stage !== undefined && entry.date <= until)
      hours.set(entry.stage, (hours.get(entry.stage) ?? 0) + entry.hours);
  }
  return hours;
}

/** The first day a learner can have studied: the plan's start, or the day it was first made if earlier. */
export function planBegan(learner: Learner): IsoDate {
  return learner.profile.start < learner.baseline.madeOn ? learner.profile.start : learner.baseline.madeOn;
}
