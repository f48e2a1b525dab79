/** A roadmap as the YAML format describes it (see roadmaps/README.md). */
export interface Roadmap {
  id: string;
  title: string;
  version?: string | number;
  summary?: string;
  sources?: Source[];
  reference_hours_per_week?: number;
  tracks: Record<string, Track>;
  stages: Stage[];
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
  summary?: string;
}

export interface Resource {
  title: string;
  url: string;
  free: boolean;
}

export interface StageTrack {
  topics?: string[];
  tools?: string[];
  resources?: Resource[];
}

export interface Stage {
  id: string;
  title: string;
  hours: number | Record<string, number>;
  summary?: string;
  topics?: string[];
  resources?: Resource[];
  project?: string;
  optional?: boolean;
  tracks?: Record<string, StageTrack>;
}

/** Hours of a stage on one track. */
export function stageHours(stage: Stage, track: string): number {
  return typeof stage.hours === 'number' ? stage.hours : (stage.hours[track] ?? 0);
}
