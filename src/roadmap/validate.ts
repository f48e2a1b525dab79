import * as v from 'valibot';
import { toProblems, type Problem } from '../validation/issues.js';
import { roadmapSchema, type RawRoadmap, type RawStage } from './schema.js';
import { toRoadmap } from './convert.js';
import type { Roadmap } from './types.js';

/**
 * The result of a check. Problems of shape stop it before the rules that span fields (repeated
 * ids, tracks, stages named by `at:`, variables), which need the shape right: `spanChecked` says
 * whether those ran.
 */
export type ValidationResult =
  { ok: true; roadmap: Roadmap; raw: RawRoadmap } | { ok: false; problems: Problem[]; spanChecked: boolean };

/** Checks parsed YAML against the roadmap format and the rules that span fields. */
export function validateRoadmap(data: unknown): ValidationResult {
  const parsed = v.safeParse(roadmapSchema, data, { abortPipeEarly: true });
  if (!parsed.success) return { ok: false, problems: toProblems(parsed.issues), spanChecked: false };
  const problems = crossCheck(parsed.output);
  return problems.length > 0
    ? { ok: false, problems, spanChecked: true }
    : { ok: true, roadmap: toRoadmap(parsed.output), raw: parsed.output };
}

/** Unique stage ids, known tracks, hours for every track, and checks that use only what they captured. */
function crossCheck(roadmap: RawRoadmap): Problem[] {
  const problems: Problem[] = [];
  const trackIds = Object.keys(roadmap.tracks);
  const unknownTrack = (track: string) => `names unknown track "${track}" (tracks: ${trackIds.join(', ')})`;
  const seen = new Map<string, number>();
  roadmap.stages.forEach((stage, index) => {
    const first = seen.get(stage.id);
    if (first !== undefined)
      problems.push({
        path: ['stages', index, 'id'],
        message: `repeats "${stage.id}", already used by stages[${first}]`,
      });
    else seen.set(stage.id, index);
    if (typeof stage.hours === 'object') {
      for (const track of Object.keys(stage.hours)) {
        if (!trackIds.includes(track))
          problems.push({ path: ['stages', index, 'hours', track], key: track, message: unknownTrack(track) });
      }
      for (const track of trackIds) {
        if (!Object.hasOwn(stage.hours, track))
          problems.push({ path: ['stages', index, 'hours'], message: `has no hours for track "${track}"` });
      }
    }
    for (const track of Object.keys(stage.tracks ?? {})) {
      if (!trackIds.includes(track))
        problems.push({ path: ['stages', index, 'tracks', track], key: track, message: unknownTrack(track) });
    }
    problems.push(
      ...checkVariables(stage, index, roadmap.login !== undefined),
      ...checkSteps(stage, index, roadmap.login !== undefined),
      ...checkEvidence(stage, index, roadmap.login !== undefined),
    );
  });
  if (roadmap.login && !seen.has(roadmap.login.after)) {
    problems.push({ path: ['login', 'after'], message: `names unknown stage "${roadmap.login.after}"` });
  }
  (roadmap.skip_for_now ?? []).forEach((topic, index) => {
    if (topic.at !== undefined && !seen.has(topic.at)) {
      problems.push({ path: ['skip_for_now', index, 'at'], message: `names unknown stage "${topic.at}"` });
    }
  });
  return problems;
}

const TEMPLATE = /\$\{([^}]*)\}/g;

/** Every `${name}` in a value: strings, and the strings inside lists and maps. */
function templateNames(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') for (const match of value.matchAll(TEMPLATE)) into.push(match[1]!);
  else if (Array.isArray(value)) for (const item of value) templateNames(item, into);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) templateNames(item, into);
  return into;
}

/**
 * A check may use `${random}`, the learner's `${email}` and `${password}` when the roadmap
 * declares a login, and the variables that earlier checks captured; nothing else.
 */
function checkVariables(stage: RawStage, index: number, hasLogin: boolean): Problem[] {
  const problems: Problem[] = [];
  const known = new Set(['random', ...(hasLogin ? ['email', 'password'] : [])]);
  stage.checks?.steps.forEach((step, n) => {
    for (const name of templateNames([step.request, step.session, step.expect])) {
      if (!known.has(name)) {
        problems.push({
          path: ['stages', index, 'checks', 'steps', n],
          message: `uses \${${name}}, which no earlier check captures (known: ${[...known].join(', ')})`,
        });
      }
    }
    for (const name of Object.keys(step.capture ?? {})) known.add(name);
  });
  return problems;
}

/** Each step sends either a request or a step of the login, and the login steps need the roadmap's `login` block. */
function checkSteps(stage: RawStage, index: number, hasLogin: boolean): Problem[] {
  const problems: Problem[] = [];
  stage.checks?.steps.forEach((step, n) => {
    const path = ['stages', index, 'checks', 'steps', n];
    if ((step.request === undefined) === (step.session === undefined)) {
      problems.push({
        path,
        message: 'must have either a request or a session step (register, login or refresh), not both',
      });
    }
    if (!hasLogin && (step.session !== undefined || step.as === 'other')) {
      problems.push({
        path,
        message: "uses the learner session, which needs the roadmap's login block (register and login paths)",
      });
    }
  });
  return problems;
}

/**
 * Evidence names at least one kind, or says why there is none (and then nothing is checked);
 * finding a registered user's password needs the roadmap's login block to register one.
 */
function checkEvidence(stage: RawStage, index: number, hasLogin: boolean): Problem[] {
  const evidence = stage.evidence;
  if (!evidence) return [];
  const path = ['stages', index, 'evidence'];
  const kinds = (['database', 'repository', 'openapi', 'container'] as const).filter(
    (kind) => evidence[kind] !== undefined,
  );
  if (evidence.none !== undefined && (kinds.length > 0 || stage.checks)) {
    return [
      {
        path,
        message: `says none, yet the stage has ${kinds.length > 0 ? kinds.join(' and ') : 'checks'}: say why nothing is checked only when nothing is`,
      },
    ];
  }
  if (evidence.none === undefined && kinds.length === 0) {
    return [
      {
        path,
        message:
          'must name at least one kind (database, repository, openapi, container) or say none: why no machine can judge it',
      },
    ];
  }
  if (!hasLogin && evidence.database?.includes('password-hashed')) {
    return [
      {
        path: [...path, 'database'],
        message:
          "asks for password-hashed, which registers a user through the roadmap's login block; the roadmap has none",
      },
    ];
  }
  return [];
}
