import { safeLine } from '../validation/sanitize.js';
import type { Expectation, Matcher } from '../roadmap/checks.js';
import type { Answer } from './http.js';

/**
 * Pure judging of one HTTP answer against what a step expects, including the near-misses a
 * reviewer would forgive enough to go on (`_id` for `id`, a `{data: …}` envelope, `completed` for
 * `done`, 200 for 201): those fail the step with one sentence, but still yield the values the later
 * steps need.
 */

const EXCERPT_LENGTH = 160;

/** Values captured so far (an id keeps its JSON type, so a numeric id is quoted as a number). */
export type Vars = Map<string, unknown>;

const PLACEHOLDER = /\$\{([^}]*)\}/g;

export const fill = (text: string, vars: Vars) =>
  text.replace(PLACEHOLDER, (_, name: string) => (vars.has(name) ? String(vars.get(name)) : ''));

/** Fills placeholders in a JSON value; a string that is exactly one placeholder takes the value's own type. */
export function fillValue(value: unknown, vars: Vars): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{([^}]*)\}$/.exec(value);
    return whole && vars.has(whole[1]!) ? vars.get(whole[1]!) : fill(value, vars);
  }
  if (Array.isArray(value)) return value.map((item) => fillValue(item, vars));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillValue(v, vars)]));
  return value;
}

/** The placeholders a value uses that no earlier step has captured. */
export const missingVars = (value: unknown, vars: Vars): string[] =>
  [...new Set([...JSON.stringify(value ?? null).matchAll(PLACEHOLDER)].map((m) => m[1]!))].filter(
    (name) => !vars.has(name),
  );

