/**
 * What one step of a check found, in a shape every kind of evidence shares: an HTTP exchange, a
 * database's tables and rows, a repository's history, an API document or a Dockerfile. Each says what it sent or looked at,
 * what the stage expects, what it got, and, when it can tell, one sentence naming the cause.
 */
export type EvidenceKind = 'http' | 'database' | 'repository' | 'openapi' | 'container';

export interface StepResult {
  name: string;
  kind: EvidenceKind;
  ok: boolean;
  /** False for a step that could not run (the server stopped answering, or a value it needed never came). */
  ran: boolean;
  /**
   * True for evidence that could not be looked at here for want of an input or a tool the learner
   * did not give (no --db, no repository, no Docker engine): reported, never counted for or
   * against the stage.
   */
  unchecked?: true;
  /** Failed on a near-miss (`_id`, an envelope, 200 for 201): the later steps went on with its values. */
  nearMiss: boolean;
  /** What was sent or looked at, on one line, e.g. `POST http://localhost:3000/todos {"title":"…"}`. */
  sent: string;
  expected: string;
  /** What came back (a status and a short excerpt), or why nothing did. */
  got: string | null;
  /** One sentence naming the cause and what the stage asks, when the check can tell. */
  why: string | null;
  /** The HTTP request itself, for scripts reading --json. */
  request?: { method: string; url: string; json?: unknown };
}

/** A check's run: every step's result and the remarks about the run as a whole ("your routes end in a slash: fine"). */
export interface CheckRun {
  results: StepResult[];
  notes: string[];
  /** The run's values: `random`, the learner's `email` and `password` when it logged in, and what steps captured (an id). */
  values: ReadonlyMap<string, unknown>;
}
