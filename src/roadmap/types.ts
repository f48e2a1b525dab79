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
}

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const JSON_TYPES = ['string', 'number', 'boolean', 'array', 'object', 'null'] as const;
export type JsonType = (typeof JSON_TYPES)[number];

/** What a value in a response must be: equal to a literal, present or absent, of a type, or an array holding a match. */
export type Matcher =
  | { equals: string | number | boolean | null }
  | { exists: boolean }
  | { type: JsonType }
  | { has: Record<string, string | number | boolean | null> };

/** One request of a stage's project contract and what its answer must be. */
export interface Check {
  name: string;
  request: { method: HttpMethod; path: string; json?: unknown; headers: [string, string][] };
  expect: { status: number[]; json: [string, Matcher][] };
  /** Variables taken from the response: name → JSON path. */
  capture: [string, string][];
}

export interface StageChecks {
  /** The project must be live: the URL has to be https and not a local address. */
  public: boolean;
  steps: Check[];
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
