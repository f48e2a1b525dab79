import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameworkMissing, startApi, type ApiOptions, type Framework, type RunningApi } from '../helpers/frameworks.js';
import { json, learner } from '../helpers/cli.js';
import { makeRepo, type TestRepo } from '../helpers/git-repo.js';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { probeEngine } from '../../src/check/container/read.js';
import { tempDir } from '../helpers/store.js';
import { installed } from '../helpers/programs.js';

const gitMissing = installed('git') ? '' : 'git is not installed here; .ci/run installs it';

/**
 * `check` on stages whose proof is beyond HTTP, against real things: the reference todo APIs
 * keeping their data in a real PostgreSQL server, real git repositories, FastAPI's own OpenAPI
 * document, and a Dockerfile on a machine without a Docker engine.
 */

interface Report {
  passed: boolean;
  looked: string[];
  results: { name: string; kind: string; ok: boolean; ran: boolean; got: string; why: string | null }[];
}
const failing = (report: Report) => report.results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.got}`);
const SLOW = 120_000;
const TRACK: Record<Framework, string> = { express: 'node', fastapi: 'python', drf: 'python' };

async function planned(track: string, roadmap = 'backend') {
  const dir = tempDir();
  const me = learner({ BACKEND_PATH_CONFIG_DIR: dir });
  await me(['plan', '--roadmap', roadmap, '--track', track, '--hours', '10', '--start', '2026-11-23']);
  const progress = () =>
    JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8')) as {
      checks: Record<string, unknown>;
      checkDatabase?: string;
    };
  return { me, progress };
}

const apis: RunningApi[] = [];
afterAll(async () => {
  await Promise.all(apis.splice(0).map((a) => a.stop()));
});
async function api(framework: Framework, options: ApiOptions): Promise<string> {
  const running = await startApi(framework, options);
  apis.push(running);
  return running.url;
}

/** The FastAPI reference API keeps its data in PostgreSQL through Debian's psycopg2. */
const psycopgMissing = () =>
  spawnSync('/usr/bin/python3', ['-c', 'import psycopg2'], { stdio: 'ignore' }).status === 0
    ? undefined
    : 'python3 cannot import psycopg2 (apt-get install python3-psycopg2)';
const needs = (framework: Framework) =>
  postgresMissing ?? frameworkMissing(framework) ?? (framework === 'fastapi' ? psycopgMissing() : undefined);

describe.each((['fastapi', 'express'] as Framework[]).map((f) => [f, needs(f)] as const))(
  'the %s reference API on a real PostgreSQL server',
  (framework, missing) => {
    let server: TestPostgres;
    let databases = 0;
    const title = (text: string) => (missing ? `${text} (skipped: ${missing})` : text);
    const database = async () => {
      const name = `${framework}_${++databases}`;
      await server.sql(`CREATE DATABASE ${name}`);
      return server.url(name);
    };
    beforeAll(async () => {
      if (!missing) server = await startPostgres();
    });
    afterAll(async () => server?.stop());

    it.skipIf(missing)(
      title('check auth fails an API that stores passwords as typed, with the sentence that says so'),
      { timeout: SLOW },
      async () => {
        const { me } = await planned(TRACK[framework]);
        const db = await database();
        const url = await api(framework, { databaseUrl: db, flaws: ['plain-passwords'] });
        const result = await me(['check', 'auth', '--url', url, '--db', db, '--json']);
        expect(result.code).toBe(1);
        const report = json(result.stdout) as Report;
        expect(failing(report)).toEqual([
          'passwords are stored as a slow hash, never as typed: password holds the password itself, in plain text',
        ]);
        expect(report.results.find((r) => !r.ok)!.why).toMatch(
          /^Anyone who reads the database or a backup can log in as every user/,
        );
      },
    );

    it.skipIf(missing)(
      title(
        `check auth passes the same API hashing with ${framework === 'fastapi' ? 'argon2' : 'bcrypt'}, and the database is remembered, never printed`,
      ),
      { timeout: SLOW },
      async () => {
        const { me, progress } = await planned(TRACK[framework]);
        const db = await database();
        const url = await api(framework, { databaseUrl: db });
        const first = await me(['check', 'auth', '--url', url, '--db', db]);
        expect(first.stdout).toMatch(/All \d+ checks passed/);
        expect(first.stdout.replace(/\n\s*/g, ' ')).toContain(
          `the database postgres://postgres@127.0.0.1:${server.port}/`,
        );
        expect(first.stdout + first.stderr).not.toContain('test-superuser-secret');
        const again = json((await me(['check', 'auth', '--json'])).stdout) as Report;
        expect(again.passed).toBe(true);
        expect(again.results.at(-1)!.got).toBe(
          `password holds ${framework === 'fastapi' ? 'an argon2' : 'a bcrypt'} hash`,
        );
        expect(JSON.stringify(again)).not.toContain('test-superuser-secret');
        // The progress file keeps the address to connect with; the learner's own machine holds it.
        expect(progress().checkDatabase).toBe(db);
      },
    );

    it.skipIf(missing)(
      title('check sql-postgres finds the schema the stage asks for and a todo made through the API'),
      { timeout: SLOW },
      async () => {
        const { me } = await planned(TRACK[framework]);
        const db = await database();
        const url = await api(framework, { databaseUrl: db, open: true });
        const report = json((await me(['check', 'sql-postgres', '--url', url, '--db', db, '--json'])).stdout) as Report;
        expect(failing(report)).toEqual([]);
        expect(report.results.map((r) => r.name)).toEqual([
          'a users table and a todos table',
          'a todo needs a title and a user an e-mail',
          'todos point to users with a foreign key',
          'the foreign key column has an index',
          'the todo created through your API is in the database',
        ]);
      },
    );

    it.skipIf(missing)(
      title('a database that refuses the password ends in one sentence, exit 1, and nothing is kept'),
      { timeout: SLOW },
      async () => {
        const { me, progress } = await planned(TRACK[framework]);
        const url = await api(framework, { open: true });
        const wrong = server.url('postgres', 'postgres', 'not-the-password');
        const result = await me(['check', 'sql-postgres', '--url', url, '--db', wrong]);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(
          `PostgreSQL at 127.0.0.1:${server.port} refused the password for the user postgres.`,
        );
        expect(result.stderr).not.toContain('not-the-password');
        expect(progress().checks['sql-postgres']).toBeUndefined();
      },
    );
  },
);

