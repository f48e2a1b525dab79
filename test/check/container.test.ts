import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContainerFacts } from '../../src/check/container/facts.js';
import { buildAndStart } from '../../src/check/container/engine.js';
import { engineMissingStep, judgeDockerfile } from '../../src/check/container/judge.js';
import { probeEngine, readContainer } from '../../src/check/container/read.js';
import type { EvidenceStep } from '../../src/check/step.js';
import { fakeDocker } from '../helpers/fake-docker.js';

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bp-docker-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const noEngine = async () => ({ available: false as const, reason: 'Cannot connect to the Docker daemon' });
const judge = async (files: Record<string, string>, track: string | null = 'node') => {
  const facts = await readContainer(project(files), { engine: noEngine });
  return Object.fromEntries(judgeDockerfile(facts, track).map((s) => [s.name, s])) as Record<string, EvidenceStep>;
};

/** A multi-stage Node Dockerfile as the docker stage teaches it. */
const GOOD_NODE = `# syntax=docker/dockerfile:1
ARG NODE_VERSION=22.11
FROM node:\${NODE_VERSION}-alpine AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM build AS runtime
ENV NODE_ENV=production
ENV DATABASE_URL=\${DATABASE_URL}
RUN npm ci --omit=dev
USER node
EXPOSE 3000
CMD ["node", "dist/server.js"]
`;

describe('the Dockerfile check', () => {
  it('passes a multi-stage Node build on a pinned alpine base that runs as node', async () => {
    const steps = await judge({
      Dockerfile: GOOD_NODE,
      '.dockerignore': 'node_modules\n.env*\n.git\n',
      'package.json': '{}',
    });
    expect(Object.values(steps).map((s) => [s.name, s.ok, s.got])).toEqual([
      ['the base image is pinned to a version', true, 'node:22.11-alpine names a version'],
      ['the final image starts from a small base', true, 'the final stage starts from node:22.11-alpine'],
      ['the container does not run as root', true, 'USER node'],
      ['no secret is written into the image', true, 'no ENV or ARG holds a secret'],
      ['a .dockerignore keeps dependencies and secrets out of the image', true, 'leaves them out'],
    ]);
  });

  it('passes a Python slim image pinned by digest with its own user', async () => {
    const dockerfile =
      'FROM python:3.12-slim@sha256:abcdef0123456789\nRUN useradd -m app\nCOPY . .\nUSER app:app\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]\n';
    const steps = await judge(
      { Dockerfile: dockerfile, '.dockerignore': '.venv/\n__pycache__/\n.env\n', 'requirements.txt': 'fastapi\n' },
      'python',
    );
    expect(Object.values(steps).every((s) => s.ok)).toBe(true);
  });

  it('fails what a reviewer would: latest, a full image, root, a secret in ENV, no .dockerignore', async () => {
    const dockerfile =
      'FROM node\nWORKDIR /app\nCOPY . .\nENV JWT_SECRET=change-me-later\nARG NPM_TOKEN\nENV DATABASE_URL=postgres://app:hunter2@db:5432/todos\nRUN npm ci\nCMD ["npm", "start"]\n';
    const steps = await judge({ Dockerfile: dockerfile, 'package.json': '{}' });
    expect(steps['the base image is pinned to a version']!.got).toBe('node (no tag: latest) moves with every release');
    expect(steps['the final image starts from a small base']!.got).toBe('node is a full image');
    expect(steps['the container does not run as root']!.got).toBe(
      'no USER in the final stage, so the app runs as root',
    );
    expect(steps['the container does not run as root']!.why).toContain('the node image has one called node: USER node');
    expect(steps['no secret is written into the image']!.got).toMatch(
      /^ENV JWT_SECRET \(line 4\) and ENV DATABASE_URL \(line 6\) hold values that anyone who pulls the image can read/,
    );
    expect(steps['a .dockerignore keeps dependencies and secrets out of the image']!.got).toBe(
      'there is no .dockerignore',
    );
    expect(Object.values(steps).some((s) => s.ok)).toBe(false);
  });

  it.each([
    ['FROM python:3.12-alpine\nCMD ["python", "main.py"]\n', 'RUN adduser -D app, then USER app'],
    ['FROM gcr.io/distroless/nodejs22-debian12\nCMD ["server.js"]\n', 'USER nonroot'],
    ['FROM node:22-alpine AS base\nRUN npm ci\nFROM base\nCMD ["node", "server.js"]\n', 'USER node'],
    ['FROM python:3.12-slim\nCMD ["python", "main.py"]\n', 'RUN useradd --create-home app, then USER app'],
  ])('tells how to run as another user on the base the final stage starts from: %j', async (dockerfile, how) => {
    const steps = await judge({ Dockerfile: dockerfile, '.dockerignore': '.env\n' });
    expect(steps['the container does not run as root']!.why).toContain(how);
  });

  it('fails a moving tag, a USER set back to root, and a .dockerignore that forgets .env', async () => {
    const dockerfile =
      'FROM python:slim\nUSER app\nRUN pip install -r requirements.txt\nUSER root\nCMD ["python", "main.py"]\n';
    const steps = await judge(
      { Dockerfile: dockerfile, '.dockerignore': '.venv\n__pycache__\n', 'requirements.txt': '' },
      'python',
    );
    // The python images have no such user: the hint says how to make one.
    expect(steps['the container does not run as root']!.why).toContain('RUN useradd --create-home app, then USER app');
    expect(steps['the base image is pinned to a version']!.got).toBe('python:slim moves with every release');
    expect(steps['the container does not run as root']!.got).toBe('the last USER is root');
    expect(steps['a .dockerignore keeps dependencies and secrets out of the image']!.got).toBe('.env is not left out');
  });

  it("takes distroless's nonroot tag as a user other than root, and asks it for a digest, not a version", async () => {
    const steps = await judge({
      Dockerfile: 'FROM gcr.io/distroless/python3-debian12:nonroot\nCOPY . /app\nCMD ["/app/main.py"]\n',
      '.dockerignore': '.venv/\n__pycache__/\n.env\n',
      'requirements.txt': '',
    });
    expect(steps['the container does not run as root']).toMatchObject({
      ok: true,
      got: 'no USER line: gcr.io/distroless/python3-debian12:nonroot runs as its nonroot user (uid 65532)',
    });
    expect(steps['the base image is pinned to a version']).toMatchObject({
      ok: false,
      got: 'gcr.io/distroless/python3-debian12:nonroot moves with every release',
    });
    expect(steps['the base image is pinned to a version']!.why).toContain(
      'distroless publishes no version tags, so pin its digest (image@sha256:…)',
    );
  });

  it('with no Dockerfile, says so and judges only the .dockerignore', async () => {
    const steps = Object.values(await judge({ 'package.json': '{}' }));
    expect(steps[0]).toMatchObject({ name: 'the project has a Dockerfile', ok: false });
    expect(steps.filter((s) => !s.ran)).toHaveLength(4);
  });
});

