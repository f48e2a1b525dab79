import * as v from 'valibot';
import { isPlainObject, keyed, type KeyRule } from '../validation/keyed.js';
import {
  CONTAINER_DEMANDS,
  DATABASE_DEMANDS,
  EVIDENCE_KIND_NAMES,
  OPENAPI_DEMANDS,
  REPOSITORY_DEMANDS,
} from './evidence.js';
import { BLOCKED_PORTS, HTTP_METHODS, JSON_TYPES, RESOURCE_TYPES, SESSION_ACTIONS, SESSION_USERS } from './types.js';

/** 1000 as "1,000": written by hand, because toLocaleString loads ICU (~15 ms at start-up). */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Bounds that keep every text path fast and every screen readable; far above honest use. */
const LIMITS = {
  id: 64,
  title: 120,
  text: 1000,
  item: 300,
  url: 2000,
  list: 100,
  stages: 10_000,
  tracks: 20,
  stageHours: 1000,
  checks: 50,
  attempts: 20,
};

const ID_RULE = 'must use only lowercase letters, digits and single dashes (e.g. "sql-basics")';
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const rule = (pattern: RegExp, message: string): KeyRule => ({
  test: (key) => key.length <= LIMITS.id && pattern.test(key),
  message,
});
const ID_KEY = rule(ID, ID_RULE);

