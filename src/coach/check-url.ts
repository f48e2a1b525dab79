import type { Stage } from '../roadmap/types.js';
import type { Learner } from './learner.js';

/** The port of a track that declares none: Express examples and most Node tutorials use 3000. */
export const FALLBACK_PORT = 3000;
/** What a public stage's suggestion shows until the learner has given their live address. */
export const PUBLIC_URL_EXAMPLE = 'https://your-app.example.com';
/** What a database stage's suggestion shows until the learner has given their database. */
export const DATABASE_URL_EXAMPLE = 'postgres://user:password@localhost:5432/todos';

/**
 * The URL `check <stage>` uses without `--url`: the one last used for that stage; for a local
 * stage, else the last local URL a check answered at for this plan, else localhost on the
 * track's default port. A public stage has no default: it needs the learner's live address.
 */
export function defaultCheckUrl(learner: Learner, stage: Stage): string | null {
  const last = learner.checks.get(stage.id)?.url;
  if (last) return last;
  if (stage.checks?.public) return null;
  if (learner.checkUrl) return learner.checkUrl;
  const port = learner.roadmap.tracks.get(learner.profile.track)?.port ?? FALLBACK_PORT;
  return `http://localhost:${port}/`;
}

/**
 * The command to suggest for a stage's check: the bare command whenever it will use the right
 * URL by itself, and with `--url` for a public stage whose address the check does not know yet.
 */
export function checkCommandFor(learner: Learner, stage: Stage): string {
  const url = stage.checks && !defaultCheckUrl(learner, stage) ? ` --url ${PUBLIC_URL_EXAMPLE}` : '';
  // The database's address is asked for once, then remembered (with its password, never printed).
  const evidence = stage.evidence?.none === null ? stage.evidence : null;
  const db = evidence && evidence.database.length > 0 && !learner.checkDatabase ? ` --db ${DATABASE_URL_EXAMPLE}` : '';
  return `backend-path check ${stage.id}${url}${db}`;
}