describe.skipIf(gitMissing)(`stages proven by the repository${gitMissing ? ` (skipped: ${gitMissing})` : ''}`, () => {
  const repos: TestRepo[] = [];
  afterAll(() => repos.forEach((r) => r.remove()));
  const repo = () => {
    const made = makeRepo();
    repos.push(made);
    return made;
  };
  const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}T10:00:00+00:00`;

  it('check language passes a good repository with no API and no --url', async () => {
    const r = repo();
    r.commit(
      'Fetch the weather from a public API',
      { '.gitignore': 'node_modules/\n.env\n', 'package.json': '{}', 'index.js': 'x\n'.repeat(40) },
      day(2),
    );
    r.commit('Write the rows to a CSV file', { 'csv.js': 'y\n'.repeat(40) }, day(4));
    r.commit('Explain how to run it', { 'README.md': 'Run `npm start`.\n' }, day(6));
    const { me } = await planned('node');
    const result = await me(['check', 'language', '--repo', r.dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Checking language: the repository ${r.dir}`);
    expect(result.stdout).toContain('All 6 checks passed.');
  });

  it('check language fails a committed .env with the commit that holds it', async () => {
    const r = repo();
    r.commit(
      'Start the CSV tool with settings',
      { '.gitignore': 'node_modules/\n', '.env': 'API_KEY=abc\n', 'README.md': 'npm start\n' },
      day(2),
    );
    const { me } = await planned('node');
    const report = json((await me(['check', 'language', '--repo', r.dir, '--json'])).stdout) as Report;
    expect(failing(report)).toContain(
      `no secrets anywhere in the history: a .env file, .env (commit ${r.git('rev-parse', '--short=7', 'HEAD').trim()})`,
    );
  });

  it('a folder that is not a git repository ends in one sentence, exit 1, and nothing is kept', async () => {
    const dir = tempDir();
    const { me, progress } = await planned('node');
    const result = await me(['check', 'language', '--repo', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${dir} is not a git repository.`);
    expect(progress().checks.language).toBeUndefined();
  });

  it('a check that could look at nothing here (no repository in this folder) exits 1 and keeps nothing', async () => {
    const { me, progress } = await planned('node');
    const result = await me(['check', 'language'], '2026-11-23', { cwd: tempDir() });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('not checked here:');
    expect(result.stdout).toContain('Nothing could be checked here, and nothing was saved');
    expect(progress().checks.language).toBeUndefined();
    // Nor does it count against a pass saved before.
    const r = repo();
    r.commit('Start the CSV tool with a README', { '.gitignore': 'node_modules/\n.env\n', 'README.md': 'x' }, day(1));
    await me(['check', 'language', '--repo', r.dir]);
    const before = progress().checks.language;
    expect(before).toBeDefined();
    expect((await me(['check', 'language'], '2026-11-24', { cwd: tempDir() })).code).toBe(1);
    expect(progress().checks.language).toEqual(before);
  });

  it('says why no machine can check the http stage', async () => {
    const { me } = await planned('node');
    const result = await me(['check', 'http']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No machine can check the stage http: The project is a notes file');
    // The self-check it points to is the one `done http` asks (the stage in progress is language).
    expect(result.stderr).toContain(
      'On a terminal, `backend-path done http` shows its self-check and asks before marking it done.',
    );
    // Once http is done, the refusal has no such hint.
    await me(['done', 'http', '--yes']);
    expect((await me(['check', 'http'])).stderr).not.toContain('self-check and asks');
  });
});

describe.skipIf(frameworkMissing('fastapi'))(
  `the API document of the FastAPI reference API${frameworkMissing('fastapi') ? ` (skipped: ${frameworkMissing('fastapi')})` : ''}`,
  () => {
    it(
      "check api-docs finds FastAPI's own /openapi.json, validates it and finds the todo endpoints",
      { timeout: SLOW },
      async () => {
        const { me } = await planned('python', 'backend-extended');
        const url = await api('fastapi', {});
        const report = json((await me(['check', 'api-docs', '--url', url, '--json'])).stdout) as Report;
        expect(report.results.map((r) => [r.name, r.ok])).toEqual([
          ['the API serves its OpenAPI document', true],
          ['the document is valid OpenAPI', true],
          ['the document describes the todo endpoints', true],
        ]);
      },
    );
  },
);

describe('an API document named with --spec', () => {
  it('is judged from the file alone: no API is asked for, and none is said to serve it', async () => {
    const { me } = await planned('node', 'backend-extended');
    const file = join(tempDir(), 'openapi.json');
    const op = { responses: { 200: { description: 'ok' } } };
    writeFileSync(
      file,
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'Todos', version: '1.0.0' },
        paths: { '/todos': { get: op, post: op }, '/todos/{id}': { get: op, patch: op, delete: op } },
      }),
    );
    // Nothing listens on the track's port: the check must not need it.
    const result = await me(['check', 'api-docs', '--spec', file, '--json']);
    const report = json(result.stdout) as Report;
    expect(report.looked).toEqual([`the document ${file}`]);
    expect(report.results.map((r) => [r.name, r.ok])).toEqual([
      ['the OpenAPI document is there', true],
      ['the document is valid OpenAPI', true],
      ['the document describes the todo endpoints', true],
    ]);
    expect(result.code).toBe(0);
  });
});

const engine = await probeEngine();
const dockerMissing = engine.available ? 'a Docker engine answers here' : frameworkMissing('express');

describe.skipIf(dockerMissing || gitMissing)(
  `check docker on a machine without a Docker engine${dockerMissing || gitMissing ? ` (skipped: ${dockerMissing || gitMissing})` : ''}`,
  () => {
    it(
      'reads the Dockerfile, runs the contract against --url, and says exactly what it could not try',
      { timeout: SLOW },
      async () => {
        const r = makeRepo();
        try {
          const dockerfile = 'FROM node:22-alpine\nUSER node\nCMD ["node", "server.js"]\n';
          r.commit(
            'Add a Dockerfile',
            { Dockerfile: dockerfile, '.dockerignore': 'node_modules\n.env\n', 'package.json': '{}' },
            '2026-11-01T10:00:00+00:00',
          );
          const { me } = await planned('node', 'backend-extended');
          const url = await api('express', {});
          const report = json(
            (await me(['check', 'docker', '--repo', r.dir, '--url', url, '--json'])).stdout,
          ) as Report;
          expect(report.results.filter((s) => s.kind === 'http').every((s) => s.ok)).toBe(true);
          expect(report.results.filter((s) => s.kind === 'container').map((s) => [s.name, s.ok])).toEqual([
            ['the image builds, starts and answers the todo contract', false],
            ['the base image is pinned to a version', true],
            ['the final image starts from a small base', true],
            ['the container does not run as root', true],
            ['no secret is written into the image', true],
            ['a .dockerignore keeps dependencies and secrets out of the image', true],
          ]);
          const notTried = report.results.find((s) => s.name.startsWith('the image builds'))!;
          expect(notTried.got).toBe(
            `not checked here: no Docker engine answers here (docker info: ${engine.available ? '' : engine.reason}), so the image was neither built nor run. Start your stack yourself (docker compose up), then run \`backend-path check docker --url ${url} --repo ${r.dir}\``,
          );
        } finally {
          r.remove();
        }
      },
    );
  },
);

describe('evidence that is not here to look at', () => {
  it('a repository stage run outside any repository checks nothing and says what it needs, exit 1', async () => {
    const { me } = await planned('node');
    const outside = tempDir();
    const result = await me(['check', 'language', '--json'], '2026-11-23', { cwd: outside });
    const report = json(result.stdout) as Report & { results: { unchecked?: boolean }[] };
    expect(result.code).toBe(1);
    expect(report.passed).toBe(false);
    expect(report.results).toEqual([expect.objectContaining({ kind: 'repository', unchecked: true })]);
    expect((await me(['check', 'language'], '2026-11-23', { cwd: outside })).stdout.replace(/\s+/g, ' ')).toContain(
      "Run the check in your project's folder, or name it with --repo <folder>.",
    );
    // Named with --repo, a folder that is not a repository is a failure with one sentence.
    const named = await me(['check', 'language', '--repo', outside], '2026-11-23');
    expect(named.code).toBe(1);
  });
});
