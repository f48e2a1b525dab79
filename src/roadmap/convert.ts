import type { RawCheck, RawRoadmap, RawStage } from './schema.js';
import type { Check, LoginFlow, Matcher, Resource, Roadmap, Stage, StageEvidence, StageTrack } from './types.js';

type RawResource = NonNullable<RawStage['resources']>[number];
const toResource = (r: RawResource): Resource => ({ title: r.title, url: r.url, free: r.free, type: r.type ?? null });

function toMatcher(raw: unknown): Matcher {
  if (raw !== null && typeof raw === 'object') return raw as Matcher;
  return { equals: raw as string | number | boolean | null };
}

function toRequest(raw: NonNullable<RawCheck['request']>): NonNullable<Check['request']> {
  const request: NonNullable<Check['request']> = {
    method: raw.method,
    path: raw.path,
    headers: Object.entries(raw.headers ?? {}),
  };
  if (raw.json !== undefined) request.json = raw.json;
  return request;
}

function toSession(raw: NonNullable<RawCheck['session']>): NonNullable<Check['session']> {
  if (typeof raw === 'string') return { action: raw, user: 'learner', password: null };
  return { action: raw.action, user: raw.user ?? 'learner', password: raw.password ?? null };
}

function toCheck(raw: RawCheck): Check {
  return {
    name: raw.name,
    request: raw.request ? toRequest(raw.request) : null,
    session: raw.session ? toSession(raw.session) : null,
    as: raw.as ?? null,
    attempts: raw.attempts ?? 1,
    expect: {
      status: typeof raw.expect.status === 'number' ? [raw.expect.status] : raw.expect.status,
      json: Object.entries(raw.expect.json ?? {}).map(([path, matcher]) => [path, toMatcher(matcher)]),
    },
    capture: Object.entries(raw.capture ?? {}),
    hint: raw.hint ?? null,
  };
}

const asList = (paths: string | string[]) => (typeof paths === 'string' ? [paths] : paths);

function toLogin(raw: NonNullable<RawRoadmap['login']>): LoginFlow {
  return { after: raw.after, register: raw.register, login: asList(raw.login), refresh: asList(raw.refresh ?? []) };
}

function toEvidence(raw: NonNullable<RawStage['evidence']>): StageEvidence {
  return {
    database: raw.database ?? [],
    repository: raw.repository ?? [],
    openapi: raw.openapi ?? [],
    container: raw.container ?? [],
    none: raw.none ?? null,
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
    evidence: raw.evidence ? toEvidence(raw.evidence) : null,
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
    login: raw.login ? toLogin(raw.login) : null,
  };
}
