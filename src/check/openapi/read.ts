import { readFile, stat } from 'node:fs/promises';
import type { Validator } from '@seriousme/openapi-schema-validator';
import { EvidenceUnavailable } from '../step.js';
import type { DocumentAttempt, OpenApiFacts } from './facts.js';

/**
 * Where the track's frameworks serve the document by default: FastAPI's /openapi.json; Express
 * with swagger-jsdoc at /api-docs (or .json) or /swagger.json; NestJS's SwaggerModule at
 * /api-json; drf-spectacular's /api/schema/; springdoc's /v3/api-docs.
 */
const DOCUMENT_PATHS = [
  '/openapi.json',
  '/api-docs',
  '/api-docs.json',
  '/swagger.json',
  '/api-json',
  '/api/schema/',
  '/docs-json',
  '/v3/api-docs',
];

const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
const ACCEPT = 'application/json, application/yaml;q=0.9, */*;q=0.1';
const TIMEOUT_MS = 4000;
const MAX_ERRORS = 3;

export type DocumentSource = { base: URL } | { spec: string };

/** A document's text as data: JSON first (the usual case, and fast), then YAML (drf-spectacular's default). */
async function parseDocument(text: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    const { parse } = await import('yaml');
    return parse(text, { maxAliasCount: 100 });
  }
}

const isDocument = (value: unknown): value is Record<string, unknown> =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  (typeof (value as { openapi?: unknown }).openapi === 'string' ||
    typeof (value as { swagger?: unknown }).swagger === 'string');

/**
 * The validator's complaints a learner can act on: with every error collected, the schema's
 * alternatives (oneOf, if/else, "or a $ref instead") add a complaint per branch, which say less
 * than the one that names the missing field.
 */
type SchemaError = Exclude<Awaited<ReturnType<Validator['validate']>>['errors'], string | undefined>[number];

function actionable(errors: readonly SchemaError[]): string[] {
  const useful = errors.filter(
    (e) =>
      !['oneOf', 'anyOf', 'if'].includes(e.keyword) &&
      !(e.keyword === 'required' && (e.params as { missingProperty?: string }).missingProperty === '$ref'),
  );
  return [
    ...new Set(
      (useful.length > 0 ? useful : errors).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is not valid'}`),
    ),
  ].slice(0, MAX_ERRORS);
}

async function validate(document: Record<string, unknown>): Promise<NonNullable<OpenApiFacts['found']>['validation']> {
  const { Validator } = await import('@seriousme/openapi-schema-validator');
  const validator = new Validator({ allErrors: true });
  // The validator keeps what it is given; a copy leaves the facts as the server sent them.
  const result = await validator.validate(structuredClone(document));
  if (result.valid) return { valid: true, version: validator.version };
  return {
    valid: false,
    errors: typeof result.errors === 'string' ? [result.errors] : actionable(result.errors ?? []),
  };
}

/** Redirects followed to the document, within the learner's site. */
const MAX_REDIRECTS = 5;

/** One place the document may be: what was found there, or the document itself. */
async function fetchCandidate(
  url: URL,
  timeoutMs: number,
): Promise<DocumentAttempt | { source: string; document: Record<string, unknown> }> {
  const source = url.href;
  const { send } = await import('../http.js');
  let current = url;
  let answer = await send({ method: 'GET', url: current, headers: { accept: ACCEPT } }, timeoutMs, MAX_DOCUMENT_BYTES);
  for (let hop = 0; hop < MAX_REDIRECTS && answer.status >= 300 && answer.status < 400 && answer.location; hop++) {
    current = new URL(answer.location, current);
    if (current.origin !== url.origin) return { source, outcome: `redirects to another site, ${current.origin}` };
    answer = await send({ method: 'GET', url: current, headers: { accept: ACCEPT } }, timeoutMs, MAX_DOCUMENT_BYTES);
  }
  if (answer.status !== 200) return { source, outcome: `answered ${answer.status}` };
  if (answer.whole === false) return { source, outcome: `is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB` };
  const text = answer.text;
  if (/^\s*</.test(text)) return { source, outcome: 'is a web page, not the document behind it' };
  let parsed: unknown;
  try {
    parsed = await parseDocument(text);
  } catch (error) {
    throw new EvidenceUnavailable(
      `${source} answered with a document that is neither JSON nor YAML: ${(error as Error).message.split('\n')[0]}.`,
    );
  }
  return isDocument(parsed)
    ? { source, document: parsed }
    : { source, outcome: 'is not an OpenAPI document (no openapi or swagger field)' };
}

function unreachable(error: unknown, url: URL): EvidenceUnavailable {
  // The transport's own words: "nothing accepted the connection", "no answer within 4 seconds"...
  const why = (error as Error).message;
  return new EvidenceUnavailable(
    `Nothing answered at ${url.origin} (${why}) — is your server running?`,
    'Start it, then run the check again.',
  );
}

async function fromServer(urls: URL[], timeoutMs: number): Promise<OpenApiFacts> {
  const attempts: DocumentAttempt[] = [];
  for (const url of urls) {
    let candidate: Awaited<ReturnType<typeof fetchCandidate>>;
    try {
      candidate = await fetchCandidate(url, timeoutMs);
    } catch (error) {
      if (error instanceof EvidenceUnavailable) throw error;
      throw unreachable(error, url);
    }
    if ('outcome' in candidate) attempts.push(candidate);
    else return { attempts, found: { ...candidate, validation: await validate(candidate.document) } };
  }
  return { attempts };
}

async function fromFile(path: string): Promise<OpenApiFacts> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile())
    throw new EvidenceUnavailable(
      info?.isDirectory() ? `${path} is a folder, not your API document.` : `There is no file ${path}.`,
      '--spec takes a file or an http(s) URL of your OpenAPI document.',
    );
  if (info.size > MAX_DOCUMENT_BYTES)
    throw new EvidenceUnavailable(
      `${path} is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB; an API document is far smaller.`,
    );
  let parsed: unknown;
  try {
    parsed = await parseDocument(await readFile(path, 'utf8'));
  } catch (error) {
    throw new EvidenceUnavailable(`${path} is neither JSON nor YAML: ${(error as Error).message.split('\n')[0]}.`);
  }
  if (!isDocument(parsed))
    return { attempts: [{ source: path, outcome: 'is not an OpenAPI document (no openapi or swagger field)' }] };
  return { attempts: [], found: { source: path, document: parsed, validation: await validate(parsed) } };
}

/**
 * Finds the learner's API document, at the address given with --spec or at the framework
 * defaults under their API's base URL, and has it validated as OpenAPI.
 */
export async function readOpenApi(source: DocumentSource, options: { timeoutMs?: number } = {}): Promise<OpenApiFacts> {
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  if ('spec' in source)
    return /^https?:\/\//i.test(source.spec) ? fromServer([new URL(source.spec)], timeoutMs) : fromFile(source.spec);
  const prefix = source.base.pathname.replace(/\/+$/, '');
  return fromServer(
    DOCUMENT_PATHS.map((path) => new URL(`${prefix}${path}`, source.base.origin)),
    timeoutMs,
  );
}
