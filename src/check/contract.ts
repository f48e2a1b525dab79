import type { Check, LoginFlow, SessionUser } from '../roadmap/checks.js';
import { Connection, type Timeouts } from './connection.js';
import { send, TransportError, type Answer, type Fault } from './http.js';
import {
  describeAnswer,
  describeExpectation,
  fill,
  fillValue,
  judge,
  missingVars,
  nearMissSentence,
  serverErrorReason,
  type NearMiss,
  type Vars,
} from './judge.js';
import type { CheckRun, StepResult } from './result.js';
import { safeLine } from '../validation/sanitize.js';
import { accessTokenIn, LearnerSession, type SessionExchange } from './session.js';

/**
 * Runs a stage's HTTP contract against the learner's server, step by step, like a reviewer with
 * curl: values one answer gives (an id, a token) feed the steps after it; a near-miss is named and
 * the run goes on with its values; a stage after the one that teaches auth runs as a fresh
 * logged-in user, and an earlier stage whose API already wants a login gets one.
 */
export interface ContractOptions {
  base: URL;
  timeouts: Timeouts;
  /** How to register and log in, from the roadmap; null when it declares none. */
  login: LoginFlow | null;
  /** Log in before the first step (the stage comes after the one that teaches auth). */
  loggedIn: boolean;
  /** The learner's own access token (`--token`): sent instead of logging in. */
  token: string | null;
}

/** The server could not be reached at all, so no step says anything useful. */
export class Unreachable extends Error {
  constructor(
    readonly fault: Fault | 'speaks-https',
    message: string,
  ) {
    super(message);
  }
}

/** Faults of the very first request that mean nothing of the API was reached. */
const FATAL_FIRST: ReadonlySet<Fault> = new Set([
  'refused',
  'no-host',
  'timeout',
  'self-signed',
  'wrong-name',
  'untrusted',
  'expired',
  'not-https',
]);
/** Faults after which the server is gone for the rest of the run. */
const FATAL_LATER: ReadonlySet<Fault> = new Set(['refused', 'timeout']);

const LOGIN_PAGE = /\/(log-?in|sign-?in|accounts|auth)\b/i;

function redirectReason(answer: Answer): string | null {
  if (answer.status < 300 || answer.status >= 400 || !answer.location) return null;
  const location = safeLine(answer.location).slice(0, 160);
  if (LOGIN_PAGE.test(answer.location)) {
    return `It redirects to a login page (${location}) instead of answering 401: an API tells the client it needs a token; it does not send it to a page.`;
  }
  return `It redirects to ${location}; the stage expects the answer at this path itself.`;
}

function transportReason(fault: Fault, method: string, path: string): string | null {
  const where = `${method} ${path}`;
  if (fault === 'reset') return `It crashed on ${where}: look at its log.`;
  if (fault === 'closed') return `It closed the connection on ${where} without a complete answer: look at its log.`;
  if (fault === 'malformed') return 'Is another program listening on that port? Its answer is not HTTP.';
  if (fault === 'huge-headers') return "Its answer's headers are over 16 KB (a large cookie?): clients refuse them.";
  return null;
}

interface Sent {
  exchange: SessionExchange | null;
  /** Set when the step cannot be sent (a refresh without a refresh token). */
  skipped?: string;
}

class ContractRun {
  readonly vars: Vars;
  readonly connection: Connection;
  readonly session: LearnerSession | null;
  readonly results: StepResult[] = [];
  loggedIn: boolean;
  private autoLoginTried = false;
  /** Users whose login failed once: the steps speaking as them are not run again and again. */
  private loginFailed = new Set<SessionUser>();
  private stopped: string | null = null;
  private givenMisses = new Set<NearMiss>();
  /** Which step captures each variable, to say which one a skipped step waited for. */
  private capturedBy = new Map<string, string>();
  /** The JSON path each variable is captured from ($.id), to name the value, not the roadmap's variable. */
  private capturedFrom = new Map<string, string>();

  readonly flow: LoginFlow | null;
  /** The learner gave their own token (`--token`). */
  readonly usesOwnToken: boolean;

