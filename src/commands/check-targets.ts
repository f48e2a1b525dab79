import { resolve } from 'node:path';
import { parseDatabaseUrl, REMOTE_DATABASE_FLAG } from '../check/database/address.js';
import type { Learner } from '../coach/learner.js';
import { UsageError } from '../errors.js';
import { evidenceNeedsApi, type Roadmap, type Stage, type StageEvidence } from '../roadmap/types.js';

/** What `check` was told besides the API's URL: where the learner's database, repository and API document are. */
export interface EvidenceOptions {
  db?: string;
  /** The database is not on this machine or its network, and the learner means it. */
  remoteDb?: boolean;
  repo?: string;
  spec?: string;
}

export interface EvidenceTargets {
  /** The database to read, with its password (never printed), and whether it came from --db. */
  database: { url: URL; given: boolean } | null;
  repo: string;
  /** The repository was named with --repo (not just this folder). */
  repoGiven: boolean;
  spec: string | null;
}

/** The stage's evidence when a machine checks some of it; null when it declares none or says why none. */
export function checkedEvidence(stage: Stage): StageEvidence | null {
  const evidence = stage.evidence;
  if (!evidence || evidence.none !== null) return null;
  return evidence;
}

/** Whether the check sends requests to the learner's API: its contract, or evidence made through it. */
export function usesApi(stage: Stage, specGiven = false): boolean {
  return stage.checks !== null || evidenceNeedsApi(checkedEvidence(stage), specGiven);
}

/** The refusal for a stage with nothing a machine checks: the roadmap's reason, and the stages that have checks. */
export function nothingToCheck(roadmap: Roadmap, stage: Stage, done: boolean): UsageError {
  const checkable = roadmap.stages.filter((s) => s.checks || checkedEvidence(s)).map((s) => s.id);
  const why = stage.evidence?.none;
  return new UsageError(
    why ? `No machine can check the stage ${stage.id}: ${why}` : `The stage ${stage.id} has no checks to run.`,
    [
      why && !done
        ? `On a terminal, \`backend-path done ${stage.id}\` shows its self-check and asks before marking it done.`
        : '',
      checkable.length > 0 ? `Stages with checks: ${checkable.join(', ')}.` : '',
    ]
      .filter(Boolean)
      .join(' '),
  );
}

/** The database to read: --db, else the one the last database check read; null when neither is known. */
function databaseTarget(learner: Learner, options: EvidenceOptions): EvidenceTargets['database'] {
  const text = options.db ?? learner.checkDatabase;
  if (!text) return null;
  try {
    return { url: parseDatabaseUrl(text, { allowRemote: options.remoteDb === true }), given: options.db !== undefined };
  } catch (error) {
    // A remembered address that is refused now says where it came from.
    if (options.db === undefined && error instanceof UsageError)
      throw new UsageError(
        `${error.message} (It is the database the last check read.)`,
        error.hint ?? `Give another with --db, or add ${REMOTE_DATABASE_FLAG}.`,
      );
    throw error;
  }
}

/** Where each declared kind of evidence is: --db (or the one remembered), --repo (or this folder), --spec. */
export function evidenceTargets(
  learner: Learner,
  stage: Stage,
  options: EvidenceOptions,
  cwd: string,
): EvidenceTargets {
  const evidence = checkedEvidence(stage);
  const spec =
    options.spec === undefined ? null : /^https?:\/\//i.test(options.spec) ? options.spec : resolve(cwd, options.spec);
  return {
    database: evidence && evidence.database.length > 0 ? databaseTarget(learner, options) : null,
    repo: resolve(cwd, options.repo ?? '.'),
    repoGiven: options.repo !== undefined,
    spec,
  };
}
