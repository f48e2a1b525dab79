/**
 * What every kind of evidence reports, one line per thing a reviewer would look at: the same
 * shape for a database, a repository, an API document and a container, so one renderer, one kept
 * result and one portfolio line serve them all.
 */
export interface EvidenceStep {
  name: string;
  ok: boolean;
  /** False when the step could not be judged (what it needed was missing or an earlier step failed). */
  ran: boolean;
  /** What was looked at, in words: a table, a file, the git history, a document's address. */
  looked: string;
  expected: string;
  /** What was found; or why nothing could be. */
  got: string | null;
}

/**
 * The evidence could not be gathered at all (a database that refuses the login, a folder that is
 * not a git repository, a document that is not there): the message is the one sentence the
 * learner sees, and no step says anything useful then.
 */
export class EvidenceUnavailable extends Error {
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'EvidenceUnavailable';
    this.hint = hint;
  }
}

/** A step judged from facts: `ok` decides, the rest says why. */
export function judged(name: string, looked: string, expected: string, ok: boolean, got: string): EvidenceStep {
  return { name, ok, ran: true, looked, expected, got };
}

/** A step that could not be judged, with the reason in `got`. */
export function notJudged(name: string, looked: string, expected: string, why: string): EvidenceStep {
  return { name, ok: false, ran: false, looked, expected, got: `not run: ${why}` };
}

/** Names in a sentence: "a", "a and b", "a, b and c". */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
