import type { EvidenceKind, StepResult } from './result.js';

/**
 * A step of evidence beyond HTTP: the shape the HTTP check's steps have, with `sent` saying what
 * was looked at (a table, a file, the git history, a document's address), so one renderer, one
 * kept result and one portfolio line serve them all.
 */
export type EvidenceStep = StepResult;

/** What a step looks at and expects, before it is judged. */
export interface StepFrame {
  kind: Exclude<EvidenceKind, 'http'>;
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

/** Evidence that cannot be looked at here (no database given, no Docker engine): said, never counted. */
export function notHere(frame: StepFrame, reason: string): EvidenceStep {
  return {
    ...frame,
    ok: false,
    ran: false,
    unchecked: true,
    nearMiss: false,
    got: `not checked here: ${reason}`,
    why: null,
  };
}

/** Names in a sentence: "a", "a and b", "a, b and c". */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
