import { progressReport, type ProgressReport } from '../plan/progress.js';
import type { Stage } from '../roadmap/types.js';
import type { CommandContext } from './context.js';
import { currentPlan, type Current } from './current.js';

export interface NextStage {
  id: string;
  number: number;
  title: string;
  start: string;
  end: string;
  summary: string | null;
  topics: string[];
  tools: string[];
  resources: { title: string; url: string; free: boolean }[];
  project: string | null;
  notes: { date: string; text: string }[];
  /** True when the window comes from the baseline, false when projected from today. */
  fromBaseline: boolean;
}

export function reportFor(current: Current, context: CommandContext): ProgressReport {
  const { data, roadmap, status } = current;
  return progressReport({
    roadmap,
    track: data.profile.track,
    hoursPerWeek: data.profile.hoursPerWeek,
    baseline: data.baseline,
    progress: status,
    log: data.log,
    today: context.today,
  });
}

/** The stage's window: the baseline's when it has one, otherwise where it falls if started today. */
export function stageWindow(current: Current, stageId: string, today: string): { start: string; end: string; fromBaseline: boolean } {
  const planned = current.data.baseline.stages.find((s) => s.id === stageId);
  if (planned) return { start: planned.start, end: planned.end, fromBaseline: true };
  const projected = currentPlan(current, today).stages.find((s) => s.id === stageId);
  return { start: projected?.start ?? today, end: projected?.end ?? today, fromBaseline: false };
}

export function describeStage(current: Current, stage: Stage, today: string): NextStage {
  const track = current.data.profile.track;
  const extra = stage.tracks?.[track];
  const window = stageWindow(current, stage.id, today);
  return {
    id: stage.id,
    number: current.roadmap.stages.indexOf(stage) + 1,
    title: stage.title,
    start: window.start,
    end: window.end,
    summary: stage.summary ?? null,
    topics: [...(stage.topics ?? []), ...(extra?.topics ?? [])],
    tools: extra?.tools ?? [],
    resources: [...(stage.resources ?? []), ...(extra?.resources ?? [])],
    project: stage.project ?? null,
    notes: current.data.notes[stage.id] ?? [],
    fromBaseline: window.fromBaseline,
  };
}

/** The first stage in roadmap order that is neither done nor skipped. */
export function nextStage(current: Current, today: string): NextStage | null {
  const stage = current.roadmap.stages.find((s) => current.status[s.id] === 'todo');
  return stage ? describeStage(current, stage, today) : null;
}
