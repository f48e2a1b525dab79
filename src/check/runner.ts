import { randomBytes } from 'node:crypto';
import { safeLine } from '../validation/sanitize.js';
import type { Check, Matcher } from '../roadmap/types.js';

/** Per request: long enough for a slow laptop, short enough that a silent server ends the run fast. */
export const REQUEST_TIMEOUT_MS = 4000;
const MAX_BODY_BYTES = 256 * 1024;
const EXCERPT_LENGTH = 160;

export interface StepResult {
  name: string;
  ok: boolean;
  /** False for a check that could not run (the server stopped answering, or a value it needed was never captured). */
  ran: boolean;
  request: { method: string; url: string; json?: unknown };
  expected: string;
  /** What came back: the status and a short, cleaned excerpt of the body; or why nothing did. */
  got: string | null;
}

/** The server could not be reached at all: no check says anything useful then. */
export class Unreachable extends Error {}

type Vars = Map<string, string>;

const fill = (text: string, vars: Vars) => text.replace(/\$\{([^}]*)\}/g, (_, name: string) => vars.get(name) ?? '');

function fillValue(value: unknown, vars: Vars): unknown {
  if (typeof value === 'string') return fill(value, vars);
  if (Array.isArray(value)) return value.map((item) => fillValue(item, vars));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillValue(v, vars)]));
  return value;
}

const needs = (value: unknown, vars: Vars): string[] =>
  [...JSON.stringify(value ?? null).matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!).filter((name) => !vars.has(name));

/** The value at a path such as `$`, `$.id` or `$.items[0].id`; undefined when there is none. */
export function valueAt(body: unknown, path: string): unknown {
  let value = body;
  for (const [, key, index] of path.slice(1).matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== 'object') return undefined;
    if (key !== undefined)
      value = Array.isArray(value) || !Object.hasOwn(value, key) ? undefined : (value as Record<string, unknown>)[key];
    else value = Array.isArray(value) ? value[Number(index)] : undefined;
  }
  return value;
}

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
const same = (a: unknown, b: unknown) =>
  a === b ||
  (typeof a === 'number' && typeof b === 'string' && String(a) === b) ||
  (typeof a === 'string' && typeof b === 'number' && a === String(b));

function matches(value: unknown, matcher: Matcher, vars: Vars): boolean {
  if ('equals' in matcher) return same(value, fillValue(matcher.equals, vars));
  if ('exists' in matcher) return (value !== undefined) === matcher.exists;
  if ('type' in matcher) return typeOf(value) === matcher.type;
  const wanted = Object.entries(fillValue(matcher.has, vars) as Record<string, unknown>);
  return (
    Array.isArray(value) &&
    value.some(
      (item) =>
        item !== null &&
        typeof item === 'object' &&
        wanted.every(([k, v]) => same((item as Record<string, unknown>)[k], v)),
    )
  );
}

function describeMatcher(path: string, matcher: Matcher, vars: Vars): string {
  const where = path === '$' ? 'the body' : path;
  if ('equals' in matcher) return `${where} = ${JSON.stringify(fillValue(matcher.equals, vars))}`;
  if ('exists' in matcher)
    return path === '$'
      ? matcher.exists
        ? 'a JSON body'
        : 'no body'
      : matcher.exists
        ? `${where} present`
        : `no ${where}`;
  if ('type' in matcher)
    return `${where} is ${matcher.type === 'array' || matcher.type === 'object' ? 'an' : 'a'} ${matcher.type}`;
  return `${where} holds ${JSON.stringify(fillValue(matcher.has, vars))}`;
}

export function describeExpectation(check: Check, vars: Vars): string {
  const status = check.expect.status.join(' or ');
  const json = check.expect.json.map(([path, matcher]) => describeMatcher(path, matcher, vars));
  return json.length > 0 ? `${status} with ${json.join(', ')}` : status;
}

/** Joins the learner's base URL and a check's path, and refuses anything that would leave that server. */
export function requestUrl(base: URL, path: string): URL {
  const url = new URL(base.href);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${path.split('?')[0]}`;
  url.search = path.includes('?') ? path.slice(path.indexOf('?')) : '';
  if (url.origin !== base.origin) throw new Error(`The check's path ${path} leaves ${base.origin}.`);
  return url;
}

