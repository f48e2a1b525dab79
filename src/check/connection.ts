import { safeLine } from '../validation/sanitize.js';
import { send, type Answer, type Outgoing } from './http.js';

/**
 * The learner's server as the check talks to it over one run: it joins paths under the base URL,
 * follows the trailing-slash redirects frameworks make by default (DRF's router, FastAPI's
 * `APIRouter(prefix=…)` with "/", Django's APPEND_SLASH) and remembers which form the server
 * wants, and gives the first request of a public URL the time a sleeping free host needs to wake.
 */
export interface Timeouts {
  /** Every request but the first. */
  each: number;
  /** The first request: longer for a public URL, whose free host may be asleep. */
  first: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Joins the learner's base URL and a check's path, and refuses anything that would leave that server. */
export function requestUrl(base: URL, path: string): URL {
  const url = new URL(base.href);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${path.split('?')[0]}`;
  url.search = path.includes('?') ? path.slice(path.indexOf('?')) : '';
  if (url.origin !== base.origin) throw new Error(`The check's path ${path} leaves ${base.origin}.`);
  return url;
}

const toggledSlash = (pathname: string) => (pathname.endsWith('/') ? pathname.replace(/\/+$/, '') : `${pathname}/`);

export class Connection {
  /** Whether the server wants paths to end in a slash; null until a redirect says so. */
  private slash: boolean | null = null;
  private sent = 0;
  readonly notes: string[] = [];

  constructor(
    readonly base: URL,
    private readonly timeouts: Timeouts,
  ) {}

  /** The URL a path will be sent to, in the slash form this server wants. */
  url(path: string): URL {
    const url = requestUrl(this.base, path);
    if (this.slash === true && !url.pathname.endsWith('/')) url.pathname += '/';
    return url;
  }

  /** True until the first request has been sent. */
  get fresh(): boolean {
    return this.sent === 0;
  }

  async exchange(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string | URLSearchParams,
  ): Promise<Answer> {
    const outgoing: Outgoing = { method, url: this.url(path), headers, ...(body === undefined ? {} : { body }) };
    const timeout = this.sent === 0 ? this.timeouts.first : this.timeouts.each;
    const started = Date.now();
    this.sent += 1;
    const answer = await send(outgoing, timeout);
    const waited = Date.now() - started;
    if (timeout > this.timeouts.each && waited > this.timeouts.each) {
      this.notes.push(
        `The first answer took ${Math.round(waited / 1000)} s, as a free host waking up does; the check waits up to ${timeout / 1000} s for it.`,
      );
    }
    const slashed = this.slashTarget(outgoing.url, answer);
    if (!slashed) return answer;
    this.slash = slashed.pathname.endsWith('/');
    if (this.slash)
      this.notes.push(
        `Your routes end in a slash (${safeLine(slashed.pathname).slice(0, 80)}), as your framework's router makes them: fine, the check follows them.`,
      );
    return { ...(await send({ ...outgoing, url: slashed }, this.timeouts.each)), url: slashed.href };
  }

  /**
   * Where to resend a request that the server moved only by a trailing slash: a same-origin
   * redirect, or Django's DEBUG page for a POST it cannot redirect (APPEND_SLASH).
   */
  private slashTarget(url: URL, answer: Answer): URL | null {
    if (REDIRECTS.has(answer.status) && answer.location) {
      let target: URL;
      try {
        target = new URL(answer.location, url);
      } catch {
        return null;
      }
      const sameButSlash =
        target.origin === url.origin && target.pathname === toggledSlash(url.pathname) && target.search === url.search;
      return sameButSlash ? target : null;
    }
    if (answer.status === 500 && !url.pathname.endsWith('/') && answer.text.includes('APPEND_SLASH')) {
      const target = new URL(url.href);
      target.pathname += '/';
      return target;
    }
    return null;
  }
}