const engine = await probeEngine();

describe('the Docker engine', () => {
  it.skipIf(engine.available)(
    'on a machine without an engine, says exactly what could not be tried and what to do instead (skipped where an engine answers)',
    () => {
      const facts: ContainerFacts = { folder: '/p', dockerfile: null, dockerignore: null, files: [], engine };
      if (facts.engine.available) throw new Error('unreachable: skipped where an engine answers');
      const step = engineMissingStep(facts, 'backend-path check docker --url :3000');
      expect(step).toMatchObject({ ok: false, ran: false });
      expect(step.got).toBe(
        `not checked here: no Docker engine answers here (docker info: ${facts.engine.reason}), so the image was neither built nor run. Start your stack yourself (docker compose up), then run \`backend-path check docker --url :3000\``,
      );
    },
  );

  it('tells a missing docker command from an engine that does not answer', async () => {
    expect(await probeEngine({ command: 'docker-that-is-not-installed' })).toEqual({
      available: false,
      reason: 'the docker command is not installed',
    });
    const dir = project({});
    const fake = join(dir, 'docker');
    writeFileSync(
      fake,
      '#!/bin/sh\necho "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2\nexit 1\n',
    );
    chmodSync(fake, 0o755);
    expect(await probeEngine({ command: fake })).toEqual({
      available: false,
      reason: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    });
  });
});

describe('with a Docker engine (a stand-in for the docker command, since CI has no engine)', () => {
  const fakes: ReturnType<typeof fakeDocker>[] = [];
  afterEach(() => fakes.splice(0).forEach((f) => f.remove()));
  const docker = () => {
    const fake = fakeDocker();
    fakes.push(fake);
    return fake;
  };

  it('builds, publishes the EXPOSEd port on 127.0.0.1, waits for an answer, and removes container and image', async () => {
    const fake = docker();
    const dir = project({ Dockerfile: 'FROM node:22-alpine\nEXPOSE 8080\nUSER node\nCMD ["node", "server.js"]\n' });
    const started = await buildAndStart(dir, 'FROM node:22-alpine\nEXPOSE 8080\n', {
      port: 3000,
      command: fake.command,
    });
    expect(started.steps.map((s) => [s.name, s.ok])).toEqual([
      ['the image builds', true],
      ['the container starts and answers', true],
    ]);
    expect((await fetch(started.running!.url)).status).toBe(200);
    await started.running!.stop();
    const calls = fake.calls();
    const tag = calls[0]!.split(' ')[3]!;
    expect(calls).toEqual([
      `build --quiet --tag ${tag} .`,
      `run --detach --publish 127.0.0.1::8080 ${tag}`,
      'port c0ffee 8080/tcp',
      'rm --force c0ffee',
      `image rm --force ${tag}`,
    ]);
    await expect(fetch(started.running!.url)).rejects.toThrow();
  });

  it("names the build's last complaint", async () => {
    const fake = docker();
    const dir = project({ Dockerfile: 'FROM node:22-alpine\nRUN npm ci # FAIL\n' });
    const started = await buildAndStart(dir, 'FROM node:22-alpine\n', { port: 3000, command: fake.command });
    expect(started.steps).toEqual([
      expect.objectContaining({
        ok: false,
        got: 'ERROR: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1',
      }),
    ]);
    expect(started.running).toBeUndefined();
  });

  it('reports a container that stops, with its last words, and cleans up', async () => {
    const fake = docker();
    const dir = project({ Dockerfile: 'FROM node:22-alpine # CRASH\n' });
    const started = await buildAndStart(dir, 'FROM node:22-alpine\n', { port: 3000, command: fake.command });
    expect(started.steps[1]).toMatchObject({
      ok: false,
      got: 'it stopped; its last words: Server starting | Error: connect ECONNREFUSED 127.0.0.1:5432',
    });
    expect(fake.calls().slice(-2)).toEqual([
      'rm --force c0ffee',
      expect.stringMatching(/^image rm --force backend-path-check:/),
    ]);
  });
});