async function readBody(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Why a request failed, in words; `code` tells a closed port from a silent server. */
function failure(error: unknown): { code: string; text: string } {
  const err = error as { name?: string; cause?: { code?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return { code: 'TIMEOUT', text: `no answer within ${REQUEST_TIMEOUT_MS / 1000} seconds` };
  const code = err.cause?.code ?? 'EUNKNOWN';
  // fetch's own refusals (a port it never uses, a header it cannot send) carry a message, not a code.
  const own = (error as { cause?: { message?: string }; message?: string }).cause?.message ?? (error as Error).message;
  const words: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused',
    ECONNRESET: 'the server closed the connection',
    ENOTFOUND: 'the host name was not found',
    EAI_AGAIN: 'the host name could not be looked up',
  };
  return { code, text: words[code] ?? `the request failed (${code === 'EUNKNOWN' ? own : code})` };
}

/**
 * Runs a stage's checks in order against the learner's server. Values captured from one answer
 * (an id, a token) feed the checks after it. When the server stops answering, the checks left
 * are reported as not run instead of each waiting for its own timeout.
 */
export async function runChecks(checks: readonly Check[], base: URL): Promise<StepResult[]> {
  const vars: Vars = new Map([['random', randomBytes(4).toString('hex')]]);
  const results: StepResult[] = [];
  let stopped: string | undefined;
  for (const [index, check] of checks.entries()) {
    const expected = describeExpectation(check, vars);
    const url = requestUrl(base, fill(check.request.path, vars));
    const json = check.request.json === undefined ? undefined : fillValue(check.request.json, vars);
    const request = { method: check.request.method, url: url.href, ...(json === undefined ? {} : { json }) };
    const missing = needs([check.request, check.expect], vars);
    if (stopped || missing.length > 0) {
      results.push({
        name: check.name,
        ok: false,
        ran: false,
        request,
        expected,
        got: stopped ?? `not run: needs ${missing.join(', ')} from an earlier check`,
      });
      continue;
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method: check.request.method,
        headers: {
          accept: 'application/json',
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
          ...Object.fromEntries(check.request.headers.map(([k, v]) => [k, fill(v, vars)])),
        },
        body: json === undefined ? undefined : JSON.stringify(json),
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const why = failure(error);
      if (index === 0 && why.code !== 'TIMEOUT') throw new Unreachable(why.text);
      results.push({ name: check.name, ok: false, ran: true, request, expected, got: why.text });
      stopped = `not run: the server stopped answering (${why.text})`;
      continue;
    }
    const text = await readBody(response).catch(() => '');
    results.push(evaluate(check, request, expected, response.status, text, vars));
  }
  return results;
}

function evaluate(
  check: Check,
  request: StepResult['request'],
  expected: string,
  status: number,
  text: string,
  vars: Vars,
): StepResult {
  const excerpt = safeLine(text).slice(0, EXCERPT_LENGTH);
  const got = `${status}${excerpt ? ` ${excerpt}${text.length > EXCERPT_LENGTH ? '…' : ''}` : ' (empty body)'}`;
  const result = (ok: boolean): StepResult => ({ name: check.name, ok, ran: true, request, expected, got });
  if (!check.expect.status.includes(status)) return result(false);
  let body: unknown;
  const wantsJson = check.expect.json.length > 0 || check.capture.length > 0;
  if (wantsJson) {
    try {
      body = JSON.parse(text);
    } catch {
      return { ...result(false), got: `${got} (not JSON)` };
    }
  }
  for (const [path, matcher] of check.expect.json)
    if (!matches(valueAt(body, path), matcher, vars)) return result(false);
  for (const [name, path] of check.capture) {
    const value = valueAt(body, path);
    if (typeof value !== 'string' && typeof value !== 'number')
      return { ...result(false), got: `${got} (no ${path} to keep as ${name})` };
    vars.set(name, String(value));
  }
  return result(true);
}
