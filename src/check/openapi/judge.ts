import type { OpenApiDemand } from '../../roadmap/evidence.js';
import { judged, listed, notJudged, type EvidenceStep, type StepFrame } from '../step.js';
import type { OpenApiFacts } from './facts.js';

export interface Operation {
  method: string;
  /** A path with its parameters in braces, e.g. /todos/{id}. */
  path: string;
}

/** The todo endpoints the HTTP contract sends requests to. */
const TODO_OPERATIONS: readonly Operation[] = [
  { method: 'POST', path: '/todos' },
  { method: 'GET', path: '/todos' },
  { method: 'GET', path: '/todos/{id}' },
  { method: 'PATCH', path: '/todos/{id}' },
  { method: 'DELETE', path: '/todos/{id}' },
];

/** A document named with --spec as a file, not a URL: no API was asked for it. */
const isFile = (source: string) => !/^https?:\/\//i.test(source);
const names = (ops: readonly Operation[]) => listed(ops.map((op) => `${op.method} ${op.path}`));

/** The three steps, looking at where the document was found (or where it was looked for). */
function frames(
  sent: string,
  wanted: readonly Operation[],
  fromFile = false,
): Record<'found' | 'valid' | 'operations', StepFrame> {
  return {
    found: {
      kind: 'openapi',
      name: fromFile ? 'the OpenAPI document is there' : 'the API serves its OpenAPI document',
      sent,
      expected: 'an OpenAPI (or Swagger) document as JSON or YAML',
    },
    valid: {
      kind: 'openapi',
      name: 'the document is valid OpenAPI',
      sent,
      expected: 'a document the OpenAPI schema accepts',
    },
    operations: { kind: 'openapi', name: 'the document describes the todo endpoints', sent, expected: names(wanted) },
  };
}

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

function operationsStep(found: NonNullable<OpenApiFacts['found']>, wanted: readonly Operation[]): EvidenceStep {
  const described = describedOperations(found.document);
  const missing = wanted.filter(
    (op) =>
      !described.some((d) => d.method === op.method && (d.path === shape(op.path) || d.path.endsWith(shape(op.path)))),
  );
  const got =
    missing.length === 0
      ? `all ${wanted.length} are there`
      : `${names(missing)} ${missing.length === 1 ? 'is' : 'are'} missing (the document has ${described.length} operations)`;
  // Express writes a route's parameter :id; an OpenAPI path writes it {id}, so /todos/:id is a
  // path with a literal ":id" in it (swagger-jsdoc copies whatever the comment says).
  const braced = (path: string) => path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
  const colon = Object.keys((found.document.paths as Record<string, unknown> | undefined) ?? {}).find(
    (path) => /\/:[A-Za-z_]/.test(path) && missing.some((op) => shape(braced(path)).endsWith(shape(op.path))),
  );
  return judged(
    frames(found.source, wanted).operations,
    missing.length === 0,
    got,
    colon
      ? `Its paths write parameters the Express way, as in ${colon}; OpenAPI writes them in braces: ${braced(colon)}.`
      : 'Describe every endpoint the API has: most frameworks do it for you once the route is declared with its method.',
  );
}

/** Whether the learner's API document is there, valid, and describes the endpoints the contract uses. */
export function judgeOpenApi(
  facts: OpenApiFacts,
  demands: readonly OpenApiDemand[] = ['valid', 'todo-endpoints'],
  wanted: readonly Operation[] = TODO_OPERATIONS,
): EvidenceStep[] {
  const asked = (steps: { valid: EvidenceStep; operations: EvidenceStep }) => [
    ...(demands.includes('valid') ? [steps.valid] : []),
    ...(demands.includes('todo-endpoints') ? [steps.operations] : []),
  ];
  if (!facts.found) {
    const where =
      facts.attempts.length === 1 ? facts.attempts[0]!.source : 'the paths frameworks serve it at by default';
    const f = frames(where, wanted, facts.attempts.length === 1 && isFile(where));
    const tried = facts.attempts.map((a) => `${a.source} ${a.outcome}`).join('; ');
    const why =
      'Serve the document (FastAPI and drf-spectacular do by default; Express needs swagger-jsdoc), or name it with --spec URL-or-file.';
    return [
      judged(f.found, false, tried, why),
      ...asked({
        valid: notJudged(f.valid, 'no document was found'),
        operations: notJudged(f.operations, 'no document was found'),
      }),
    ];
  }
  const { source, document, validation } = facts.found;
  const f = frames(source, wanted, isFile(source));
  const version = `${document.openapi ? 'OpenAPI' : 'Swagger'} ${String(document.openapi ?? document.swagger)}`;
  const valid = validation.valid
    ? judged(f.valid, true, `valid against the OpenAPI ${validation.version} schema`)
    : judged(f.valid, false, validation.errors.join('; '), 'Fix what the validator names, then run the check again.');
  return [
    judged(f.found, true, `found, ${version}`),
    ...asked({ valid, operations: operationsStep(facts.found, wanted) }),
  ];
}