  constructor(private readonly options: ContractOptions) {
    this.flow = options.login;
    this.usesOwnToken = options.token !== null;
    // Eight hex digits that make this run's test users and records its own. They are test data,
    // not a secret (a stranger gains nothing by guessing a throwaway user's password), so they
    // come from Math.random: node:crypto would cost every check about 7% of a Node start.
    const random = Math.floor(Math.random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
    this.connection = new Connection(options.base, options.timeouts);
    this.session = options.login ? new LearnerSession(options.login, this.connection, random) : null;
    this.vars = new Map<string, unknown>([['random', random]]);
    this.loggedIn = options.loggedIn || options.token !== null;
    if (this.session) {
      const { learner } = this.session.users;
      for (const [name, value] of [
        ['email', learner.email],
        ['password', learner.password],
      ] as const)
        this.vars.set(name, value);
      if (options.token) learner.access = options.token;
    }
  }

  private speaker(step: Check): SessionUser | null {
    const as = step.as ?? (this.loggedIn ? 'learner' : 'nobody');
    return as === 'nobody' ? null : as;
  }

  /** Logs a user in when a step speaks as them and they have no token yet; the failing exchange otherwise. */
  private async ensureUser(who: SessionUser): Promise<SessionExchange | null> {
    if (!this.session || this.session.users[who].access) return null;
    return this.session.start(who);
  }

  private async sendPlain(step: Check): Promise<SessionExchange> {
    const request = step.request!;
    const who = this.speaker(step);
    const token = who && this.session ? this.session.users[who].access : who === 'learner' ? this.options.token : null;
    const json = request.json === undefined ? undefined : fillValue(request.json, this.vars);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...Object.fromEntries(request.headers.map(([k, v]) => [k.toLowerCase(), fill(v, this.vars)])),
    };
    const path = fill(request.path, this.vars);
    const first = this.connection.url(path).href;
    const answer = await this.connection.exchange(
      request.method,
      path,
      headers,
      json === undefined ? undefined : JSON.stringify(json),
    );
    // The URL that answered: the one sent, or where a trailing slash's redirect led.
    const url = answer.url ?? first;
    return {
      answer,
      sent: `${request.method} ${url}${json === undefined ? '' : ` ${JSON.stringify(json)}`}`,
      method: request.method,
      url,
      json,
    };
  }

  private async sendSession(step: Check): Promise<Sent> {
    const { action, user, password } = step.session!;
    if (action === 'register') return { exchange: await this.session!.register(user) };
    if (action === 'login')
      return { exchange: await this.session!.login(user, password === null ? undefined : fill(password, this.vars)) };
    const refreshed = await this.session!.refresh(user);
    if (refreshed) return { exchange: refreshed };
    // No refresh token: from a login that answered without one, or from no login at all.
    const loggedIn = this.session!.users[user].access !== null;
    return {
      exchange: null,
      skipped: loggedIn
        ? 'not run: the login gave no refresh token (the check reads refresh_token or refresh)'
        : 'not run: no login above gave a token, so there is no refresh token to trade',
    };
  }

  async send(step: Check): Promise<Sent> {
    if (step.session) return this.sendSession(step);
    const who = this.speaker(step);
    if (who && this.loginFailed.has(who))
      return { exchange: null, skipped: 'not run: it needs the login that failed above' };
    const failedLogin = who ? await this.ensureUser(who) : null;
    if (failedLogin) {
      this.loginFailed.add(who!);
      return {
        exchange: failedLogin,
        skipped: `could not log in ${who === 'other' ? 'a second' : 'a fresh'} user: ${failedLogin.sent} answered ${describeAnswer(failedLogin.answer)}`,
      };
    }
    const first = await this.sendPlain(step);
    if (first.answer.status !== 401 || who !== null || step.as === 'nobody' || !this.session || this.autoLoginTried)
      return { exchange: first };
    // The API wants a login although this stage comes before the one that teaches it: log in and go on.
    this.autoLoginTried = true;
    const failed = await this.session.start('learner');
    if (failed) return { exchange: first };
    this.loggedIn = true;
    this.connection.notes.push(
      'Your todo routes need a login, as they should after the auth stage: the check registered a fresh user and sent its token.',
    );
    return { exchange: await this.sendPlain(step) };
  }

  notRun(step: Check, why: string): void {
    this.results.push({
      name: step.name,
      kind: 'http',
      ok: false,
      ran: false,
      nearMiss: false,
      sent: this.describeSent(step),
      expected: describeExpectation(step.expect, this.vars),
      got: why,
      why: null,
    });
  }

  describeSent(step: Check): string {
    if (step.session)
      return `${step.session.action} as ${step.session.user === 'learner' ? 'a fresh user' : 'a second user'}`;
    const json = step.request!.json === undefined ? '' : ` ${JSON.stringify(fillValue(step.request!.json, this.vars))}`;
    return `${step.request!.method} ${this.connection.url(fill(step.request!.path, this.vars)).href}${json}`;
  }

