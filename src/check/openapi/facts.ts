/** What the API-document check found: plain data, judged elsewhere. */

export interface DocumentAttempt {
  /** Where the check looked: a URL or a file. */
  source: string;
  /** What was there, in words, when it was not an OpenAPI document. */
  outcome: string;
}

export interface OpenApiFacts {
  /** The places tried before the document was found (or all of them, when it was not). */
  attempts: DocumentAttempt[];
  /** The document, where one was found. */
  found?: {
    source: string;
    document: Record<string, unknown>;
    /** The validator's verdict: the OpenAPI version it validated against, or its first complaints. */
    validation: { valid: true; version: string } | { valid: false; errors: string[] };
  };
}
