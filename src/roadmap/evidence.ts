/**
 * The evidence beyond HTTP a stage declares (roadmaps/README.md, "Evidence"): which kinds a
 * machine checks and what it looks for in each, or why no machine can judge the stage's project.
 */

/** What a stage can ask of the learner's database (`--db`). */
export const DATABASE_DEMANDS = ['schema', 'todo-stored', 'password-hashed'] as const;
/** What a stage can ask of the learner's git repository (`--repo`, default the current folder). */
export const REPOSITORY_DEMANDS = ['history', 'gitignore', 'no-secrets', 'readme', 'tests', 'ci', 'live-url'] as const;
/** What a stage can ask of the learner's OpenAPI document (served by the API, or `--spec`). */
export const OPENAPI_DEMANDS = ['valid', 'todo-endpoints'] as const;
/** What a stage can ask of the learner's container: the Dockerfile read, and the image built and run where an engine is. */
export const CONTAINER_DEMANDS = ['dockerfile', 'run'] as const;

export type DatabaseDemand = (typeof DATABASE_DEMANDS)[number];
export type RepositoryDemand = (typeof REPOSITORY_DEMANDS)[number];
export type OpenApiDemand = (typeof OPENAPI_DEMANDS)[number];
export type ContainerDemand = (typeof CONTAINER_DEMANDS)[number];

export const EVIDENCE_DEMANDS = {
  database: DATABASE_DEMANDS,
  repository: REPOSITORY_DEMANDS,
  openapi: OPENAPI_DEMANDS,
  container: CONTAINER_DEMANDS,
} as const;
export type EvidenceKindName = keyof typeof EVIDENCE_DEMANDS;
export const EVIDENCE_KIND_NAMES = Object.keys(EVIDENCE_DEMANDS) as EvidenceKindName[];

export interface StageEvidence {
  database: DatabaseDemand[];
  repository: RepositoryDemand[];
  openapi: OpenApiDemand[];
  container: ContainerDemand[];
  /** Why no machine can judge the stage's project (its self-check is the proof); null when something is checked. */
  none: string | null;
}

/** What each demand looks at, in the words `roadmaps show` and `next` use. */
const LOOKS_AT: { [K in EvidenceKindName]: Record<(typeof EVIDENCE_DEMANDS)[K][number], string> } = {
  database: {
    schema: 'users and todos tables, NOT NULL, the todos → users foreign key and its index',
    'todo-stored': 'a todo created through your API is in the todos table',
    'password-hashed': 'passwords are stored as bcrypt, argon2, scrypt or PBKDF2 hashes',
  },
  repository: {
    history: 'commits on several days with real messages, none holding everything',
    gitignore: 'a .gitignore for dependencies and .env',
    'no-secrets': 'no .env, key or token in any commit',
    readme: 'a README that says how to run it',
    tests: 'a test command and test files',
    ci: 'a CI workflow that runs the tests on push',
    'live-url': 'a README that names the live URL',
  },
  openapi: {
    valid: 'an OpenAPI document that validates',
    'todo-endpoints': 'it describes the todo endpoints',
  },
  container: {
    dockerfile: 'a pinned, small base image, a non-root user, a .dockerignore, no secret in ENV',
    run: 'the image built, started and checked (where Docker runs)',
  },
};

const WHERE: Record<EvidenceKindName, string> = {
  database: 'your database (--db)',
  repository: 'your repository (--repo, default this folder)',
  openapi: "your API's OpenAPI document (or --spec)",
  container: 'your Dockerfile (--repo)',
};

/** One line per declared kind: where the check looks and what for. */
function describeEvidence(evidence: StageEvidence): string[] {
  if (evidence.none !== null) return [];
  return EVIDENCE_KIND_NAMES.filter((kind) => evidence[kind].length > 0).map((kind) => {
    const looks = LOOKS_AT[kind] as Record<string, string>;
    return `${WHERE[kind]}: ${(evidence[kind] as readonly string[]).map((demand) => looks[demand]).join('; ')}`;
  });
}

/**
 * Whether a stage's evidence needs the learner's running API: to create the rows it looks for,
 * or to fetch the API document, unless the learner named the document with --spec.
 */
export function evidenceNeedsApi(evidence: StageEvidence | null, specGiven = false): boolean {
  if (!evidence) return false;
  return evidence.database.some((d) => d !== 'schema') || (evidence.openapi.length > 0 && !specGiven);
}

/**
 * What `backend-path check <stage>` looks at, one line per kind, for `roadmaps show` and `next`:
 * the API contract and every kind of evidence; empty when no machine checks the stage.
 */
export function describeStageChecks(stage: {
  checks: { public: boolean; steps: readonly unknown[] } | null;
  evidence: StageEvidence | null;
}): string[] {
  const api = stage.checks
    ? [
        `your ${stage.checks.public ? 'live' : 'running'} API: ${stage.checks.steps.length} requests of the stage's contract`,
      ]
    : [];
  return [...api, ...(stage.evidence ? describeEvidence(stage.evidence) : [])];
}