  /** Why a step cannot run yet: the run stopped, or a value it needs never came. */
  blocker(step: Check): string | null {
    if (this.stopped) return this.stopped;
    const missing = missingVars([step.request, step.session, step.expect], this.vars);
    if (missing.length === 0) return null;
    const from = [...new Set(missing.map((name) => this.capturedBy.get(name)).filter(Boolean))];
    // The value by the field its answer holds it in ("the id"), as the learner's API names it.
    const values = [
      ...new Set(
        missing.map((name) => {
          const field = /^\$\.([A-Za-z_]\w*)$/.exec(this.capturedFrom.get(name) ?? '')?.[1];
          return field ? `the ${field}` : name;
        }),
      ),
    ].join(', ');
    if (from.length === 0) return `not run: needs ${values} from an earlier check`;
    // A check that failed gave nothing, whatever its answer held: say it failed, not that the value was missing.
    const earlier = from.map((name) => [...this.results].reverse().find((result) => result.name === name));
    const needs = `not run: needs ${values} from "${from.join('", "')}"`;
    if (earlier.every((result) => result && !result.ok && result.ran)) return `${needs}, which failed above`;
    if (earlier.every((result) => result && !result.ok)) return `${needs}, which could not run`;
    return `not run: needs ${values}, which "${from.join('", "')}" did not give`;
  }

  noteCaptures(step: Check): void {
    for (const [name, path] of step.capture) {
      this.capturedBy.set(name, step.name);
      this.capturedFrom.set(name, path);
    }
  }

  missSentences(misses: NearMiss[], answer: Answer, step: Check): string {
    const sentences = misses.map((miss) => nearMissSentence(miss, answer, step.expect, this.givenMisses.has(miss)));
    misses.forEach((miss) => this.givenMisses.add(miss));
    return sentences.join(' ');
  }

  stop(why: string): void {
    this.stopped = `not run: the server stopped answering (${why})`;
  }
}

/** A login step that answered 2xx must also have given a token; a refresh, a new access token. */
function tokenProblem(step: Check, exchange: SessionExchange, run: ContractRun): string | null {
  const { status, text } = exchange.answer;
  if (!step.session || status < 200 || status >= 300) return null;
  if (
    step.session.action === 'login' &&
    step.session.password === null &&
    !run.session!.users[step.session.user].access
  ) {
    return 'The login answered without an access token: the check reads it from access_token, token or access.';
  }
  if (step.session.action === 'refresh' && !accessTokenIn(text))
    return 'The refresh answered without a new access token (access_token, token or access).';
  return null;
}

/** A 401 to a request that carried no token, in a run that could not log in on its own. */
function unauthorizedReason(
  step: Check,
  exchange: SessionExchange,
  run: ContractRun,
  flow: LoginFlow | null,
): string | null {
  if (exchange.answer.status !== 401 || step.session || step.as === 'nobody') return null;
  if (run.usesOwnToken && (step.as ?? 'learner') === 'learner') {
    return 'It answered 401 to the token given with --token: is it still valid (access tokens expire), and for this server?';
  }
  if (run.loggedIn) return null;
  const own = 'pass your own with `--token <access token>`, or open these routes while this stage is checked.';
  if (!flow) return `It answered 401 to a request without a token: ${own}`;
  return `It answered 401 to a request without a token, and logging in as a fresh user (POST ${flow.register}, then ${flow.login.join(' or ')}) did not work: ${own}`;
}

function summarize(answers: Answer[]): string {
  if (answers.length === 1) return describeAnswer(answers[0]!);
  const counts = new Map<number, number>();
  for (const answer of answers) counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1);
  return `${answers.length} tries: ${[...counts].map(([status, n]) => `${status} ×${n}`).join(', ')}; the last: ${describeAnswer(answers.at(-1)!)}`;
}

/** A step whose request waited for a login that failed: what was sent, expected and got is the login's. */
function loginFailed(
  run: ContractRun,
  base: Omit<StepResult, 'ok' | 'ran' | 'nearMiss' | 'got' | 'why'>,
  exchange: SessionExchange,
  skipped: string,
): StepResult {
  return {
    ...base,
    expected: run.flow
      ? `a user registered (POST ${run.flow.register}) and logged in (POST ${run.flow.login.join(' or ')}) before this request`
      : base.expected,
    ok: false,
    ran: true,
    nearMiss: false,
    got: describeAnswer(exchange.answer),
    why: `It ${skipped}.`,
  };
}

