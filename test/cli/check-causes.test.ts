import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runContract } from '../../src/check/contract.js';
import { loadRoadmapFile } from '../../src/roadmap/load.js';
import { json, learner } from '../helpers/cli.js';
import { COURSE } from '../helpers/paths.js';
import {
  answering,
  earlyCloseServer,
  forwardingServer,
  hugeHeaderServer,
  malformedServer,
  opensslMissing,
  plainHttpServer,
  tlsServer,
  type HostileServer,
} from '../helpers/hostile.js';
import { closedPort, referenceApi } from '../helpers/servers.js';
import { runBin } from '../helpers/spawn.js';
import { tempDir } from '../helpers/store.js';

/**
 * Every way a server can fail to answer gets one sentence that names the cause and what to do,
 * never "is your server running?" for a server that did answer.
 */

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve<T extends HostileServer>(server: Promise<T>): Promise<T> {
  const running = await server;
  servers.push(running);
  return running;
}

async function planned() {
  const me = learner();
  await me(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-11-23']);
  return me;
}

const firstLine = (text: string) => text.split('\n')[0];
// Port 8000 is free on a test machine unless something there serves it.
const port8000 = await closedPort(8000).catch(() => undefined);

describe('check names why nothing useful came back', () => {
  it('nothing listening: the URL tried and the --url :PORT form', async () => {
    const me = await planned();
    const url = await closedPort();
    const result = await me(['check', 'rest-api', '--url', url]);
    expect(result.code).toBe(1);
    expect(firstLine(result.stderr)).toBe(
      `Error: Nothing answered at ${url}: nothing accepted the connection. Is your server running, and on this port?`,
    );
    expect(result.stderr).toContain('`backend-path check rest-api --url :8000`');
    // Nothing was kept, so the command to run again names the URL given.
    expect(result.stderr).toContain(`Start it and run \`backend-path check rest-api --url ${url}\` again`);
  });

  it.skipIf(!port8000)(
    `nothing listening on 8000: the hint offers another port, not the one that failed${port8000 ? '' : ' (skipped: port 8000 is in use on this machine)'}`,
    async () => {
      const me = await planned();
      const result = await me(['check', 'rest-api', '--url', port8000!]);
      expect(firstLine(result.stderr)).toBe(
        `Error: Nothing answered at ${port8000}: nothing accepted the connection. Is your server running, and on this port?`,
      );
      expect(result.stderr).toContain('`backend-path check rest-api --url :3000`');
      expect(result.stderr).not.toContain('--url :8000');
    },
  );

  it.skipIf(Boolean(opensslMissing))(
    `a self-signed certificate${opensslMissing ? ` (skipped: ${opensslMissing})` : ''}`,
    async () => {
      const me = await planned();
      const server = await serve(tlsServer('self-signed'));
      const result = await me(['check', 'rest-api', '--url', server.url]);
      expect(result.code).toBe(1);
      expect(firstLine(result.stderr)).toBe(
        `Error: ${server.url} answered, but its https certificate is self-signed, so no client trusts it.`,
      );
      // The hint's way to keep https works: the certificate trusted, the check gets past TLS.
      expect(result.stderr).toContain('`export NODE_EXTRA_CA_CERTS=/path/to/cert.pem`');
      const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
      await runBin(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-11-23'], env);
      const trusted = await runBin(['check', 'rest-api', '--url', server.url], {
        ...env,
        NODE_EXTRA_CA_CERTS: server.caFile,
      });
      expect(trusted.stdout + trusted.stderr).not.toMatch(/certificate/);
    },
  );

  it.skipIf(Boolean(opensslMissing))(
    `a certificate made out to another name${opensslMissing ? ` (skipped: ${opensslMissing})` : ''}`,
    async () => {
      const server = await serve(tlsServer('wrong-name'));
      const env = {
        BACKEND_PATH_CONFIG_DIR: tempDir(),
        BACKEND_PATH_TODAY: '2026-11-23',
        NODE_EXTRA_CA_CERTS: server.caFile,
      };
      await runBin(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-11-23'], env);
      const result = await runBin(['check', 'rest-api', '--url', server.url], env);
      expect(result.code).toBe(1);
      expect(firstLine(result.stderr)).toBe(
        `Error: ${server.url} answered, but its https certificate is made out to another host name.`,
      );
      // Trusting it would not help: the hint asks for a certificate made for the name checked.
      expect(result.stderr).toContain('To check it over https, make one for the host name you check (');
      expect(result.stderr).not.toContain('NODE_EXTRA_CA_CERTS');
    },
  );

  it('an https URL for a plain http server, and an http URL for an https one', async () => {
    const me = await planned();
    const plain = await serve(plainHttpServer());
    const https = await me(['check', 'rest-api', '--url', plain.url]);
    expect(https.code).toBe(1);
    expect(firstLine(https.stderr)).toBe(`Error: ${plain.url} does not speak https on that port (is it plain http?).`);
    expect(https.stderr).toContain(`--url ${plain.url.replace('https:', 'http:')}/`);
    if (opensslMissing) return;
    const tls = await serve(tlsServer('self-signed'));
    const http = tls.url.replace('https:', 'http:');
    const wrong = await me(['check', 'rest-api', '--url', http]);
    expect(wrong.code).toBe(1);
    expect(firstLine(wrong.stderr)).toBe(`Error: ${http} speaks https on that port, not http.`);
  });

  it('a crash on one request: which request, and where to look', async () => {
    const me = await planned();
    const upstream = await serve(referenceApi());
    const crashing = await serve(forwardingServer(upstream.url, { resetOn: /^PATCH / }));
    const result = await me(['check', 'rest-api', '--url', crashing.url, '--json']);
    expect(result.code).toBe(1);
    const report = json(result.stdout) as { results: { name: string; ok: boolean; why: string | null }[] };
    const patch = report.results.find((r) => r.name === 'PATCH /todos/{id} marks it done')!;
    expect(patch.why).toMatch(/^It crashed on PATCH \/todos\/\d+: look at its log\.$/);
    // The change it never made is not there afterwards either.
    expect(report.results.filter((r) => !r.ok).map((r) => r.name)).toEqual([
      'PATCH /todos/{id} marks it done',
      'GET /todos/{id} afterwards shows it done',
    ]);
  });

  it.each([
    [
      'not HTTP at all',
      malformedServer,
      'the server answered with something that is not valid HTTP',
      'Is another program listening on that port? Its answer is not HTTP.',
    ],
    [
      'a 20 KB header',
      hugeHeaderServer,
      "the answer's headers are larger than the 16 KB a client accepts (a huge cookie?)",
      "Its answer's headers are over 16 KB (a large cookie?): clients refuse them.",
    ],
    [
      'a close before the answer',
      () => earlyCloseServer(false),
      'the server closed the connection before its answer was complete',
      'It closed the connection on POST /todos without a complete answer: look at its log.',
    ],
    [
      'a close in the middle of the body',
      () => earlyCloseServer(true),
      'the server closed the connection before its answer was complete',
      'It closed the connection on POST /todos without a complete answer: look at its log.',
    ],
  ])('an answer that is %s is named, not taken for a server that is down', async (_name, start, got, why) => {
    const me = await planned();
    const server = await serve(start());
    const result = await me(['check', 'rest-api', '--url', server.url, '--json']);
    expect(result.code).toBe(1);
    const first = (json(result.stdout) as { results: { got: string; why: string | null }[] }).results[0]!;
    expect(first).toMatchObject({ got, why });
  });

  it('a free host asleep until its first request: the check waits for it and says so', async () => {
    const upstream = await serve(referenceApi());
    const sleepy = await serve(forwardingServer(upstream.url, { firstDelayMs: 1500 }));
    const restApi = loadRoadmapFile(COURSE).roadmap.stages.find((s) => s.id === 'rest-api')!;
    const run = await runContract(restApi.checks!.steps, {
      base: new URL(sleepy.url),
      timeouts: { each: 500, first: 30_000 },
      login: null,
      loggedIn: false,
      token: null,
    });
    expect(run.results.filter((r) => !r.ok)).toEqual([]);
    expect(run.notes).toEqual([
      expect.stringMatching(
        /^The first answer took \d+ s, as a free host waking up does; the check waits up to 30 s for it\.$/,
      ),
    ]);
  });

  it('names the field that failed, and the later checks say the one they wait for failed', async () => {
    // Creates with the wrong title; knows nothing else (no login either).
    const server = await serve(
      answering((method, path) =>
        method === 'POST' && path === '/todos'
          ? [201, { id: 1, title: 'x', done: false }]
          : [404, { error: 'not found' }],
      ),
    );
    const restApi = loadRoadmapFile(COURSE).roadmap.stages.find((s) => s.id === 'rest-api')!;
    const options = { base: new URL(server.url), timeouts: { each: 4000, first: 4000 }, token: null };
    const run = await runContract(restApi.checks!.steps, { ...options, login: null, loggedIn: false });
    const byName = new Map(run.results.map((r) => [r.name, r]));
    expect(byName.get('POST /todos creates a todo')!.why).toMatch(
      /^The answer's \$\.title is "x", where the check expects \$\.title = "Learn SQL [0-9a-f]+"\./,
    );
    expect(byName.get('GET /todos/{id} returns it')!.got).toBe(
      'not run: needs the id from "POST /todos creates a todo", which failed above',
    );
    // Logged in first (a stage after auth), where registering gets a 404: what was sent, expected and got is the login.
    const login = loadRoadmapFile(COURSE).roadmap.login;
    const loggedIn = await runContract(restApi.checks!.steps, { ...options, login, loggedIn: true });
    expect(loggedIn.results[0]).toMatchObject({
      name: 'POST /todos creates a todo',
      sent: expect.stringMatching(/^POST http:\/\/127\.0\.0\.1:\d+\/auth\/register /),
      expected:
        'a user registered (POST /auth/register) and logged in (POST /auth/login or /token) before this request',
      got: '404 {"error":"not found"}',
    });
  });

  it('an API without auth routes: the refresh check says no login gave a token, never that a login gave no refresh token', async () => {
    const server = await serve(answering(() => [404, { error: 'not found' }]));
    const { roadmap } = loadRoadmapFile(COURSE);
    const auth = roadmap.stages.find((s) => s.id === 'auth')!;
    const options = { base: new URL(server.url), timeouts: { each: 4000, first: 4000 }, token: null };
    const run = await runContract(auth.checks!.steps, { ...options, login: roadmap.login, loggedIn: false });
    const refresh = run.results.find((r) => r.name === 'the refresh token gives a new access token')!;
    expect(refresh).toMatchObject({
      ran: false,
      got: 'not run: no login above gave a token, so there is no refresh token to trade',
    });
    // A value a later check waits for is named by its field in the answer, not the roadmap's variable (private_id).
    expect(run.results.find((r) => r.name === 'another user cannot read it')!.got).toBe(
      `not run: needs the id from "POST /todos with the token creates the learner's todo", which could not run`,
    );
  });

  /** A learner planned on a one-stage roadmap whose check reads a Dockerfile and asks the API for /health. */
  async function dockerProject(files: Record<string, string>) {
    const dir = tempDir();
    const file = join(dir, 'docker.yaml');
    writeFileSync(
      file,
      'id: t\ntitle: T\ntracks: {python: {title: Python}}\nstages:\n  - id: docker\n    title: Docker\n    hours: 1\n    evidence: {container: [dockerfile]}\n    checks: {steps: [{name: GET /health answers, request: {method: GET, path: /health}, expect: {status: 200}}]}\n',
    );
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const me = learner();
    await me(['plan', '--roadmap', file, '--track', 'python', '--hours', '5', '--start', '2026-11-23']);
    return { dir, me };
  }

  it('nothing listening on a stage that also reads a Dockerfile: the Dockerfile is judged, the API named, nothing kept', async () => {
    const { dir, me } = await dockerProject({
      Dockerfile: 'FROM python:latest\nENV SECRET_KEY=abc123\nCMD ["python", "app.py"]\n',
    });
    const url = await closedPort();
    const result = await me(['check', 'docker', '--url', url, '--repo', dir, '--json']);
    expect(result.code).toBe(1);
    const report = json(result.stdout) as { passed: boolean; again: string; results: Record<string, unknown>[] };
    expect(report.passed).toBe(false);
    expect(report.results[0]).toMatchObject({
      name: `your API at ${url}/`,
      ran: false,
      got: expect.stringMatching(
        /^not run: Nothing answered at .*: nothing accepted the connection\. Is your server running, and on this port\?/,
      ),
    });
    expect(report.results.filter((r) => r.kind === 'container' && !r.ok).map((r) => r.name)).toContain(
      'no secret is written into the image',
    );
    // Nothing was kept: the command to run again names the URL given.
    expect(report.again).toContain(`--url ${url}`);
    expect(json((await me(['status', '--json'])).stdout).stages[0].check).toBeNull();
  });

  it('when all that is left could not run, the last line says so instead of "fix the first failing one"', async () => {
    const { dir, me } = await dockerProject({
      Dockerfile: 'FROM python:3.12-slim\nRUN useradd --create-home app\nUSER app\nCMD ["python", "app.py"]\n',
      '.dockerignore': '.venv/\n__pycache__/\n.env\n',
    });
    const result = await me(['check', 'docker', '--url', await closedPort(), '--repo', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('✖');
    expect(result.stdout.trimEnd().split('\n\n').at(-1)!.replace(/\n/g, ' ')).toMatch(
      /^5 of 6 checks passed, and one could not run\. Run `backend-path check docker --url http:\/\/127\.0\.0\.1:\d+ --repo .+` again once it has what its "not run" line asks for\.$/,
    );
  });

  it('refuses ports browsers will not connect to, with exit 2, before sending anything', async () => {
    const me = await planned();
    const result = await me(['check', 'rest-api', '--url', ':6000']);
    expect([result.code, firstLine(result.stderr)]).toEqual([
      2,
      'Error: --url cannot use port 6000: browsers and fetch refuse to connect to it (it belongs to another protocol), so no web page could ever call your API there. Serve it on another port, such as 3000 or 8000.',
    ]);
  });

  it('a 401 to a request without a token names --token when the check cannot log in', async () => {
    const file = join(tempDir(), 'no-login.yaml');
    writeFileSync(
      file,
      'id: t\ntitle: T\ntracks: {node: {title: N}}\nstages:\n  - id: api\n    title: API\n    hours: 1\n    checks: {steps: [{name: GET /todos lists todos, request: {method: GET, path: /todos}, expect: {status: 200}}]}\n',
    );
    const me = learner();
    await me(['plan', '--roadmap', file, '--track', 'node', '--hours', '5', '--start', '2026-11-23']);
    const protectedApi = await serve(referenceApi());
    const body = JSON.stringify({ email: 'someone@example.com', password: 'Correct-horse-1' });
    await fetch(`${protectedApi.url}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const result = await me(['check', 'api', '--url', protectedApi.url, '--json']);
    expect(result.code).toBe(1);
    expect(json(result.stdout).results[0].why).toBe(
      'It answered 401 to a request without a token: pass your own with `--token <access token>`, or open these routes while this stage is checked.',
    );
  });
});
