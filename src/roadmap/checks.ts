/**
 * The checks of a roadmap as the program uses them (roadmaps/README.md, "Checks"): each stage's
 * steps, and the login declared once for the whole roadmap.
 */

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const JSON_TYPES = ['string', 'number', 'boolean', 'array', 'object', 'null'] as const;
export type JsonType = (typeof JSON_TYPES)[number];

/**
 * What a value in a response must be: equal to a literal, present or absent, of a type, or an
 * array holding a match, or one holding none.
 */
export type Matcher =
  | { equals: string | number | boolean | null }
  | { exists: boolean }
  | { type: JsonType }
  | { has: Record<string, string | number | boolean | null> }
  | { lacks: Record<string, string | number | boolean | null> };

export interface Expectation {
  status: number[];
  json: [string, Matcher][];
}

/** The two fresh users a check may register: the learner's, and a second one to test that they are kept apart. */
export const SESSION_USERS = ['learner', 'other'] as const;
export type SessionUser = (typeof SESSION_USERS)[number];
export const SESSION_ACTIONS = ['register', 'login', 'refresh'] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];
/** Whose token a request carries; `nobody` sends none. */
export type Speaker = SessionUser | 'nobody';

/** One step of a stage's project contract and what its answer must be. */
export interface Check {
  name: string;
  /** A plain request; null for a step of the login itself (`session`). */
  request: { method: HttpMethod; path: string; json?: unknown; headers: [string, string][] } | null;
  /** A register, login or refresh sent the way the roadmap's login block says (JSON, then the OAuth2 form). */
  session: { action: SessionAction; user: SessionUser; password: string | null } | null;
  /** Whose token to send; null: the learner's in a logged-in stage, none before. */
  as: Speaker | null;
  /** Send up to this many times and pass at the first answer that meets `expect` (a login throttle). */
  attempts: number;
  expect: Expectation;
  /** Variables taken from the response: name → JSON path. */
  capture: [string, string][];
  /** Said when the step fails: the mistake a reviewer would name. */
  hint: string | null;
}

export interface StageChecks {
  /** The project must be live: the URL has to be https and not a local address. */
  public: boolean;
  steps: Check[];
}

/**
 * How the learner's API registers and logs users in, declared once per roadmap: the checks of
 * every stage after `after` (the stage that teaches it) run as a fresh logged-in user.
 */
export interface LoginFlow {
  after: string;
  register: string;
  /** Login paths tried in order; a 404 or 405 moves on to the next. */
  login: string[];
  /** Refresh paths tried in order. */
  refresh: string[];
}

/**
 * Ports the Fetch standard blocks (https://fetch.spec.whatwg.org/#port-blocking): browsers refuse
 * to connect to them, so no web page could ever call an API served there. `--url` and a track's
 * `port` refuse them with a sentence, before a learner builds on one.
 */
export const BLOCKED_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
  111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
  540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
  6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);
