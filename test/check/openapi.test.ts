import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeOpenApi } from '../../src/check/openapi/judge.js';
import { readOpenApi, type DocumentSource } from '../../src/check/openapi/read.js';
import { EvidenceUnavailable } from '../../src/check/step.js';

const todo = {
  type: 'object',
  properties: { id: { type: 'integer' }, title: { type: 'string' }, done: { type: 'boolean' } },
  required: ['id', 'title'],
};
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });

/** An OpenAPI 3.1 document shaped as FastAPI writes it: a trailing-slash list route and {todo_id}. */
const FASTAPI_STYLE = {
  openapi: '3.1.0',
  info: { title: 'Todo API', version: '0.1.0' },
  paths: {
    '/todos/': {
      get: {
        summary: 'List todos',
        responses: { 200: { description: 'OK', ...json({ type: 'array', items: todo }) } },
      },
      post: {
        summary: 'Create a todo',
        requestBody: json({ type: 'object', properties: { title: { type: 'string' } } }),
        responses: { 201: { description: 'Created', ...json(todo) } },
      },
    },
    '/todos/{todo_id}': {
      parameters: [{ name: 'todo_id', in: 'path', required: true, schema: { type: 'integer' } }],
      get: { responses: { 200: { description: 'OK', ...json(todo) }, 404: { description: 'Not found' } } },
      patch: { responses: { 200: { description: 'OK', ...json(todo) } } },
      delete: { responses: { 204: { description: 'Deleted' } } },
    },
  },
};

/** Swagger 2.0 under a base path, as swagger-jsdoc writes for an Express app, without PATCH and DELETE. */
const SWAGGER_PARTIAL = {
  swagger: '2.0',
  info: { title: 'Todo API', version: '1.0.0' },
  basePath: '/api',
  paths: {
    '/api/todos': {
      get: { responses: { 200: { description: 'OK' } } },
      post: { responses: { 201: { description: 'Created' } } },
    },
    '/api/todos/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }],
        responses: { 200: { description: 'OK' } },
      },
    },
  },
};

/** What each test server answers, by path: a status and a body with its content type. */
type Routes = Record<string, [number, string, string]>;

