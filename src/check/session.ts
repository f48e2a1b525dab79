import type { LoginFlow, SessionUser } from '../roadmap/checks.js';
import type { Connection } from './connection.js';
import type { Answer } from './http.js';

/**
 * The learner session of a check: fresh users registered and logged in the way the roadmap's
 * login block says, speaking the dialects of the frameworks the stages name: a JSON body first,
 * then the OAuth2 password form (FastAPI's tutorial); the e-mail sent as `username` too (Django's
 * and simplejwt's user model); tokens read from `access_token`, `token` or `access`, refresh tokens
 * from `refresh_token` or `refresh`.
 */

const ACCESS_FIELDS = ['access_token', 'token', 'access'];
const REFRESH_FIELDS = ['refresh_token', 'refresh'];
/** Answers that mean "not this path": the next path of the list is tried. */
const NOT_HERE = new Set([404, 405]);
/** Answers that mean "not in this shape": the OAuth2 password form is tried. */
const NOT_THIS_BODY = new Set([400, 415, 422]);

export interface User {
  email: string;
  password: string;
  access: string | null;
  refresh: string | null;
}

export interface SessionExchange {
  answer: Answer;
  /** What was sent, on one line. */
  sent: string;
  method: string;
  url: string;
  json: unknown;
}

function tokenIn(text: string, fields: string[]): string | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  // A `{data: …}` envelope is a near-miss of the todo contract, not a reason to fail the login.
  const inner =
    body !== null && typeof body === 'object' && 'data' in body ? [body, (body as { data: unknown }).data] : [body];
  for (const candidate of inner) {
    if (candidate === null || typeof candidate !== 'object') continue;
    for (const field of fields) {
      const value = (candidate as Record<string, unknown>)[field];
      if (typeof value === 'string' && value.length > 0) return value;
    }
  }
  return null;
}

export const accessTokenIn = (text: string) => tokenIn(text, ACCESS_FIELDS);
const refreshTokenIn = (text: string) => tokenIn(text, REFRESH_FIELDS);

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' };

export class LearnerSession {
  readonly users: Record<SessionUser, User>;
  /** The login path and body shape that worked, so that repeated logins go straight there. */
  private loginWay: { path: string; form: boolean } | null = null;

  constructor(
    private readonly flow: LoginFlow,
    private readonly connection: Connection,
    random: string,
  ) {
    const user = (name: string): User => ({
      email: `${name}-${random}@example.com`,
      password: `Correct-horse-${random}`,
      access: null,
      refresh: null,
    });
    this.users = { learner: user('learner'), other: user('other') };
  }

  private async post(path: string, json: Record<string, string>, form: boolean): Promise<SessionExchange> {
    const url = this.connection.url(path).href;
    const body = form
      ? new URLSearchParams({ grant_type: 'password', username: json.username!, password: json.password! })
      : JSON.stringify(json);
    const headers = form
      ? { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' }
      : JSON_HEADERS;
    const answer = await this.connection.exchange('POST', path, headers, body);
    const shown = form
      ? `(form) grant_type=password&username=${json.username}&password=…`
      : JSON.stringify({ ...json, password: '…' });
    return { answer, sent: `POST ${url} ${shown}`, method: 'POST', url, json: form ? undefined : json };
  }

  register(who: SessionUser): Promise<SessionExchange> {
    const user = this.users[who];
    return this.post(this.flow.register, { email: user.email, username: user.email, password: user.password }, false);
  }

  /** Sends a login the way that worked before, or finds it: each path of the list, JSON first, then the form. */
  private async sendLogin(json: Record<string, string>): Promise<SessionExchange> {
    if (this.loginWay) return this.post(this.loginWay.path, json, this.loginWay.form);
    let last: SessionExchange | undefined;
    for (const path of this.flow.login) {
      last = await this.post(path, json, false);
      let form = false;
      if (NOT_THIS_BODY.has(last.answer.status)) {
        const asForm = await this.post(path, json, true);
        const formFits = !NOT_HERE.has(asForm.answer.status) && !NOT_THIS_BODY.has(asForm.answer.status);
        if (formFits) [last, form] = [asForm, true];
      }
      if (!NOT_HERE.has(last.answer.status)) {
        if (!NOT_THIS_BODY.has(last.answer.status)) this.loginWay = { path, form };
        return last;
      }
    }
    return last!;
  }

  /** Logs in (with another password when given); a 2xx answer's tokens become the user's. */
  async login(who: SessionUser, password?: string): Promise<SessionExchange> {
    const user = this.users[who];
    const exchange = await this.sendLogin({
      email: user.email,
      username: user.email,
      password: password ?? user.password,
    });
    const { status, text } = exchange.answer;
    if (status >= 200 && status < 300 && password === undefined) {
      user.access = accessTokenIn(text);
      user.refresh = refreshTokenIn(text) ?? user.refresh;
    }
    return exchange;
  }

  /** Trades the user's refresh token for a new access token, at the first refresh path that exists. */
  async refresh(who: SessionUser): Promise<SessionExchange | null> {
    const user = this.users[who];
    if (!user.refresh) return null;
    let last: SessionExchange | undefined;
    for (const path of this.flow.refresh) {
      last = await this.post(path, { refresh_token: user.refresh, refresh: user.refresh }, false);
      if (!NOT_HERE.has(last.answer.status)) break;
    }
    const fresh = last!.answer.status === 200 ? accessTokenIn(last!.answer.text) : null;
    if (fresh) user.access = fresh;
    return last!;
  }

  /** Registers and logs a user in; the failing exchange when that did not give an access token. */
  async start(who: SessionUser): Promise<SessionExchange | null> {
    const registered = await this.register(who);
    if (registered.answer.status < 200 || registered.answer.status >= 300) return registered;
    const loggedIn = await this.login(who);
    return this.users[who].access ? null : loggedIn;
  }
}