/** The value at a path such as `$`, `$.id` or `$.items[0].id`; undefined when there is none. */
function valueAt(body: unknown, path: string): unknown {
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
  ((typeof a === 'number' || typeof a === 'string') &&
    (typeof b === 'number' || typeof b === 'string') &&
    String(a) === String(b));

function matches(value: unknown, matcher: Matcher, vars: Vars): boolean {
  if ('equals' in matcher) return same(value, fillValue(matcher.equals, vars));
  if ('exists' in matcher) return (value !== undefined) === matcher.exists;
  if ('type' in matcher) return typeOf(value) === matcher.type;
  // A list, with an item whose fields match (has) or none (lacks): a body that is no list is neither.
  // For lacks an item is read as a near-miss would read it (`_id` for `id`), so no list is
  // "without" an item it holds under the other name.
  const holding = 'has' in matcher;
  const wanted = Object.entries(fillValue(holding ? matcher.has : matcher.lacks, vars) as Record<string, unknown>);
  const field = (item: Record<string, unknown>, key: string) =>
    holding || Object.hasOwn(item, key) ? item[key] : item[ALIASES.get(key) ?? key];
  const found = (item: unknown) =>
    item !== null &&
    typeof item === 'object' &&
    wanted.every(([k, v]) => same(field(item as Record<string, unknown>, k), v));
  return Array.isArray(value) && value.some(found) === holding;
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
  // Noun phrases, read after "200 with" and after "where the check expects".
  if ('type' in matcher)
    return `${where} as ${matcher.type === 'array' || matcher.type === 'object' ? 'an' : 'a'} ${matcher.type}`;
  const list = path === '$' ? 'a list' : where;
  return 'has' in matcher
    ? `${list} holding ${JSON.stringify(fillValue(matcher.has, vars))}`
    : `${list} without ${JSON.stringify(fillValue(matcher.lacks, vars))}`;
}

export function describeExpectation(expect: Expectation, vars: Vars): string {
  const status = expect.status.join(' or ');
  const json = expect.json.map(([path, matcher]) => describeMatcher(path, matcher, vars));
  return json.length > 0 ? `${status} with ${json.join(', ')}` : status;
}

const isHtml = (text: string) => /^\s*<(!doctype html|html)\b/i.test(text);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A web page's words: no head, scripts or tags, entities decoded, space collapsed. */
function pageText(html: string): string {
  return html
    .replace(/<(head|script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/[ \t\r\f\v]+/g, ' ')
    .trim();
}

/** A page's <title>, as words. */
const titleOf = (html: string) => {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  return title === undefined ? '' : pageText(title).replace(/\s+/g, ' ');
};

/** The status, where a redirect points, and a short, cleaned excerpt of the body (a web page's words). */
export function describeAnswer(answer: Answer): string {
  const page = isHtml(answer.text);
  // A page of scripts alone (a frontend's dev server) still says what it is by its title.
  const text = page ? pageText(answer.text).replace(/\s+/g, ' ') || titleOf(answer.text) : answer.text;
  const excerpt = safeLine(text).slice(0, EXCERPT_LENGTH);
  const location = answer.location ? ` → ${safeLine(answer.location).slice(0, EXCERPT_LENGTH)}` : '';
  const empty = page ? ' (a web page with no text)' : ' (empty body)';
  return `${answer.status}${location}${page && excerpt ? ' (a web page)' : ''}${excerpt ? ` ${excerpt}${text.length > EXCERPT_LENGTH ? '…' : ''}` : empty}`;
}

/** Words that say no more than the status does: "Error", "500 Internal Server Error", "Server Error (500)". */
const GENERIC_ERROR = /^(error|\d{3}\b.*|.*\b(server error|bad gateway|service unavailable|gateway time-?out)\b.*)$/i;

/** The error an answer carries: a JSON error field, a page's title or first <pre> line, or a plain text's first lines. */
function errorIn(text: string): string | undefined {
  if (isHtml(text)) {
    // Django's debug page titles itself with the error; Express's page puts it and its stack in <pre>.
    const title = titleOf(text);
    if (title && !GENERIC_ERROR.test(title)) return title;
    const pre = /<pre[^>]*>([\s\S]*?)<\/pre>/i.exec(text)?.[1];
    return pre === undefined ? undefined : pageText(pre).split('\n')[0]!.trim();
  }
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const said = [body.error, body.message, body.detail].find((value) => typeof value === 'string');
    return typeof said === 'string' ? said : undefined;
  } catch {
    // Plain text, as Django's debug view answers a client that asks for JSON: "IntegrityError at
    // /todos/", then the message, then a blank line.
    const first = text.trim().split(/\n\s*\n/)[0]!;
    return first ? first.split('\n').slice(0, 2).join(': ') : undefined;
  }
}

/**
 * Why a step got a server error, when the step did not ask for one: a 500 is the app's handler
 * failing, with the error when the answer carries it (and the usual reason Express's req.body is
 * undefined); a 502, 503 or 504 comes from whatever stands in front of the app.
 */
export function serverErrorReason(answer: Answer, expected: readonly number[]): string | null {
  if (answer.status < 500 || expected.includes(answer.status)) return null;
  if ([502, 503, 504].includes(answer.status))
    return `It answered ${answer.status}: a proxy or gateway in front of the app answered for it, so the app behind it is down, overloaded or too slow; its log shows which.`;
  const error = errorIn(answer.text);
  const shown = error && !GENERIC_ERROR.test(error.trim()) ? safeLine(error).slice(0, 200) : '';
  const body =
    /req\.body/.test(shown) && /undefined/.test(shown)
      ? ' Express leaves req.body undefined unless app.use(express.json()) comes before the routes.'
      : '';
  return `It answered ${answer.status}: the handler failed${shown ? ` (${shown})` : ''}, and the server's log shows where.${body}`;
}

/** A near-miss the judge forgives enough to go on, with the sentence that names it. */
export type NearMiss = 'status' | 'envelope' | 'paginated' | 'underscore-id' | 'completed';

interface Fix {
  miss: Exclude<NearMiss, 'status'>;
  apply: (body: unknown) => unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Renames a field in the body and in every object of a list body. */
function renamed(body: unknown, from: string, to: string): unknown {
  const one = (item: unknown) =>
    isRecord(item) && Object.hasOwn(item, from) && !Object.hasOwn(item, to) ? { ...item, [to]: item[from] } : item;
  return Array.isArray(body) ? body.map(one) : one(body);
}
const hasField = (body: unknown, field: string) =>
  Array.isArray(body)
    ? body.some((item) => isRecord(item) && Object.hasOwn(item, field))
    : isRecord(body) && Object.hasOwn(body, field);

const ENVELOPE: Fix = { miss: 'envelope', apply: (body) => (isRecord(body) ? body.data : body) };
// Django REST Framework's page of a list: {"count", "next", "previous", "results": […]}.
const PAGE_KEYS = new Set(['count', 'next', 'previous', 'results']);
const PAGINATED: Fix = { miss: 'paginated', apply: (body) => (isRecord(body) ? body.results : body) };
const isPage = (body: unknown) =>
  isRecord(body) && Array.isArray(body.results) && Object.keys(body).every((key) => PAGE_KEYS.has(key));
const RENAMES: [Fix, string, string][] = [
  [{ miss: 'underscore-id', apply: (body) => renamed(body, '_id', 'id') }, '_id', 'id'],
  [{ miss: 'completed', apply: (body) => renamed(body, 'completed', 'done') }, 'completed', 'done'],
];

/** The field each rename reads in place of the one the stage asks for: `_id` for `id`. */
const ALIASES = new Map(RENAMES.map(([, from, to]) => [to, from]));

/** The near-misses whose fix could apply to this body: the envelope or page first, then renames inside it. */
function applicableFixes(body: unknown): Fix[] {
  const envelope = isRecord(body) && Object.hasOwn(body, 'data') && Object.keys(body).length <= 3;
  const opened = envelope ? ENVELOPE.apply(body) : body;
  // A page inside the envelope as well as alone.
  const page = isPage(opened);
  const inner = page ? PAGINATED.apply(opened) : opened;
  const renames = RENAMES.filter(([, from, to]) => hasField(inner, from) && !hasField(inner, to)).map(([fix]) => fix);
  return [...(envelope ? [ENVELOPE] : []), ...(page ? [PAGINATED] : []), ...renames];
}

/**
 * The words for each near-miss of the body: `forgiven` when the later checks went on with its
 * value, `failed` when even forgiven it did not give what the step needs, `again` to name it on a
 * later step after it was explained once.
 */
const MISS_WORDS: Record<Fix['miss'], { forgiven: string; failed: string; again: string }> = {
  envelope: {
    forgiven:
      'It wraps its answer in {"data": …}; the stage asks for the object or list itself at the top level (the later checks read inside "data").',
    failed: 'It wraps its answer in {"data": …}; the stage asks for the object or list itself.',
    again: '{"data": …} envelope',
  },
  paginated: {
    forgiven:
      'It pages its list in {"count", "next", "previous", "results": […]}, as Django REST Framework\'s pagination does; the stage asks for the list itself (pagination_class = None on the view, or no DEFAULT_PAGINATION_CLASS in REST_FRAMEWORK). The later checks read inside "results".',
    failed: 'It pages its list in {"count", "next", "previous", "results": […]}; the stage asks for the list itself.',
    again: '{"results": […]} page',
  },
  'underscore-id': {
    forgiven:
      'Its todos carry `_id` where the stage asks for `id` (MongoDB names it _id: rename it in the JSON you send back); the later checks used `_id`.',
    failed: 'Its todos carry `_id` where the stage asks for `id`.',
    again: '`_id`',
  },
  completed: {
    forgiven: 'Its todos carry `completed` where the stage asks for `done`; the later checks read `completed`.',
    failed: 'Its todos carry `completed` where the stage asks for `done`, so it ignored {"done": true}.',
    again: '`completed`',
  },
};

/** The sentence for a near-miss the later checks went on with; `again` when an earlier step explained it. */
export function nearMissSentence(miss: NearMiss, answer: Answer, expect: Expectation, again = false): string {
  if (miss === 'status')
    return `It answered ${answer.status} where the stage asks for ${expect.status.join(' or ')}; the later checks went on with its answer.`;
  return again ? `(The same ${MISS_WORDS[miss].again} as above.)` : MISS_WORDS[miss].forgiven;
}

export interface Verdict {
  outcome: 'passed' | 'near-miss' | 'failed';
  misses: NearMiss[];
  /** The captured values, also after a near-miss; empty when the step failed outright. */
  captured: Vars;
  /** Why it failed, when the answer says more than "not what was expected". */
  reason: string | null;
  /** Which part of an answer with the right status failed (a field, a value later checks need). */
  detail?: string | null;
}

function strictly(
  expect: Expectation,
  capture: [string, string][],
  status: number,
  body: unknown,
  vars: Vars,
): Vars | null {
  if (!expect.status.includes(status)) return null;
  if (!expect.json.every(([path, matcher]) => matches(valueAt(body, path), matcher, vars))) return null;
  const captured: Vars = new Map();
  for (const [name, path] of capture) {
    const value = valueAt(body, path);
    if (typeof value !== 'string' && typeof value !== 'number') return null;
    captured.set(name, value);
  }
  return captured;
}

const is2xx = (status: number) => status >= 200 && status < 300;

/**
 * Which part of an answer with the right status failed, in one sentence: the first field that
 * does not match, or the first value later steps need that is missing. Null when the status is
 * what failed (the answer line shows it).
 */
function mismatch(
  expect: Expectation,
  capture: [string, string][],
  status: number,
  body: unknown,
  vars: Vars,
): string | null {
  if (!expect.status.includes(status)) return null;
  const shown = (value: unknown) => {
    const text = safeLine(JSON.stringify(value) ?? String(value));
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  };
  const failed = expect.json.find(([path, matcher]) => !matches(valueAt(body, path), matcher, vars));
  if (failed) {
    const [path, matcher] = failed;
    const value = valueAt(body, path);
    const where = path === '$' ? 'The body' : `The answer's ${path}`;
    const said = `${value === undefined ? `${where} is missing` : `${where} is ${shown(value)}`}, where the check expects ${describeMatcher(path, matcher, vars)}.`;
    // A list cut at a usual page size has most likely met a default limit, not lost the item.
    const cut = 'has' in matcher ? cutLength(value) : 0;
    if (cut > 0)
      return `${said} It holds exactly ${cut} items, as a list stopped by a default limit or page size does: the checks add a todo on every run, so delete old todos or list the newest first.`;
    // A list inside an object of its own ({"todos": […]}); {"data": …} and DRF's page are near-misses.
    const lists = isRecord(value) ? Object.entries(value).filter(([, inner]) => Array.isArray(inner)) : [];
    if (!('equals' in matcher || 'exists' in matcher || 'type' in matcher) && path === '$' && lists.length === 1)
      return `${said} Its list is inside {"${safeLine(lists[0]![0]).slice(0, 40)}": […]}; the stage asks for the list itself at the top level.`;
    return said;
  }
  const missing = capture.find(([, path]) => !['string', 'number'].includes(typeof valueAt(body, path)));
  return missing
    ? `The answer has no ${missing[1]} (a string or a number), which the checks after this one use.`
    : null;
}

const failed = (reason: string | null, detail?: string | null): Verdict => ({
  outcome: 'failed',
  misses: [],
  captured: new Map(),
  reason,
  ...(detail === undefined ? {} : { detail }),
});

/** The sizes frameworks and tutorials give a list by default (FastAPI's limit=100, DRF's PAGE_SIZE). */
const PAGE_SIZES = new Set([10, 20, 25, 50, 100, 1000]);
/** A list's length when it is a usual page size: it may go on past what was answered. */
const cutLength = (value: unknown) => (Array.isArray(value) && PAGE_SIZES.has(value.length) ? value.length : 0);

/**
 * Why a list that lacks the item proves nothing: it holds a page's worth, or it is a page with a
 * next one, so the item may be further on. Null when every list a lacks matcher reads is whole.
 */
function cutShort(expect: Expectation, body: unknown, read: unknown): string | null {
  for (const [path, matcher] of expect.json) {
    if (!('lacks' in matcher)) continue;
    const page = path === '$' && isPage(body) && (body as Record<string, unknown>).next != null;
    const cut = cutLength(valueAt(read, path));
    if (page || cut > 0)
      return `${path === '$' ? 'The list' : `The list at ${path}`} ${page ? 'is one page of several' : `holds exactly ${cut} items, as a list cut at a default limit or page size does`}, so the item may be further on: lacking it there proves nothing.`;
  }
  return null;
}

/** Judges an answer: passed, a near-miss (with the values it still yields), or failed. */
export function judge(expect: Expectation, capture: [string, string][], answer: Answer, vars: Vars): Verdict {
  const wantsJson = expect.json.length > 0 || capture.length > 0;
  let body: unknown;
  if (wantsJson) {
    try {
      body = JSON.parse(answer.text);
    } catch {
      return failed(expect.status.includes(answer.status) ? 'The answer is not JSON.' : null);
    }
  }
  const passed = strictly(expect, capture, answer.status, body, vars);
  const short = passed && cutShort(expect, body, body);
  if (short) return failed(null, short);
  if (passed) return { outcome: 'passed', misses: [], captured: passed, reason: null };
  const statusMiss = !expect.status.includes(answer.status) && is2xx(answer.status) && expect.status.some(is2xx);
  const fixes = wantsJson ? applicableFixes(body) : [];
  const status = statusMiss ? expect.status.find(is2xx)! : answer.status;
  const lenient = fixes.reduce((value, fix) => fix.apply(value), body);
  const captured = strictly(expect, capture, status, lenient, vars);
  // A list that must lack an item and holds it fails for that, whatever its shape: its own words and hint.
  const lacking = expect.json.some(([, matcher]) => 'lacks' in matcher);
  if (!captured && lacking && expect.status.includes(status))
    return failed(null, mismatch(expect, capture, status, lenient, vars));
  if (!captured) {
    // The near-miss did not yield what the step needs (an API that reads `completed` ignored `done`): still name it.
    const named = fixes.map((fix) => MISS_WORDS[fix.miss].failed);
    return named.length > 0 ? failed(named.join(' ')) : failed(null, mismatch(expect, capture, status, body, vars));
  }
  const shortened = lacking && cutShort(expect, body, lenient);
  if (shortened) return failed(null, shortened);
  if (!statusMiss && fixes.length === 0) return failed(null, mismatch(expect, capture, status, body, vars));
  // Only the fixes the step needed are named: a list with an `_id` the step never reads is no miss.
  const needed = fixes.filter(
    (fix) =>
      !strictly(
        expect,
        capture,
        status,
        fixes.filter((f) => f !== fix).reduce((value, f) => f.apply(value), body),
        vars,
      ),
  );
  const misses: NearMiss[] = [...(statusMiss ? (['status'] as const) : []), ...needed.map((fix) => fix.miss)];
  return { outcome: misses.length > 0 ? 'near-miss' : 'passed', misses, captured, reason: null };
}
