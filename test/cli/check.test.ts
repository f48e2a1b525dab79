import { COURSE, fixture } from '../helpers/paths.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requestUrl } from '../../src/check/connection.js';
import { runContract } from '../../src/check/contract.js';
import { builtinRoadmaps } from '../../src/roadmap/builtin.js';
import { isLocalHost } from '../../src/check/address.js';
import { needsLogin, parseCheckUrl } from '../../src/commands/check.js';
import { json, learner } from '../helpers/cli.js';
import { closedPort, referenceApi, type Flaws } from '../helpers/servers.js';
import { tempDir } from '../helpers/store.js';

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function api(flaws: Flaws = {}) {
  const server = await referenceApi(flaws);
  servers.push(server);
  return server.url;
}

/** A server answering any request with `status`, after running `meanwhile` once if it is set. */
async function switchable() {
  const state = { status: 200, meanwhile: undefined as (() => void) | undefined, url: '' };
  const server = createServer((_, response) => {
    state.meanwhile?.();
    state.meanwhile = undefined;
    response.writeHead(state.status, { 'content-type': 'application/json' });
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return state;
}

async function planned() {
  const me = learner();
  await me(['plan', '--roadmap', COURSE, '--track', 'python', '--hours', '10', '--start', '2026-11-23']);
  return me;
}

const failed = (result: { results: { name: string; ok: boolean }[] }) =>
  result.results.filter((r) => !r.ok).map((r) => r.name);

describe('backend-path check', () => {
  it('passes the reference todo API, says so, and keeps the result with the date', async () => {
    const me = await planned();
    const url = await api();
    const result = await me(['check', 'rest-api', '--url', url]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✔ POST /todos creates a todo');
    expect(result.stdout).toContain('All 8 checks passed.');
    const report = json((await me(['check', 'rest-api', '--url', url, '--json'])).stdout);
    expect(report).toMatchObject({
      stage: 'rest-api',
      url: `${url}/`,
      again: 'backend-path check rest-api',
      passed: true,
    });
    expect(report.results[0]).toMatchObject({
      name: 'POST /todos creates a todo',
      ok: true,
      request: { method: 'POST', url: `${url}/todos` },
    });
    expect(json((await me(['status', '--json'])).stdout).stages[2].check).toEqual({
      date: '2026-11-23',
      url: `${url}/`,
      passed: 8,
      total: 8,
      lastPass: { date: '2026-11-23', url: `${url}/`, total: 8 },
    });
    await me(['done', 'language', 'http']);
    const next = (await me(['next'])).stdout.replace(/\n\s*/g, ' ');
    expect(next).toContain(
      `Check it against your running API: \`backend-path check rest-api\` (it checks ${url}/). Last check: 8 of 8 on Mon 23 Nov.`,
    );
  });

  it('passes the reference auth API', async () => {
    const me = await planned();
    const url = await api();
    expect((await me(['check', 'auth', '--url', url])).code).toBe(0);
  });

  it('every contract of both built-in roadmaps passes against the reference implementation', async () => {
    for (const roadmap of await builtinRoadmaps()) {
      for (const stage of roadmap.stages.filter((s) => s.checks)) {
        // A fresh server each time, as a learner starts theirs; the public rule is the command's, not the runner's.
        const run = await runContract(stage.checks!.steps, {
          base: new URL(await api()),
          timeouts: { each: 4000, first: 4000 },
          login: roadmap.login,
          loggedIn: needsLogin(roadmap, stage),
          token: null,
        });
        expect(run.results.filter((r) => !r.ok).map((r) => `${roadmap.id}/${stage.id}: ${r.name}: ${r.got}`)).toEqual(
          [],
        );
      }
    }
  });

  it.each([
    [
      { createdStatus: 200 },
      'rest-api',
      // A near-miss: the later checks go on with the id it gave.
      ['POST /todos creates a todo'],
      'expected 201',
    ],
    [
      { noValidation: true },
      'rest-api',
      ['POST /todos without a title is refused with a JSON error'],
      'expected 400 or 422',
    ],
    [{ deleteStatus: 200 }, 'rest-api', ['DELETE /todos/{id} deletes it'], 'expected 204'],
    [{ patchUnsaved: true }, 'rest-api', ['GET /todos/{id} afterwards shows it done'], 'does not show done true'],
    [{ listsAll: true }, 'auth', ["another user's GET /todos does not list it"], 'must answer only the logged-in'],
    [{ unprotected: true }, 'auth', ['GET /todos without a token is 401'], 'expected 401'],
    [{ duplicateEmails: true }, 'auth', ['registering the same e-mail again is refused'], 'expected 400 or 409 or 422'],
    [
      { idor: true },
      'auth',
      [
        'another user cannot read it',
        'another user cannot change it',
        'another user cannot delete it',
        'the learner still has it',
      ],
      'broken object-level authorisation',
    ],
  ])(
    'a broken variant %j fails exactly the checks it should, naming expected and actual',
    async (flaws, stage, names, expected) => {
      const me = await planned();
      const url = await api(flaws);
      const result = await me(['check', stage, '--url', url, '--json']);
      expect(result.code).toBe(1);
      expect(failed(json(result.stdout))).toEqual(names);
      const text = await me(['check', stage, '--url', await api(flaws)]);
      expect(text.stdout).toMatch(/✖ /);
      expect(text.stdout).toContain(expected);
      expect(text.stdout).toMatch(/got +\d{3} /);
    },
  );

  it('ends with a sentence when nothing listens or the server never answers', async () => {
    const me = await planned();
    const closed = await me(['check', 'rest-api', '--url', await closedPort()]);
    expect(closed.code).toBe(1);
    expect(closed.stderr).toMatch(
      /^Error: Nothing answered at http:\/\/127\.0\.0\.1:\d+: nothing accepted the connection\. Is your server running, and on this port\?/,
    );
    const silent = await me(['check', 'rest-api', '--url', await api({ silent: true })]);
    expect(silent.code).toBe(1);
    expect(silent.stderr).toMatch(
      /^Error: http:\/\/127\.0\.0\.1:\d+ accepted the connection but sent no answer within 4 seconds\.\nA request handler is probably stuck/,
    );
  });

  it('refuses usage mistakes with exit 2: a stage without checks, a bad URL, localhost for the live check', async () => {
    const me = await planned();
    const none = await me(['check', 'http']);
    expect([none.code, none.stderr.split('\n')[0]]).toEqual([2, 'Error: The stage http has no checks to run.']);
    expect(none.stderr).toContain('Stages with checks: rest-api, auth, deploy.');
    const scheme = await me(['check', 'rest-api', '--url', 'ftp://example.com']);
    expect([scheme.code, scheme.stderr.split('\n')[0]]).toEqual([
      2,
      'Error: --url must be an http or https address; ftp is not allowed.',
    ]);
    const local = await me(['check', 'deploy', '--url', 'http://localhost:8000']);
    expect(local.code).toBe(2);
    expect(local.stderr).toContain("The deploy check needs your API's public https address, not http://localhost:8000");
  });

  it('reads the :8000 shorthand and tells local addresses from public ones', () => {
    expect(parseCheckUrl(':8000').href).toBe('http://localhost:8000/');
    expect(parseCheckUrl('localhost:3000').href).toBe('http://localhost:3000/');
    for (const host of [
      'localhost',
      '127.0.0.1',
      '10.1.2.3',
      '192.168.0.4',
      '[::1]',
      'myapp.local',
      new URL('https://[::ffff:7f00:1]').hostname,
      '[::ffff:10.0.0.1]',
    ])
      expect(isLocalHost(host)).toBe(true);
    for (const host of ['todo.example.com', '8.8.8.8']) expect(isLocalHost(host)).toBe(false);
  });

  it("keeps a custom roadmap's checks on the learner's server", async () => {
    const base = new URL('http://127.0.0.1:3000/api/');
    expect(requestUrl(base, '/todos?x=1').href).toBe('http://127.0.0.1:3000/api/todos?x=1');
    expect(requestUrl(base, '/@evil.example/x').origin).toBe('http://127.0.0.1:3000');
    expect(requestUrl(base, '/..%2F..%2Fetc').origin).toBe('http://127.0.0.1:3000');
    const file = join(tempDir(), 'evil.yaml');
    writeFileSync(
      file,
      'id: evil\ntitle: Evil\ntracks: {node: {title: N}}\nstages:\n  - id: a\n    title: A\n    hours: 1\n    checks: {steps: [{name: x, request: {method: GET, path: "//evil.example/steal"}, expect: {status: 200}}]}\n',
    );
    const me = learner();
    const plan = await me(['plan', '--roadmap', file, '--track', 'node', '--hours', '5']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(
      'stages[0].checks.steps[0].request.path must be a path on your server starting with a single /',
    );
  });

  it('mentions a failing check when the stage is marked done, without blocking it', async () => {
    const me = await planned();
    await me(['check', 'rest-api', '--url', await api({ noValidation: true })]);
    const done = json((await me(['done', 'rest-api', '--json'])).stdout);
    expect(done.changed).toEqual([{ id: 'rest-api', title: 'Build a REST API' }]);
    expect(done.warnings).toEqual([
      "Its project's last check, on Mon 23 Nov, passed 7 of 8: run `backend-path check rest-api` again once it is fixed.",
    ]);
  });
});

describe('the URL a check uses, and what the portfolio shows', () => {
  it('remembers the URL: a later check of the stage, and of the plan’s other local stages, needs no --url', async () => {
    const me = await planned();
    const url = await api();
    const hostPort = url.replace('http://', '');
    expect((await me(['check', 'rest-api', '--url', hostPort])).code).toBe(0);
    const again = json((await me(['check', 'rest-api', '--json'])).stdout);
    expect(again).toMatchObject({ url: `${url}/`, again: 'backend-path check rest-api', passed: true });
    const auth = json((await me(['check', 'auth', '--json'])).stdout);
    expect(auth).toMatchObject({ url: `${url}/`, passed: true });
    await me(['done', 'language', 'http']);
    const next = (await me(['next'])).stdout.replace(/\n\s*/g, ' ');
    expect(next).toContain(`Check it against your running API: \`backend-path check rest-api\` (it checks ${url}/).`);
    // The live stage's address is never guessed from a local one.
    const deploy = json((await me(['done', 'deploy', '--json'])).stdout);
    expect(deploy.warnings).toEqual([
      'Its project has not been checked yet: run `backend-path check deploy --url https://your-app.example.com` against your live API.',
    ]);
  });

  it("starts from the track's port: 8000 for Python, 3000 for Node.js", async () => {
    for (const [track, port] of [
      ['python', 8000],
      ['node', 3000],
    ] as const) {
      const me = learner();
      await me(['plan', '--roadmap', COURSE, '--track', track, '--hours', '10', '--start', '2026-11-23']);
      await me(['done', 'language', 'http']);
      expect(json((await me(['next', '--json'])).stdout).stage.checkUrl).toBe(`http://localhost:${port}/`);
    }
  });

  it('reads a bare port as localhost, never as an IP address', () => {
    expect(parseCheckUrl('3917').href).toBe('http://localhost:3917/');
    expect(parseCheckUrl(':3917').href).toBe('http://localhost:3917/');
    expect(parseCheckUrl('127.0.0.1:3917').href).toBe('http://127.0.0.1:3917/');
  });

  it('the portfolio shows the last passing check with its date; a later failing run shows in status', async () => {
    const me = await planned();
    expect((await me(['check', 'rest-api', '--url', await api()])).code).toBe(0);
    expect((await me(['check', 'rest-api', '--url', await api({ noValidation: true })], '2026-11-25')).code).toBe(1);
    await me(['done', 'language', 'http', 'rest-api'], '2026-11-25');
    const markdown = (await me(['export', '--format', 'md'], '2026-11-25')).stdout;
    expect(markdown).toContain('- Checked Mon 23 Nov 2026: all 8 checks of its API passed');
    expect(markdown).not.toContain('7 of 8');
    const card = (await me(['export', '--format', 'svg'], '2026-11-25')).stdout;
    expect(card).toContain('Checked Mon 23 Nov 2026: Build a REST API, 8 of 8');
    const status = (await me(['status'], '2026-11-25')).stdout.replace(/\n\s*/g, ' ');
    expect(status).toContain('project checked Wed 25 Nov: 7 of 8 passed');
  });

  it('saves a check run again only when its outcome or its day is new', async () => {
    const dir = tempDir();
    const me = learner({ BACKEND_PATH_CONFIG_DIR: dir });
    await me(['plan', '--roadmap', fixture('roadmaps/one-check.yaml'), '--track', 'node', '--hours', '10']);
    const server = await switchable();
    const file = () => readFileSync(join(dir, 'progress.json'), 'utf8');
    const check = async (today = '2026-11-23') => {
      const before = file();
      const { code } = await me(['check', 's1', '--url', server.url], today);
      const { passed, date } = json((await me(['status', '--json'], today)).stdout).stages[0].check;
      return { code, passed, date, saved: file() !== before };
    };
    expect(await check()).toEqual({ code: 0, passed: 1, date: '2026-11-23', saved: true });
    expect((await me(['check', 's1'])).stdout).toContain('The one check passed. Saved with today');
    // The same outcome at the same address on the same day: the file is left exactly as it was.
    expect(await check()).toEqual({ code: 0, passed: 1, date: '2026-11-23', saved: false });
    server.status = 500;
    expect(await check()).toEqual({ code: 1, passed: 0, date: '2026-11-23', saved: true });
    expect((await me(['check', 's1'])).stdout).toContain('The one check failed. Fix it, restart your server and run');
    expect(await check()).toEqual({ code: 1, passed: 0, date: '2026-11-23', saved: false });
    server.status = 200;
    expect(await check()).toEqual({ code: 0, passed: 1, date: '2026-11-23', saved: true });
    expect(await check('2026-11-24')).toEqual({ code: 0, passed: 1, date: '2026-11-24', saved: true });
  });

  it('saves its outcome when another command saved another one while it ran', async () => {
    const dir = tempDir();
    const me = learner({ BACKEND_PATH_CONFIG_DIR: dir });
    await me(['plan', '--roadmap', fixture('roadmaps/one-check.yaml'), '--track', 'node', '--hours', '10']);
    const server = await switchable();
    expect((await me(['check', 's1', '--url', server.url])).code).toBe(0);
    // While the next check waits for its answer, a failing run of the same check is saved (as a
    // second terminal's would be); the check that answers last is the one the learner sees.
    server.meanwhile = () => {
      const path = join(dir, 'progress.json');
      const data = JSON.parse(readFileSync(path, 'utf8'));
      data.checks.s1 = { ...data.checks.s1, passed: 0 };
      writeFileSync(path, JSON.stringify(data));
    };
    expect((await me(['check', 's1'])).code).toBe(0);
    expect(json((await me(['status', '--json'])).stdout).stages[0].check).toMatchObject({ passed: 1, total: 1 });
  });

  it('sends the learner’s own token with --token, and says when the server refuses it', async () => {
    const me = await planned();
    const url = await api();
    const user = { email: 'me@example.com', password: 'Correct-horse-1' };
    const post = (path: string) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(user),
      });
    await post('/auth/register');
    const { access_token: token } = (await (await post('/auth/login')).json()) as { access_token: string };
    const good = json((await me(['check', 'rest-api', '--url', url, '--token', token, '--json'])).stdout);
    expect(good).toMatchObject({ passed: true, again: 'backend-path check rest-api --token <your access token>' });
    const bad = await me(['check', 'rest-api', '--url', url, '--token', 'expired', '--json']);
    expect(bad.code).toBe(1);
    expect(json(bad.stdout).results[0].why).toBe(
      'It answered 401 to the token given with --token: is it still valid (access tokens expire), and for this server?',
    );
  });
});
