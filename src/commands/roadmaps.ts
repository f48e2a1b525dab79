import { RoadmapError } from '../errors.js';
import { builtinRoadmaps, resolveRoadmap } from '../roadmap/builtin.js';
import { stageHours, type Roadmap } from '../roadmap/types.js';
import { checkTrack } from './plan.js';

export interface RoadmapSummary {
  id: string;
  title: string;
  stages: number;
  /** Total hours on each track. */
  hours: Record<string, number>;
}

const totals = (roadmap: Roadmap) =>
  Object.fromEntries(Object.keys(roadmap.tracks).map((track) => [track, roadmap.stages.reduce((sum, s) => sum + stageHours(s, track), 0)]));

export function summarize(roadmap: Roadmap): RoadmapSummary {
  return { id: roadmap.id, title: roadmap.title, stages: roadmap.stages.length, hours: totals(roadmap) };
}

export async function listRoadmapsCommand(): Promise<RoadmapSummary[]> {
  return (await builtinRoadmaps()).map(summarize);
}

export interface ShowResult {
  roadmap: Roadmap;
  track: string;
  stages: { number: number; id: string; title: string; hours: number; optional: boolean; tools: string[] }[];
}

/** A roadmap's stages for one track (its first track when none is named), without making a plan. */
export async function showRoadmapCommand(name: string, options: { track?: string }): Promise<ShowResult> {
  const { roadmap } = await resolveRoadmap(name);
  const track = options.track === undefined ? Object.keys(roadmap.tracks)[0]! : checkTrack(roadmap, options.track);
  return {
    roadmap,
    track,
    stages: roadmap.stages.map((stage, i) => ({
      number: i + 1,
      id: stage.id,
      title: stage.title,
      hours: stageHours(stage, track),
      optional: stage.optional === true,
      tools: stage.tracks?.[track]?.tools ?? [],
    })),
  };
}

export type ValidateResult = { file: string; valid: true; summary: RoadmapSummary } | { file: string; valid: false; problems: string[] };

/** Checks a roadmap file; problems come back as data, so the caller decides how to show them. */
export async function validateRoadmapCommand(file: string): Promise<ValidateResult> {
  const { loadRoadmapFile } = await import('../roadmap/load.js');
  try {
    return { file, valid: true, summary: summarize(loadRoadmapFile(file).roadmap) };
  } catch (error) {
    if (error instanceof RoadmapError) return { file, valid: false, problems: error.problems };
    throw error;
  }
}
