/**
 * What every kind of evidence beyond HTTP reports, one step per thing a reviewer would look at,
 * in the shape the HTTP check's steps have (what was sent or looked at, what the stage expects,
 * what was found, and a sentence naming the cause), so one renderer, one kept result and one
 * portfolio line serve them all.
 */
export type EvidenceKind = 'database' | 'repository' | 'openapi' | 'container';

export interface EvidenceStep {
  name: string;
  kind: EvidenceKind;
  ok: boolean;
  /** False when the step could not be judged (what it needed was missing). */
  ran: boolean;
  /** Near-misses are an HTTP idea; evidence steps are judged plainly. */
  nearMiss: false;
  /** What was looked at, in words: a table, a file, the git history, a document's address. */
  sent: string;
  expected: string;
  /** What was found; or why nothing could be. */
  got: string | null;
  /** One sentence saying what to do about a failure, when there is one to say. */
  why: string | null;
}

/** What a step looks at and expects, before it is judged. */
export interface StepFrame {
  kind: EvidenceKind;
  name: string;
  sent: string;
  expected: string;
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

/** A step judged from facts: `ok` decides; `got` says what was found and `why` what to do about it. */
export function judged(frame: StepFrame, ok: boolean, got: string, why: string | null = null): EvidenceStep {
  return { ...frame, ok, ran: true, nearMiss: false, got, why: ok ? null : why };
}

/** A step that could not be judged, with the reason. */
export function notJudged(frame: StepFrame, reason: string): EvidenceStep {
  return { ...frame, ok: false, ran: false, nearMiss: false, got: `not run: ${reason}`, why: null };
}

/** Names in a sentence: "a", "a and b", "a, b and c". */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