const text = (max: number) =>
  v.pipe(
    v.string('must be text'),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${thousands(max)} characters`),
  );
/** A map with exactly these fields; a list is not a map, although JavaScript calls both objects. */
const object = <T extends v.ObjectEntries>(entries: T, message = 'must be a map') =>
  v.pipe(v.custom<Record<string, unknown>>(isPlainObject, message), v.strictObject(entries, message));
const list = <T extends v.GenericSchema>(item: T, what: string) =>
  v.pipe(
    v.array(item, `must be a list of ${what}`),
    v.maxLength(LIMITS.list, `must hold at most ${LIMITS.list} ${what}`),
  );
const idText = v.pipe(
  v.string('must be text'),
  v.maxLength(LIMITS.id, `must be at most ${LIMITS.id} characters`),
  v.regex(ID, ID_RULE),
);
const hours = v.pipe(
  v.number('must be a positive number'),
  v.check((n) => Number.isFinite(n) && n > 0, 'must be a positive number'),
  v.maxValue(LIMITS.stageHours, `must be at most ${thousands(LIMITS.stageHours)} hours`),
);
const httpUrl = v.pipe(
  v.string('must be text'),
  v.maxLength(LIMITS.url, `must be at most ${LIMITS.url} characters`),
  v.check((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL'),
);

const resource = object({
  title: text(LIMITS.title),
  url: httpUrl,
  free: v.boolean('must be true or false'),
  type: v.optional(v.picklist(RESOURCE_TYPES, `must be one of ${RESOURCE_TYPES.join(', ')}`)),
});

const stageTrack = object({
  topics: v.optional(list(text(LIMITS.item), 'texts')),
  tools: v.optional(list(text(LIMITS.item), 'texts')),
  resources: v.optional(list(resource, 'resources')),
  project: v.optional(text(LIMITS.text)),
});

const JSON_PATH = /^\$(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/;
const JSON_PATH_RULE = 'must be a JSON path such as $, $.id or $.items[0].id';
const jsonPath = v.pipe(v.string('must be text'), v.regex(JSON_PATH, JSON_PATH_RULE));
const literal = v.union([v.string(), v.number(), v.boolean(), v.null()], 'must be text, a number, true, false or null');
const fields = keyed(
  rule(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a field name'),
  literal,
  'must be a map of fields to values',
);
const matcher = v.union(
  [
    literal,
    v.strictObject({ exists: v.boolean() }),
    v.strictObject({ type: v.picklist(JSON_TYPES) }),
    v.strictObject({ has: fields }),
    v.strictObject({ lacks: fields }),
  ],
  `must be a value, {exists: true|false}, {type: ${JSON_TYPES.join('|')}}, {has: {field: value}} or {lacks: {field: value}}`,
);
const status = v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(599));

const path = v.pipe(
  v.string('must be text'),
  v.maxLength(LIMITS.item),
  // Only paths on the learner's own server: no scheme, no host, no protocol-relative "//".
  v.regex(/^\/(?!\/)[^\s\\]*$/, 'must be a path on your server starting with a single /, e.g. /todos'),
);
// Headers the check's client sets itself or that change the connection (fetch refuses them
// outright): a check naming one could not say what it sends.
const UNSENDABLE_HEADERS = [
  'Host',
  'Content-Length',
  'Transfer-Encoding',
  'Connection',
  'Keep-Alive',
  'Upgrade',
  'Expect',
];
const headerName = rule(
  new RegExp(`^(?!(?:${UNSENDABLE_HEADERS.join('|')})$)[A-Za-z0-9-]+$`, 'i'),
  `must be a header name the check may set (not ${UNSENDABLE_HEADERS.join(', ')})`,
);
const SESSION_RULE = `must be one of ${SESSION_ACTIONS.join(', ')}, or a map {action, user?, password?}`;
const session = v.union(
  [
    v.picklist(SESSION_ACTIONS),
    v.strictObject({
      action: v.picklist(SESSION_ACTIONS),
      user: v.optional(v.picklist(SESSION_USERS)),
      password: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.item))),
    }),
  ],
  SESSION_RULE,
);

const check = object({
  name: text(LIMITS.title),
  request: v.optional(
    object({
      method: v.picklist(HTTP_METHODS, `must be one of ${HTTP_METHODS.join(', ')}`),
      path,
      json: v.optional(v.unknown()),
      headers: v.optional(
        keyed(
          headerName,
          v.pipe(v.string('must be text'), v.maxLength(LIMITS.item)),
          'must be a map of header names to texts',
        ),
      ),
    }),
  ),
  session: v.optional(session),
  as: v.optional(v.picklist([...SESSION_USERS, 'nobody'], `must be one of ${[...SESSION_USERS, 'nobody'].join(', ')}`)),
  attempts: v.optional(
    v.pipe(
      v.number(`must be a whole number from 1 to ${LIMITS.attempts}`),
      v.integer(`must be a whole number from 1 to ${LIMITS.attempts}`),
      v.minValue(1, `must be a whole number from 1 to ${LIMITS.attempts}`),
      v.maxValue(LIMITS.attempts, `must be a whole number from 1 to ${LIMITS.attempts}`),
    ),
  ),
  expect: object({
    status: v.union(
      [status, v.pipe(v.array(status), v.minLength(1))],
      'must be an HTTP status from 100 to 599, or a list of them',
    ),
    json: v.optional(
      keyed(rule(JSON_PATH, JSON_PATH_RULE), matcher, 'must be a map of JSON paths to expectations', LIMITS.list),
    ),
  }),
  capture: v.optional(
    keyed(
      rule(/^[a-z][a-z0-9_]*$/, 'must be a variable name such as id or access_token'),
      jsonPath,
      'must be a map of variable names to JSON paths',
    ),
  ),
  hint: v.optional(text(LIMITS.item)),
});

const port = v.pipe(
  v.number('must be a port number from 1 to 65535'),
  v.integer('must be a port number from 1 to 65535'),
  v.minValue(1, 'must be a port number from 1 to 65535'),
  v.maxValue(65535, 'must be a port number from 1 to 65535'),
  v.check(
    (n) => !BLOCKED_PORTS.has(n),
    'must be a port browsers and fetch connect to (they refuse a few, such as 6000 and 10080)',
  ),
);
const paths = v.union(
  [path, v.pipe(v.array(path), v.minLength(1), v.maxLength(10))],
  'must be a path or a list of paths',
);

/** The learner session, declared once: the stage that teaches it and where the API registers, logs in and refreshes. */
const login = object({
  after: idText,
  register: path,
  login: paths,
  refresh: v.optional(paths),
});

const stageChecks = object({
  public: v.optional(v.boolean('must be true or false')),
  steps: v.pipe(
    v.array(check, 'must be a list of checks'),
    v.minLength(1, 'must list at least one check'),
    v.maxLength(LIMITS.checks),
  ),
});

/** A list of what to look for, each named at most once, from the demands a kind knows. */
const demands = <const T extends readonly string[]>(names: T) => {
  const message = `must be a list of ${names.join(', ')}`;
  return v.pipe(
    v.array(v.picklist(names, `must be one of ${names.join(', ')}`), message),
    v.minLength(1, message),
    v.check((items) => new Set(items).size === items.length, 'must name each at most once'),
  );
};

const EVIDENCE_RULE = `must be a map from evidence kinds (${EVIDENCE_KIND_NAMES.join(', ')}) to what to look for, or {none: why no machine can judge it}`;
const stageEvidence = object(
  {
    database: v.optional(demands(DATABASE_DEMANDS)),
    repository: v.optional(demands(REPOSITORY_DEMANDS)),
    openapi: v.optional(demands(OPENAPI_DEMANDS)),
    container: v.optional(demands(CONTAINER_DEMANDS)),
    none: v.optional(text(LIMITS.item)),
  },
  EVIDENCE_RULE,
);

const stage = object({
  id: idText,
  title: text(LIMITS.title),
  hours: v.union(
    [hours, keyed(ID_KEY, hours, 'must be a positive number, or a map from track id to hours', LIMITS.tracks)],
    'must be a positive number, or a map from track id to hours',
  ),
  hours_basis: v.optional(text(LIMITS.text)),
  summary: v.optional(text(LIMITS.text)),
  topics: v.optional(list(text(LIMITS.item), 'texts')),
  resources: v.optional(list(resource, 'resources')),
  project: v.optional(text(LIMITS.text)),
  optional: v.optional(v.boolean('must be true or false')),
  tracks: v.optional(keyed(ID_KEY, stageTrack, 'must be a map from track id to track details', LIMITS.tracks)),
  self_check: v.optional(
    v.pipe(
      v.array(
        v.pipe(text(LIMITS.item), v.startsWith('I can ', 'must start with "I can "')),
        'must be a list of "I can ..." statements',
      ),
      v.minLength(3, 'must list three to six "I can ..." statements'),
      v.maxLength(6, 'must list three to six "I can ..." statements'),
    ),
  ),
  pitfalls: v.optional(list(text(LIMITS.item), 'texts')),
  checks: v.optional(stageChecks),
  evidence: v.optional(stageEvidence),
});

export const roadmapSchema = object(
  {
    id: idText,
    title: text(LIMITS.title),
    version: v.optional(v.union([v.pipe(v.string(), v.maxLength(LIMITS.id)), v.number()], 'must be text or a number')),
    summary: v.optional(text(LIMITS.text)),
    sources: v.optional(
      list(
        object({
          publisher: text(LIMITS.title),
          title: text(LIMITS.title),
          date: v.optional(v.pipe(v.string('must be text'), v.maxLength(LIMITS.id))),
          url: v.optional(httpUrl),
        }),
        'sources',
      ),
    ),
    reference_hours_per_week: v.optional(
      v.pipe(
        v.number('must be a number of hours from 1 to 80'),
        v.minValue(1, 'must be a number of hours from 1 to 80'),
        v.maxValue(80, 'must be a number of hours from 1 to 80'),
      ),
    ),
    hours_basis: v.optional(text(LIMITS.text)),
    tracks: v.pipe(
      keyed(
        ID_KEY,
        object({ title: text(LIMITS.title), summary: v.optional(text(LIMITS.item)), port: v.optional(port) }),
        'must be a map from track id to {title}',
        LIMITS.tracks,
      ),
      v.check((tracks) => Object.keys(tracks).length > 0, 'must name at least one track'),
    ),
    stages: v.pipe(
      v.array(stage, 'must be a list of stages'),
      v.minLength(1, 'must list at least one stage'),
      v.maxLength(LIMITS.stages, `must list at most ${thousands(LIMITS.stages)} stages`),
    ),
    skip_for_now: v.optional(
      list(object({ topic: text(LIMITS.title), reason: text(LIMITS.item), at: v.optional(idText) }), 'topics'),
    ),
    login: v.optional(login),
  },
  'must be a map with id, title, tracks and stages',
);

export type RawRoadmap = v.InferOutput<typeof roadmapSchema>;
export type RawStage = RawRoadmap['stages'][number];
export type RawCheck = NonNullable<RawStage['checks']>['steps'][number];
