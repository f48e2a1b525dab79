import type { LoginFlow, StageChecks } from './checks.js';
import type { StageEvidence } from './evidence.js';

export * from './checks.js';
export * from './evidence.js';

/**
 * A roadmap as the program uses it: the YAML format (roadmaps/README.md) with defaults filled
 * in and every map keyed by an id held in a `Map`, so ids such as `constructor` are data, never
 * properties of an object.
 */
export interface Roadmap {
  id: string;
  title: string;
  version: string | number | null;
  summary: string | null;
  sources: Source[];
  /** The default weekly pace of a new plan. */
  referenceHoursPerWeek: number | null;
  /** What the total hours assume (prior experience, what is left out) and where they come from. */
  hoursBasis: string | null;
  tracks: ReadonlyMap<string, Track>;
  stages: Stage[];
  skipForNow: SkipTopic[];
  /** How the learner's API logs users in, for the checks of the stages after the one that teaches it. */
  login: LoginFlow | null;
}

export interface Source {
  publisher: string;
  title: string;
  date?: string;
  url?: string;
}

export interface Track {
  title: string;
  /** One line shown beside the track when the learner chooses, e.g. its job-share figure. */
  summary: string | null;
  /** The port its frameworks serve on by default (Node.js 3000, Python 8000), where `check` looks first. */
  port: number;
}

export const RESOURCE_TYPES = ['docs', 'article', 'video', 'course', 'book', 'interactive'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export interface Resource {
  title: string;
  url: string;
  free: boolean;
  type: ResourceType | null;
}

export interface StageTrack {
  topics: string[];
  tools: string[];
  resources: Resource[];
  /** The project as this track's frameworks build it; null to use the stage's. */
  project: string | null;
}

/** A topic to leave for later, with the figure or reason, and the stage where it tempts most. */
export interface SkipTopic {
  topic: string;
  reason: string;
  at: string | null;
}

export interface Stage {
  id: string;
  title: string;
  /** Hours on each track. */
  hours: ReadonlyMap<string, number>;
  /** Where the hours come from: a source's range, or our estimate and what it assumes. */
  hoursBasis: string | null;
  summary: string | null;
  topics: string[];
  resources: Resource[];
  project: string | null;
  optional: boolean;
  tracks: ReadonlyMap<string, StageTrack>;
  selfCheck: string[];
  pitfalls: string[];
  checks: StageChecks | null;
  /** Evidence beyond HTTP (a database, a repository, an API document, a container), or why none. */
  evidence: StageEvidence | null;
}

const EMPTY_TRACK: StageTrack = { topics: [], tools: [], resources: [], project: null };

/** Hours of a stage on one track; 0 when the stage names no hours for it. */
export function stageHours(stage: Stage, track: string): number {
  return stage.hours.get(track) ?? 0;
}

/** What a stage holds on one track: the shared topics and resources plus the track's own, and its project. */
export function stageOnTrack(stage: Stage, track: string): StageTrack {
  const extra = stage.tracks.get(track) ?? EMPTY_TRACK;
  return {
    topics: [...stage.topics, ...extra.topics],
    tools: extra.tools,
    resources: [...stage.resources, ...extra.resources],
    project: extra.project ?? stage.project,
  };
}