async function runStep(run: ContractRun, step: Check): Promise<void> {
  const expected =
    describeExpectation(step.expect, run.vars) +
    (step.session?.action === 'login' && step.expect.status.some((s) => s < 300) ? ' and an access token' : '');
  const answers: Answer[] = [];
  let sent: Sent = { exchange: null };
  let verdict = null;
  for (let attempt = 0; attempt < step.attempts; attempt += 1) {
    sent = await run.send(step);
    if (!sent.exchange || sent.skipped) break;
    answers.push(sent.exchange.answer);
    verdict = judge(step.expect, step.capture, sent.exchange.answer, run.vars);
    if (verdict.outcome === 'passed') break;
  }
  const exchange = sent.exchange;
  if (!exchange) return run.notRun(step, sent.skipped!);
  const base = {
    name: step.name,
    kind: 'http' as const,
    sent: exchange.sent,
    expected,
    request: {
      method: exchange.method,
      url: exchange.url,
      ...(exchange.json === undefined ? {} : { json: exchange.json }),
    },
  };
  if (sent.skipped) return void run.results.push(loginFailed(run, base, exchange, sent.skipped));
  const problem = verdict?.outcome === 'passed' ? tokenProblem(step, exchange, run) : null;
  for (const [name, value] of verdict?.captured ?? []) run.vars.set(name, value);
  const got = summarize(answers);
  if (verdict?.outcome === 'passed' && !problem)
    return void run.results.push({ ...base, ok: true, ran: true, nearMiss: false, got, why: null });
  if (verdict?.outcome === 'near-miss')
    return void run.results.push({
      ...base,
      ok: false,
      ran: true,
      nearMiss: true,
      got,
      why: run.missSentences(verdict.misses, exchange.answer, step),
    });
  const why =
    problem ??
    verdict?.reason ??
    unauthorizedReason(step, exchange, run, run.flow) ??
    redirectReason(exchange.answer) ??
    serverErrorReason(exchange.answer, step.expect.status) ??
    step.hint ??
    null;
  // Which field failed comes first, then why that matters.
  const told = [verdict?.detail, why].filter(Boolean).join(' ') || null;
  run.results.push({ ...base, ok: false, ran: true, nearMiss: false, got, why: told });
}

/** Tells "closed at once" from a server that speaks only https on this port. */
async function speaksHttps(base: URL): Promise<boolean> {
  if (base.protocol !== 'http:') return false;
  const https = new URL(base.href);
  https.protocol = 'https:';
  try {
    await send({ method: 'GET', url: https, headers: {} }, 3000);
    return true;
  } catch (error) {
    return (
      error instanceof TransportError && ['self-signed', 'wrong-name', 'untrusted', 'expired'].includes(error.fault)
    );
  }
}

async function transportFailure(run: ContractRun, step: Check, error: TransportError, first: boolean): Promise<void> {
  if (first && error.fault === 'closed' && (await speaksHttps(run.connection.base)))
    throw new Unreachable('speaks-https', 'it speaks https on that port, not http');
  if (first && FATAL_FIRST.has(error.fault)) throw new Unreachable(error.fault, error.message);
  const method = step.session ? 'POST' : step.request!.method;
  const path = step.session ? `the ${step.session.action} path` : fill(step.request!.path, run.vars);
  run.results.push({
    name: step.name,
    kind: 'http',
    ok: false,
    ran: true,
    nearMiss: false,
    sent: run.describeSent(step),
    expected: describeExpectation(step.expect, run.vars),
    got: error.message,
    why: transportReason(error.fault, method, path),
  });
  if (FATAL_LATER.has(error.fault)) run.stop(error.message);
}

/** Runs the steps in order and returns every result and the run's notes; throws Unreachable when nothing answered. */
export async function runContract(steps: readonly Check[], options: ContractOptions): Promise<CheckRun> {
  const run = new ContractRun(options);
  for (const step of steps) {
    const blocked = run.blocker(step);
    run.noteCaptures(step);
    if (blocked) {
      run.notRun(step, blocked);
      continue;
    }
    const first = run.connection.fresh;
    try {
      await runStep(run, step);
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      await transportFailure(run, step, error, first);
    }
  }
  return { results: run.results, notes: [...new Set(run.connection.notes)], values: run.vars };
}
