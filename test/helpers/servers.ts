import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Ways to break the reference API, each of which some check must catch. */
export interface Flaws {
  createdStatus?: number;
  noValidation?: boolean;
  deleteStatus?: number;
  unprotected?: boolean;
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
 * them (in memory, tokens as random strings), with optional flaws.
 */
export async function referenceApi(flaws: Flaws = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const todos = new Map<number, { id: number; title: string; done: boolean }>();
  const users = new Map<string, string>();
  const access = new Set<string>();
  const refresh = new Set<string>();
  let nextId = 1;
  const token = () => Math.random().toString(36).slice(2);
  const send = (response: ServerResponse, status: number, data?: unknown) => {
    response.writeHead(status, data === undefined ? {} : { 'content-type': 'application/json' });
    response.end(data === undefined ? undefined : JSON.stringify(data));
  };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (flaws.silent) return;
    const data = await body(request);
    const [path, id] = [request.url ?? '', Number((request.url ?? '').split('/')[2])];
    const key = `${request.method} ${path.replace(/\/\d+$/, '/:id')}`;
    const authorized = flaws.unprotected || access.has((request.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (key === 'GET /health') return send(response, 200, { ok: true });
    if (key === 'POST /auth/register') {
      if (typeof data?.email !== 'string' || typeof data.password !== 'string')
        return send(response, 422, { error: 'email and password required' });
      if (users.has(data.email) && !flaws.duplicateEmails) return send(response, 409, { error: 'taken' });
      users.set(data.email, data.password);
      return send(response, 201, { email: data.email });
    }
    if (key === 'POST /auth/login') {
      if (typeof data?.email !== 'string' || users.get(data.email) !== data.password)
        return send(response, 401, { error: 'wrong' });
      const pair = { access_token: token(), refresh_token: token() };
      access.add(pair.access_token);
      refresh.add(pair.refresh_token);
      return send(response, 200, pair);
    }
    if (key === 'POST /auth/refresh') {
      if (!refresh.has(String(data?.refresh_token))) return send(response, 401, { error: 'bad token' });
      const fresh = token();
      access.add(fresh);
      return send(response, 200, { access_token: fresh });
    }
    // Without any account yet the todo routes are open, so the rest-api contract runs alone.
    if (users.size > 0 && !authorized) return send(response, 401, { error: 'log in' });
    if (key === 'GET /todos') return send(response, 200, [...todos.values()]);
    if (key === 'POST /todos') {
      if (typeof data?.title !== 'string' && !flaws.noValidation)
        return send(response, 422, { detail: 'title is required' });
      const todo = { id: nextId++, title: String(data?.title ?? ''), done: false };
      todos.set(todo.id, todo);
      return send(response, flaws.createdStatus ?? 201, todo);
    }
    const todo = todos.get(id);
    if (!todo) return send(response, 404, { error: 'not found' });
    if (key === 'GET /todos/:id') return send(response, 200, todo);
    if (key === 'PATCH /todos/:id') return send(response, 200, Object.assign(todo, { done: data?.done === true }));
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
export async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
