import type { RawCheck, RawRoadmap, RawStage } from './schema.js';
import type { Check, Matcher, Resource, Roadmap, Stage, StageTrack } from './types.js';

type RawResource = NonNullable<RawStage['resources']>[number];
const toResource = (r: RawResource): Resource => ({ title: r.title, url: r.url, free: r.free, type: r.type ?? null });

function toMatcher(raw: unknown): Matcher {
  if (raw !== null && typeof raw === 'object') return raw as Matcher;
  return { equals: raw as string | number | boolean | null };
}

function toCheck(raw: RawCheck): Check {
  const request: Check['request'] = {
    method: raw.request.method,
    path: raw.request.path,
    headers: Object.entries(raw.request.headers ?? {}),
  };
  if (raw.request.json !== undefined) request.json = raw.request.json;
  return {
    name: raw.name,
    request,
    expect: {
      status: typeof raw.expect.status === 'number' ? [raw.expect.status] : raw.expect.status,
      json: Object.entries(raw.expect.json ?? {}).map(([path, matcher]) => [path, toMatcher(matcher)]),
    },
    capture: Object.entries(raw.capture ?? {}),
  };
}

function toStage(raw: RawStage, trackIds: string[]): Stage {
  const hours =
    typeof raw.hours === 'number'
      ? new Map(trackIds.map((t) => [t, raw.hours as number]))
      : new Map(Object.entries(raw.hours));
  const tracks = new Map<string, StageTrack>(
    Object.entries(raw.tracks ?? {}).map(([id, t]) => [
      id,
      {
        topics: t.topics ?? [],
        tools: t.tools ?? [],
        resources: (t.resources ?? []).map(toResource),
        project: t.project ?? null,
      },
    ]),
  );
  return {
    id: raw.id,
    title: raw.title,
    hours,
    hoursBasis: raw.hours_basis ?? null,
    summary: raw.summary ?? null,
    topics: raw.topics ?? [],
    resources: (raw.resources ?? []).map(toResource),
    project: raw.project ?? null,
    optional: raw.optional === true,
    tracks,
    selfCheck: raw.self_check ?? [],
    pitfalls: raw.pitfalls ?? [],
    checks: raw.checks ? { public: raw.checks.public === true, steps: raw.checks.steps.map(toCheck) } : null,
  };
}

/**
 * The program's view of a validated roadmap. Built-in roadmaps are validated at build time and
 * only go through this conversion at run time.
 */
export function toRoadmap(raw: RawRoadmap): Roadmap {
  const trackIds = Object.keys(raw.tracks);
  return {
    id: raw.id,
    title: raw.title,
    version: raw.version ?? null,
    summary: raw.summary ?? null,
    sources: raw.sources ?? [],
    referenceHoursPerWeek: raw.reference_hours_per_week ?? null,
    hoursBasis: raw.hours_basis ?? null,
    // A track without a port is served where Node.js frameworks listen by default.
    tracks: new Map(
      Object.entries(raw.tracks).map(([id, t]) => [
        id,
        { title: t.title, summary: t.summary ?? null, port: t.port ?? 3000 },
      ]),
    ),
    stages: raw.stages.map((stage) => toStage(stage, trackIds)),
    skipForNow: (raw.skip_for_now ?? []).map((s) => ({ topic: s.topic, reason: s.reason, at: s.at ?? null })),
  };
}
