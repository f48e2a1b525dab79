import { z } from 'zod/mini';
import type { $ZodIssue } from 'zod/v4/core';
import type { Roadmap } from './types.js';

/** One problem in a roadmap: the field path (e.g. `stages[2].hours`) and what is wrong with it. */
export interface RoadmapProblem {
  path: (string | number)[];
  message: string;
  /** Set when the problem is an unknown field: the position is the key's, not the parent's. */
  key?: string;
}

export type ValidationResult = { ok: true; roadmap: Roadmap } | { ok: false; problems: RoadmapProblem[] };

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const idText = z
  .string({ error: 'must be text' })
  .check(z.regex(ID, { error: 'must use only lowercase letters, digits and single dashes (e.g. "sql-basics")' }));
const text = z.string({ error: 'must be text' }).check(z.trim(), z.minLength(1, { error: 'must not be empty' }));
const positiveHours = z.number({ error: 'must be a positive number' }).check(z.positive({ error: 'must be a positive number' }));
const httpUrl = z.string({ error: 'must be text' }).check(
  z.refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        return false;
      }
    },
    { error: 'must be an http(s) URL' },
  ),
);
const textList = z.array(text, { error: 'must be a list of texts' });

const resource = z.strictObject({
  title: text,
  url: httpUrl,
  free: z.boolean({ error: 'must be true or false' }),
});
const resources = z.array(resource, { error: 'must be a list of resources' });

const stageTrack = z.strictObject({
  topics: z.optional(textList),
  tools: z.optional(textList),
  resources: z.optional(resources),
});

const stage = z.strictObject({
  id: idText,
  title: text,
  hours: z.union([positiveHours, z.record(z.string(), positiveHours)], {
    error: 'must be a positive number, or a map from track id to hours',
  }),
  summary: z.optional(text),
  topics: z.optional(textList),
  resources: z.optional(resources),
  project: z.optional(text),
  optional: z.optional(z.boolean({ error: 'must be true or false' })),
  tracks: z.optional(z.record(z.string(), stageTrack, { error: 'must be a map from track id to track details' })),
});

const roadmapSchema = z.strictObject(
  {
    id: idText,
    title: text,
    version: z.optional(z.union([z.string(), z.number()], { error: 'must be text or a number' })),
    summary: z.optional(text),
    sources: z.optional(
      z.array(
        z.strictObject({
          publisher: text,
          title: text,
          date: z.optional(z.string({ error: 'must be text' })),
          url: z.optional(httpUrl),
        }),
        { error: 'must be a list of sources' },
      ),
    ),
    reference_hours_per_week: z.optional(positiveHours),
    tracks: z
      .record(idText, z.strictObject({ title: text, summary: z.optional(text) }), {
        error: 'must be a map from track id to {title}',
      })
      .check(z.refine((tracks) => Object.keys(tracks).length > 0, { error: 'must name at least one track' })),
    stages: z.array(stage, { error: 'must be a list of stages' }).check(z.minLength(1, { error: 'must list at least one stage' })),
  },
  { error: 'must be a map with id, title, tracks and stages' },
);

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let value = data;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

function describeIssue(issue: $ZodIssue, data: unknown): RoadmapProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...path, key], key, message: 'is not a known field' }));
  }
  if (path.length > 0 && valueAt(data, path) === undefined) {
    return [{ path, message: 'is required' }];
  }
  if (issue.code === 'invalid_key') {
    return [{ path, message: 'must use only lowercase letters, digits and single dashes' }];
  }
  return [{ path, message: issue.message }];
}

/** Checks the rules that span fields: unique stage ids, known tracks, hours for every track. */
function crossCheck(roadmap: Roadmap): RoadmapProblem[] {
  const problems: RoadmapProblem[] = [];
  const trackIds = Object.keys(roadmap.tracks);
  const seen = new Map<string, number>();
  roadmap.stages.forEach((stage, index) => {
    const first = seen.get(stage.id);
    if (first !== undefined) {
      problems.push({ path: ['stages', index, 'id'], message: `repeats "${stage.id}", already used by stages[${first}]` });
    } else {
      seen.set(stage.id, index);
    }
    if (typeof stage.hours === 'object') {
      for (const track of Object.keys(stage.hours)) {
        if (!trackIds.includes(track)) {
          problems.push({ path: ['stages', index, 'hours', track], key: track, message: `names unknown track "${track}" (tracks: ${trackIds.join(', ')})` });
        }
      }
      for (const track of trackIds) {
        if (!(track in stage.hours)) {
          problems.push({ path: ['stages', index, 'hours'], message: `has no hours for track "${track}"` });
        }
      }
    }
    for (const track of Object.keys(stage.tracks ?? {})) {
      if (!trackIds.includes(track)) {
        problems.push({ path: ['stages', index, 'tracks', track], key: track, message: `names unknown track "${track}" (tracks: ${trackIds.join(', ')})` });
      }
    }
  });
  return problems;
}

/** Checks parsed YAML against the roadmap format. */
export function validateRoadmap(data: unknown): ValidationResult {
  const parsed = roadmapSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.flatMap((issue) => describeIssue(issue, data)) };
  const roadmap = parsed.data as Roadmap;
  const problems = crossCheck(roadmap);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, roadmap };
}

/** `stages[2].hours`, `tracks.node.title`. */
export function formatPath(path: (string | number)[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}
