import { resolve } from 'node:path';
import type { CommandContext } from './context.js';
import { RoadmapError } from '../errors.js';
import { builtinRoadmaps, resolveRoadmap } from '../roadmap/builtin.js';
import { describeStageChecks, stageHours, type Roadmap, type SkipTopic, type Source } from '../roadmap/types.js';
import { checkTrack } from '../roadmap/match.js';

export interface RoadmapSummary {
  id: string;
  title: string;
  stages: number;
  /** Total hours on each track. */
  hours: Record<string, number>;
}

export function summarize(roadmap: Roadmap): RoadmapSummary {
  const hours: Record<string, number> = Object.create(null);
  for (const track of roadmap.tracks.keys())
    hours[track] = roadmap.stages.reduce((sum, s) => sum + stageHours(s, track), 0);
  return { id: roadmap.id, title: roadmap.title, stages: roadmap.stages.length, hours };
}

export async function listRoadmapsCommand(): Promise<RoadmapSummary[]> {
  return (await builtinRoadmaps()).map(summarize);
}

export interface ShowResult {
  /** `hoursBasis`: what the total hours assume and where they come from. */
  roadmap: RoadmapSummary & { summary: string | null; hoursBasis: string | null; sources: Source[] };
  track: string;
  trackTitle: string;
  stages: {
    number: number;
    id: string;
    title: string;
    hours: number;
    hoursBasis: string | null;
    optional: boolean;
    tools: string[];
    checkable: boolean;
    /** What `check` looks at, one line per kind of evidence. */
    checks: string[];
    /** Why no machine can judge the stage, when the roadmap says so. */
    noCheck: string | null;
  }[];
  /** Topics to leave for later, with the figure or reason. */
  skipForNow: SkipTopic[];
}

/** A roadmap's stages for one track (its first track when none is named), without making a plan. */
export async function showRoadmapCommand(
  name: string,
  options: { track?: string },
  context: CommandContext,
): Promise<ShowResult> {
  const { roadmap } = await resolveRoadmap(name, context.cwd);
  const track = options.track === undefined ? [...roadmap.tracks.keys()][0]! : checkTrack(roadmap, options.track);
  return {
    roadmap: {
      ...summarize(roadmap),
      summary: roadmap.summary,
      hoursBasis: roadmap.hoursBasis,
      sources: roadmap.sources,
    },
    track,
    trackTitle: roadmap.tracks.get(track)!.title,
    stages: roadmap.stages.map((stage, i) => ({
      number: i + 1,
      id: stage.id,
      title: stage.title,
      hours: stageHours(stage, track),
      hoursBasis: stage.hoursBasis,
      optional: stage.optional,
      tools: stage.tracks.get(track)?.tools ?? [],
      checkable: describeStageChecks(stage).length > 0,
      checks: describeStageChecks(stage),
      noCheck: stage.evidence?.none ?? null,
    })),
    skipForNow: roadmap.skipForNow,
  };
}

export type ValidateResult =
  | { file: string; valid: true; summary: RoadmapSummary }
  /** `later`: what is checked only once these problems are fixed, or null when everything was checked. */
  | { file: string; valid: false; problems: string[]; later: string | null };

/** Checks a roadmap file; problems come back as data, so the caller decides how to show them. */
export async function validateRoadmapCommand(file: string, context: CommandContext): Promise<ValidateResult> {
  const { loadRoadmapFile } = await import('../roadmap/load.js');
  try {
    return { file, valid: true, summary: summarize(loadRoadmapFile(resolve(context.cwd, file)).roadmap) };
  } catch (error) {
    if (error instanceof RoadmapError)
      return {
        file,
        valid: false,
        problems: error.problems.map((p) => p.replace(resolve(context.cwd, file), file)),
        later: error.later,
      };
    throw error;
  }
}
