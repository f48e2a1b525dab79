import { addDays, daysBetween, type IsoDate } from '../plan/dates.js';
import { dayBefore, roundHours } from '../plan/schedule.js';
import { describeStageChecks, stageOnTrack, type Resource, type SkipTopic, type Stage } from '../roadmap/types.js';
import { checkCommandFor, defaultCheckUrl } from './check-url.js';
import type { CheckRecord, StageStatus } from './types.js';
import { creditOf, currentStage, hoursOf, loggedByStage, statusOf, type Learner } from './learner.js';

/** Where today falls against a stage's window. */
export type Timing = 'ahead' | 'in-window' | 'overdue' | 'unscheduled';

export interface StageRow {
  number: number;
  id: string;
  title: string;
  hours: number;
  /** Hours counted as learned: all once done, else the hours logged on it (at most `hours`). */
  creditedHours: number;
  status: StageStatus;
  optional: boolean;
  /** When it was marked done or skipped. */
  date: IsoDate | null;
  /** The agreed window; null for a stage the agreed plan does not schedule. */
  start: IsoDate | null;
  end: IsoDate | null;
  /** The stage in progress. */
  current: boolean;
  /** Still to do and its window has ended. */
  overdue: boolean;
  notes: { date: IsoDate; text: string }[];
  links: string[];
  check: CheckRecord | null;
}

export interface StageDetail {
  number: number;
  id: string;
  title: string;
  hours: number;
  creditedHours: number;
  hoursLeft: number;
  /** The agreed window, or for a stage outside the agreed plan the days it takes if started today. */
  start: IsoDate;
  end: IsoDate;
  timing: Timing;
  /** Days from today to the window's end: 0 on its last day, negative when overdue. */
  daysLeft: number;
  summary: string | null;
  topics: string[];
  tools: string[];
  resources: Resource[];
  project: string | null;
  selfCheck: string[];
  pitfalls: string[];
  /** Topics to leave for later that tempt most at this stage. */
  skipForNow: SkipTopic[];
  notes: { date: IsoDate; text: string }[];
  links: string[];
  /** The stage's project can be checked with `backend-path check <id>`. */
  checkable: boolean;
  /** The check command that works for this learner, and the URL it will check (null: the learner must give one). */
  checkCommand: string | null;
  checkUrl: string | null;
  /** What the check looks at, one line per kind; empty when no machine checks the stage. */
  checkLooks: string[];
  /** Why no machine can judge the stage, when the roadmap says so. */
  noCheck: string | null;
  check: CheckRecord | null;
}

export function stageRows(learner: Learner, today: IsoDate): StageRow[] {
  const logged = loggedByStage(learner.log, today);
  const windows = new Map(learner.baseline.stages.map((s) => [s.id, s]));
  const current = currentStage(learner)?.id;
  return learner.roadmap.stages.map((stage, index) => {
    const status = statusOf(learner, stage.id);
    const window = windows.get(stage.id);
    return {
      number: index + 1,
      id: stage.id,
      title: stage.title,
      hours: hoursOf(learner, stage),
      creditedHours: roundHours(creditOf(learner, stage, logged)),
      status,
      optional: stage.optional,
      date: learner.progress.get(stage.id)?.date ?? null,
      start: window?.start ?? null,
      end: window?.end ?? null,
      current: stage.id === current,
      overdue: status === 'todo' && window !== undefined && window.end < today,
      notes: learner.notes.get(stage.id) ?? [],
      links: learner.links.get(stage.id) ?? [],
      check: learner.checks.get(stage.id) ?? null,
    };
  });
}

/** What every stage's details look up: the log by stage and the agreed windows, made once for a list. */
export function sharedLookups(learner: Learner, today: IsoDate) {
  return { logged: loggedByStage(learner.log, today), windows: new Map(learner.baseline.stages.map((s) => [s.id, s])) };
}

/** Everything `next` says about a stage, with its window and today's place in it. */
export function stageDetail(
  learner: Learner,
  stage: Stage,
  today: IsoDate,
  index = learner.roadmap.stages.indexOf(stage),
  shared = sharedLookups(learner, today),
): StageDetail {
  const { baseline, profile } = learner;
  const hours = hoursOf(learner, stage);
  const credited = creditOf(learner, stage, shared.logged);
  const hoursLeft = roundHours(Math.max(0, hours - credited));
  const planned = shared.windows.get(stage.id);
  const start = planned?.start ?? today;
  const end = planned?.end ?? addDays(today, Math.max(0, dayBefore(hoursLeft, baseline.hoursPerWeek / 7)));
  const timing: Timing = !planned ? 'unscheduled' : today < start ? 'ahead' : today > end ? 'overdue' : 'in-window';
  const onTrack = stageOnTrack(stage, profile.track);
  return {
    number: index + 1,
    id: stage.id,
    title: stage.title,
    hours,
    creditedHours: roundHours(credited),
    hoursLeft,
    start,
    end,
    timing,
    daysLeft: daysBetween(today, end),
    summary: stage.summary,
    topics: onTrack.topics,
    tools: onTrack.tools,
    resources: onTrack.resources,
    project: stage.project,
    selfCheck: stage.selfCheck,
    pitfalls: stage.pitfalls,
    skipForNow: learner.roadmap.skipForNow.filter((topic) => topic.at === stage.id),
    notes: learner.notes.get(stage.id) ?? [],
    links: learner.links.get(stage.id) ?? [],
    checkable: describeStageChecks(stage).length > 0,
    checkCommand: describeStageChecks(stage).length > 0 ? checkCommandFor(learner, stage) : null,
    checkUrl: stage.checks ? defaultCheckUrl(learner, stage) : null,
    checkLooks: describeStageChecks(stage),
    noCheck: stage.evidence?.none ?? null,
    check: learner.checks.get(stage.id) ?? null,
  };
}