async function serve(routes: Routes): Promise<{ base: URL; server: Server }> {
  const server = createServer((request, response) => {
    const [status, type, body] = routes[request.url ?? ''] ?? [404, 'application/json', '{"detail":"Not Found"}'];
    response.writeHead(status, { 'content-type': type });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`), server };
}

describe('the API document check', () => {
  const servers: Server[] = [];
  const at = async (routes: Routes) => {
    const { base, server } = await serve(routes);
    servers.push(server);
    return base;
  };
  afterAll(() => servers.forEach((s) => s.close()));
  const check = async (source: DocumentSource) =>
    Object.fromEntries(judgeOpenApi(await readOpenApi(source)).map((s) => [s.name, s]));

  it("finds FastAPI's /openapi.json, validates it, and matches /todos/ and {todo_id} to the contract's paths", async () => {
    const base = await at({ '/openapi.json': [200, 'application/json', JSON.stringify(FASTAPI_STYLE)] });
    const steps = await check({ base });
    expect(Object.values(steps).map((s) => [s.name, s.ok, s.got])).toEqual([
      ['the API serves its OpenAPI document', true, 'found, OpenAPI 3.1.0'],
      ['the document is valid OpenAPI', true, 'valid against the OpenAPI 3.1 schema'],
      ['the document describes the todo endpoints', true, 'all 5 are there'],
    ]);
    expect(steps['the document describes the todo endpoints']!.sent).toBe(`${base.origin}/openapi.json`);
  });

  it('skips a Swagger UI page for the JSON beside it, and names the operations a document leaves out', async () => {
    const base = await at({
      '/api-docs': [200, 'text/html', '<!DOCTYPE html><html><body><div id="swagger-ui"></div></body></html>'],
      '/api-docs.json': [200, 'application/json', JSON.stringify(SWAGGER_PARTIAL)],
    });
    const facts = await readOpenApi({ base });
    expect(facts.attempts.map((a) => `${new URL(a.source).pathname} ${a.outcome}`)).toEqual([
      '/openapi.json answered 404',
      '/api-docs is a web page, not the document behind it',
    ]);
    const steps = judgeOpenApi(facts);
    expect(steps.map((s) => s.ok)).toEqual([true, true, false]);
    expect(steps[2]!.got).toBe('PATCH /todos/{id} and DELETE /todos/{id} are missing (the document has 3 operations)');
  });

  it("reads drf-spectacular's YAML at /api/schema/ under the API's own prefix", async () => {
    const yaml = `openapi: 3.0.3\ninfo: {title: Todos, version: 1.0.0}\npaths:\n${['/api/todos/', '/api/todos/{id}/']
      .map(
        (p, i) =>
          `  ${p}:\n${(i === 0 ? ['get', 'post'] : ['get', 'patch', 'delete']).map((m) => `    ${m}:\n      responses:\n        '200': {description: OK}\n`).join('')}`,
      )
      .join('')}`;
    const base = await at({ '/api/api/schema/': [200, 'application/vnd.oai.openapi', yaml] });
    const steps = await check({ base: new URL('api/', base) });
    expect(Object.values(steps).map((s) => s.ok)).toEqual([true, true, true]);
  });

  it('reports what the validator finds wrong in a broken document', async () => {
    const broken = { openapi: '3.0.3', paths: { '/todos': { get: { responses: { 200: {} } } } } };
    const base = await at({ '/openapi.json': [200, 'application/json', JSON.stringify(broken)] });
    const steps = await check({ base });
    expect(steps['the document is valid OpenAPI']).toMatchObject({
      ok: false,
      got: "/ must have required property 'info'; /paths/~1todos/get/responses/200 must have required property 'description'",
    });
  });

  it('lists every place it tried when there is no document', async () => {
    const base = await at({});
    const steps = Object.values(await check({ base }));
    expect(steps.map((s) => [s.ok, s.ran])).toEqual([
      [false, true],
      [false, false],
      [false, false],
    ]);
    expect(steps[0]!.got).toMatch(
      /\/openapi\.json answered 404; .*\/api\/schema\/ answered 404; .*\/v3\/api-docs answered 404$/,
    );
  });

  describe('--spec', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'bp-spec-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const sentence = (source: DocumentSource) =>
      readOpenApi(source).then(
        () => 'no error',
        (e: Error) => (e instanceof EvidenceUnavailable ? e.message : `other: ${e.message}`),
      );

    it('takes a file', async () => {
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(FASTAPI_STYLE));
      expect(judgeOpenApi(await readOpenApi({ spec: join(dir, 'openapi.json') })).every((s) => s.ok)).toBe(true);
    });

    it('names parameters written the Express way, /todos/:id, as why the endpoints are not found', async () => {
      const { '/todos/{todo_id}': item, ...rest } = FASTAPI_STYLE.paths;
      const express = { ...FASTAPI_STYLE, paths: { ...rest, '/todos/:id': item } };
      writeFileSync(join(dir, 'express.json'), JSON.stringify(express));
      const operations = judgeOpenApi(await readOpenApi({ spec: join(dir, 'express.json') }))[2]!;
      expect(operations).toMatchObject({
        ok: false,
        got: 'GET /todos/{id}, PATCH /todos/{id} and DELETE /todos/{id} are missing (the document has 5 operations)',
        why: 'Its paths write parameters the Express way, as in /todos/:id; OpenAPI writes them in braces: /todos/{id}.',
      });
    });

    it('a malformed file, a missing file and a server that is not running each end in one sentence', async () => {
      writeFileSync(join(dir, 'broken.yaml'), 'openapi: 3.1.0\ninfo: {title: [unclosed\n');
      expect(await sentence({ spec: join(dir, 'broken.yaml') })).toMatch(
        new RegExp(`^${join(dir, 'broken.yaml')} is neither JSON nor YAML: .+\\.$`),
      );
      expect(await sentence({ spec: join(dir, 'nope.json') })).toBe(`There is no file ${join(dir, 'nope.json')}.`);
      expect(await sentence({ spec: dir })).toBe(`${dir} is a folder, not your API document.`);
      const { base, server } = await serve({});
      server.close();
      expect(await sentence({ base })).toBe(
        `Nothing answered at ${base.origin} (nothing accepted the connection) — is your server running?`,
      );
    });
  });
});
