import { stageHours, type Roadmap } from '../roadmap/types.js';
import { addDays, type IsoDate } from './dates.js';

export type StageStatus = 'todo' | 'done' | 'skipped';

export interface ScheduleInput {
  roadmap: Roadmap;
  track: string;
  hoursPerWeek: number;
  start: IsoDate;
  /** Status by stage id; a stage not named here is still to do. */
  progress: Readonly<Record<string, StageStatus>>;
}

export interface PlannedStage {
  id: string;
  title: string;
  hours: number;
  /** The day the stage's first hour falls on; null for a stage that is done or skipped. */
  start: IsoDate | null;
  /** The day the stage's last hour falls on. */
  end: IsoDate | null;
  status: StageStatus;
}

export interface WeekItem {
  stage: string;
  hours: number;
}

export interface PlanWeek {
  week: number;
  start: IsoDate;
  end: IsoDate;
  hours: number;
  items: WeekItem[];
}

export interface Plan {
  roadmap: { id: string; title: string; version: string | number | null };
  track: string;
  hoursPerWeek: number;
  start: IsoDate;
  /** The last study day; null when nothing is left to do. */
  finish: IsoDate | null;
  /** Hours of the stages still to do. */
  totalHours: number;
  stages: PlannedStage[];
  weeks: PlanWeek[];
}

// Hours are often fractions of the daily share (e.g. 10 h/week is 1.43 h/day), so day and
// week boundaries are compared with a tolerance instead of exactly.
const EPSILON = 1e-9;

function roundHours(hours: number): number {
  return Math.round(hours * 100) / 100;
}

/** The 0-based day on which hour `offset` of study falls, studying `perDay` hours a day. */
function dayOfHour(offset: number, perDay: number): number {
  return Math.floor(offset / perDay + EPSILON);
}

/** The 0-based day that holds the last moment before `offset`. */
function dayBefore(offset: number, perDay: number): number {
  return Math.ceil(offset / perDay - EPSILON) - 1;
}

/**
 * Lays the stages still to do end to end from `start`, spreading study evenly over the days
 * (hoursPerWeek / 7 a day), and cuts the same hour line into 7-day weeks.
 */
export function buildPlan(input: ScheduleInput): Plan {
  const { roadmap, track, hoursPerWeek, start, progress } = input;
  const perDay = hoursPerWeek / 7;
  const spans: { id: string; from: number; to: number }[] = [];
  let offset = 0;

  const stages = roadmap.stages.map((stage): PlannedStage => {
    const hours = stageHours(stage, track);
    const status = progress[stage.id] ?? 'todo';
    if (status !== 'todo') return { id: stage.id, title: stage.title, hours, start: null, end: null, status };
    const from = offset;
    offset += hours;
    spans.push({ id: stage.id, from, to: offset });
    return {
      id: stage.id,
      title: stage.title,
      hours,
      start: addDays(start, dayOfHour(from, perDay)),
      end: addDays(start, dayBefore(offset, perDay)),
      status,
    };
  });

  const totalHours = offset;
  const weekCount = Math.max(0, Math.ceil(totalHours / hoursPerWeek - EPSILON));
  const weeks: PlanWeek[] = [];
  let first = 0;
  for (let week = 0; week < weekCount; week++) {
    const weekFrom = week * hoursPerWeek;
    const weekTo = Math.min(weekFrom + hoursPerWeek, totalHours);
    const items: WeekItem[] = [];
    while (first < spans.length && spans[first]!.to <= weekFrom + EPSILON) first++;
    for (let i = first; i < spans.length && spans[i]!.from < weekTo - EPSILON; i++) {
      const span = spans[i]!;
      const hours = Math.min(span.to, weekTo) - Math.max(span.from, weekFrom);
      if (hours > EPSILON) items.push({ stage: span.id, hours: roundHours(hours) });
    }
    weeks.push({
      week: week + 1,
      start: addDays(start, week * 7),
      end: addDays(start, week * 7 + 6),
      hours: roundHours(weekTo - weekFrom),
      items,
    });
  }

  const lastEnd = [...stages].reverse().find((stage) => stage.end !== null)?.end ?? null;
  return {
    roadmap: { id: roadmap.id, title: roadmap.title, version: roadmap.version ?? null },
    track,
    hoursPerWeek,
    start,
    finish: lastEnd,
    totalHours: roundHours(totalHours),
    stages,
    weeks,
  };
}
