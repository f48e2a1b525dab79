import { judged, listed, notJudged, type EvidenceStep } from '../step.js';
import type { OpenApiFacts } from './facts.js';

export interface Operation {
  method: string;
  /** A path with its parameters in braces, e.g. /todos/{id}. */
  path: string;
}

/** The todo endpoints the HTTP contract sends requests to. */
export const TODO_OPERATIONS: readonly Operation[] = [
  { method: 'POST', path: '/todos' },
  { method: 'GET', path: '/todos' },
  { method: 'GET', path: '/todos/{id}' },
  { method: 'PATCH', path: '/todos/{id}' },
  { method: 'DELETE', path: '/todos/{id}' },
];

const FOUND_STEP = 'the API serves its OpenAPI document';
const VALID_STEP = 'the document is valid OpenAPI';
const OPERATIONS_STEP = 'the document describes the todo endpoints';

/** A path with every parameter written `{}` and no trailing slash, so /todos/{todo_id}/ and /todos/{id} compare equal. */
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const shape = (path: string) => path.replace(/\{[^}]*\}/g, '{}').replace(/\/+$/, '') || '/';

/**
 * The operations a document describes. Paths are compared by their ending, since the document
 * may put a prefix (/api/v1) in `servers` or `basePath` or in the paths themselves.
 */
function describedOperations(document: Record<string, unknown>): { method: string; path: string }[] {
  const paths = document.paths;
  if (paths === null || typeof paths !== 'object') return [];
  return Object.entries(paths as Record<string, unknown>).flatMap(([path, item]) =>
    item !== null && typeof item === 'object'
      ? Object.keys(item)
          .filter((key) => METHODS.has(key.toLowerCase()))
          .map((method) => ({ method: method.toUpperCase(), path: shape(path) }))
      : [],
  );
}

function operationsStep(facts: OpenApiFacts, wanted: readonly Operation[]): EvidenceStep {
  const found = facts.found!;
  const described = describedOperations(found.document);
  const missing = wanted.filter(
    (op) =>
      !described.some((d) => d.method === op.method && (d.path === shape(op.path) || d.path.endsWith(shape(op.path)))),
  );
  const names = (ops: readonly Operation[]) => listed(ops.map((op) => `${op.method} ${op.path}`));
  const got =
    missing.length === 0
      ? `all ${wanted.length} are there`
      : `${names(missing)} ${missing.length === 1 ? 'is' : 'are'} missing (the document has ${described.length} operations)`;
  return judged(OPERATIONS_STEP, found.source, names(wanted), missing.length === 0, got);
}

/** Whether the learner's API document is there, valid, and describes the endpoints the contract uses. */
export function judgeOpenApi(facts: OpenApiFacts, wanted: readonly Operation[] = TODO_OPERATIONS): EvidenceStep[] {
  const tried = facts.attempts.map((a) => `${a.source} ${a.outcome}`);
  if (!facts.found) {
    const looked =
      facts.attempts.length === 1 ? facts.attempts[0]!.source : 'the paths frameworks serve it at by default';
    const why = 'no document was found';
    return [
      judged(
        FOUND_STEP,
        looked,
        'an OpenAPI (or Swagger) document as JSON or YAML',
        false,
        `${tried.join('; ')}. Name yours with --spec URL-or-file`,
      ),
      notJudged(VALID_STEP, looked, 'a document the OpenAPI schema accepts', why),
      notJudged(OPERATIONS_STEP, looked, listed(wanted.map((op) => `${op.method} ${op.path}`)), why),
    ];
  }
  const { source, document, validation } = facts.found;
  const version = String(document.openapi ?? document.swagger);
  const steps = [
    judged(
      FOUND_STEP,
      source,
      'an OpenAPI (or Swagger) document as JSON or YAML',
      true,
      `found, ${document.openapi ? 'OpenAPI' : 'Swagger'} ${version}`,
    ),
  ];
  steps.push(
    validation.valid
      ? judged(
          VALID_STEP,
          source,
          'a document the OpenAPI schema accepts',
          true,
          `valid against the OpenAPI ${validation.version} schema`,
        )
      : judged(VALID_STEP, source, 'a document the OpenAPI schema accepts', false, validation.errors.join('; ')),
  );
  steps.push(operationsStep(facts, wanted));
  return steps;
}
