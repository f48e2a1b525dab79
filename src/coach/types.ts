import type { IsoDate } from '../plan/dates.js';
import type { EvidenceKindName } from '../roadmap/evidence.js';

/**
 * What the coach knows about a learner, as saved: the store keeps exactly this (plus its own
 * version and revision), and the coach reads nothing else. Maps keyed by stage id are plain
 * records here; the coach turns them into `Map`s (see learner.ts).
 */
/** The moment "now" as the learner's local wall-clock: all the coach and a study session need. */
export interface Clock {
  today: IsoDate;
  /** Local date and time as YYYY-MM-DDTHH:MM:SS. */
  now: string;
  /** The same moment as an instant (milliseconds since 1970 UTC): durations are measured on it. */
  instant: number;
}

export type StageStatus = 'todo' | 'done' | 'skipped';

/** A stage named in a result: enough to say which one. */
export type StageRef = Pick<StageListing, 'id' | 'title'>;

/** What every list of stages says of each: the plan's table, `status`, the exports and the card. */
export interface StageListing {
  number: number;
  id: string;
  title: string;
  optional: boolean;
  /** The estimate on the learner's track, at the plan's speed. */
  hours: number;
  status: StageStatus;
  /** The agreed window (null when the agreed plan does not hold the stage). */
  start: IsoDate | null;
  end: IsoDate | null;
}

export interface Profile {
  /** A built-in id, or a file's absolute path with the sha256 of its content when the plan was made. */
  roadmap: { id: string; file?: string; hash?: string };
  track: string;
  hoursPerWeek: number;
  /** The first day of the learner's plan; replans keep it. */
  start: IsoDate;
}

/** A stage the agreed plan schedules, with the hours it gives it and its window. */
export interface BaselineStage {
  id: string;
  hours: number;
  start: IsoDate;
  end: IsoDate;
}

/** The plan the learner agreed to: saved by `plan` and `replan`, and shown by everything else. */
export interface Baseline {
  madeOn: IsoDate;
  start: IsoDate;
  finish: IsoDate | null;
  hoursPerWeek: number;
  /**
   * Study hours per estimated hour that the plan assumes: 1 for the roadmap's estimates, the
   * learner's own speed after `replan --own-speed`.
   */
  speed: number;
  stages: BaselineStage[];
}

/** A weekly target and the day it took effect: each week is judged by the target in force when it began. */
export interface Pace {
  from: IsoDate;
  hoursPerWeek: number;
}

export interface LogEntry {
  date: IsoDate;
  hours: number;
  stage?: string;
}

export interface Mark {
  status: 'done' | 'skipped';
  date: IsoDate;
}

export interface Note {
  date: IsoDate;
  text: string;
}

/** The latest run of a stage's check, and the latest one that passed, which the portfolio shows. */
export interface CheckRecord {
  date: IsoDate;
  url: string;
  passed: number;
  total: number;
  lastPass?: { date: IsoDate; url: string; total: number };
  /** What the check looked at besides HTTP (database, repository, openapi, container), for the portfolio line. */
  kinds?: EvidenceKindName[];
}

/** A running study session: its stage, its local start time (YYYY-MM-DDTHH:MM:SS) and the instant it began. */
export interface Session {
  stage: string;
  start: string;
  /** Milliseconds since 1970 UTC: the session's length is elapsed time, whatever the clocks did. */
  startedAt: number;
}

export interface LearnerRecord {
  profile: Profile;
  baseline: Baseline;
  /** Every weekly target the learner has agreed to, oldest first. */
  paces: Pace[];
  /** The finish date of the first plan, which replans never move. */
  originalFinish: IsoDate | null;
  progress: Record<string, Mark>;
  notes: Record<string, Note[]>;
  log: LogEntry[];
  links: Record<string, string[]>;
  checks: Record<string, CheckRecord>;
  /** The last URL on this machine or its network that a check answered at: the default for stages not checked yet. */
  checkUrl?: string;
  /** The database URL (`--db`) the last database check read: the default for the next one. Never printed: it holds a password. */
  checkDatabase?: string;
  session: Session | null;
}
