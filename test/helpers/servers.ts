import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Ways to break the reference API, each of which some check must catch. */
export interface Flaws {
  createdStatus?: number;
  noValidation?: boolean;
  deleteStatus?: number;
  unprotected?: boolean;
  /** Any user reads, changes and deletes any todo. */
  idor?: boolean;
  /** Every user's todos in every user's list; each todo by its id is still its owner's alone. */
  listsAll?: boolean;
  /** A PATCH answers the changed todo and keeps nothing. */
  patchUnsaved?: boolean;
  /** Never answers 429, however many wrong passwords. */
  noThrottle?: boolean;
  duplicateEmails?: boolean;
  /** Accept connections but never answer. */
  silent?: boolean;
}

async function body(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  let text = '';
  for await (const chunk of request) text += chunk;
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The reference implementation of the todo, auth and health contracts, as a learner would write
 * them (in memory, tokens as random strings, each todo its owner's), with optional flaws.
 */
export async function referenceApi(flaws: Flaws = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const todos = new Map<number, { id: number; title: string; done: boolean; owner: string | undefined }>();
  const users = new Map<string, string>();
  const access = new Map<string, string>();
  const refresh = new Map<string, string>();
  const failures = new Map<string, number>();
  let nextId = 1;
  const token = () => Math.random().toString(36).slice(2);
  const send = (response: ServerResponse, status: number, data?: unknown) => {
    response.writeHead(status, data === undefined ? {} : { 'content-type': 'application/json' });
    response.end(data === undefined ? undefined : JSON.stringify(data));
  };
  const shown = ({ owner: _owner, ...todo }: { id: number; title: string; done: boolean; owner: string | undefined }) =>
    todo;
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (flaws.silent) return;
    const data = await body(request);
    const [path, id] = [request.url ?? '', Number((request.url ?? '').split('/')[2])];
    const key = `${request.method} ${path.replace(/\/\d+$/, '/:id')}`;
    const user = access.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (key === 'GET /health') return send(response, 200, { ok: true });
    if (key === 'POST /auth/register') {
      if (typeof data?.email !== 'string' || typeof data.password !== 'string')
        return send(response, 422, { error: 'email and password required' });
      if (users.has(data.email) && !flaws.duplicateEmails) return send(response, 409, { error: 'taken' });
      users.set(data.email, data.password);
      return send(response, 201, { email: data.email });
    }
    if (key === 'POST /auth/login') {
      const email = String(data?.email);
      if ((failures.get(email) ?? 0) >= 10 && !flaws.noThrottle) return send(response, 429, { error: 'slow down' });
      if (users.get(email) !== data?.password) {
        failures.set(email, (failures.get(email) ?? 0) + 1);
        return send(response, 401, { error: 'wrong' });
      }
      failures.delete(email);
      const pair = { access_token: token(), refresh_token: token() };
      access.set(pair.access_token, email);
      refresh.set(pair.refresh_token, email);
      return send(response, 200, pair);
    }
    if (key === 'POST /auth/refresh') {
      const owner = refresh.get(String(data?.refresh_token));
      if (!owner) return send(response, 401, { error: 'bad token' });
      const fresh = token();
      access.set(fresh, owner);
      return send(response, 200, { access_token: fresh });
    }
    // Without any account yet the todo routes are open, so the rest-api contract runs alone.
    if (users.size > 0 && !user && !flaws.unprotected) return send(response, 401, { error: 'log in' });
    if (key === 'GET /todos')
      return send(response, 200, [...todos.values()].filter((t) => t.owner === user || flaws.listsAll).map(shown));
    if (key === 'POST /todos') {
      if (typeof data?.title !== 'string' && !flaws.noValidation)
        return send(response, 422, { detail: 'title is required' });
      const todo = { id: nextId++, title: String(data?.title ?? ''), done: false, owner: user };
      todos.set(todo.id, todo);
      return send(response, flaws.createdStatus ?? 201, shown(todo));
    }
    const todo = todos.get(id);
    if (!todo || (todo.owner !== user && !flaws.idor)) return send(response, 404, { error: 'not found' });
    if (key === 'GET /todos/:id') return send(response, 200, shown(todo));
    if (key === 'PATCH /todos/:id') {
      const changed = { ...todo, done: data?.done === true };
      if (!flaws.patchUnsaved) todos.set(id, changed);
      return send(response, 200, shown(changed));
    }
    if (key === 'DELETE /todos/:id') {
      todos.delete(id);
      return send(response, flaws.deleteStatus ?? 204);
    }
    send(response, 404, { error: 'no route' });
  };
  const server: Server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that was free a moment ago: nothing listens there. */
export async function closedPort(wanted = 0): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(wanted, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
