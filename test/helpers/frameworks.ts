import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fixture } from './paths.js';
import { tempDir } from './store.js';

/** The reference todo APIs of test/fixtures/apis, one per framework the stages name. */
export type Framework = 'express' | 'fastapi' | 'drf';

/** The mistakes a reference API can be told to make (test/fixtures/apis/README.md). */
export type ApiFlaw =
  | 'idor'
  | 'no-throttle'
  | 'underscore-id'
  | 'envelope'
  | 'created-200'
  | 'completed'
  | 'redirect'
  | 'plain-passwords'
  | 'paginated'
  | 'list-leak'
  | 'patch-unsaved';

export interface ApiOptions {
  flaws?: ApiFlaw[];
  /** The todo routes need no login, as at the rest-api stage. */
  open?: boolean;
  /** Keep users and todos in this PostgreSQL database instead of memory. */
  databaseUrl?: string;
}

export interface RunningApi {
  url: string;
  /** What the server printed so far, for a failing test's message. */
  log: () => string;
  stop: () => Promise<void>;
}

/** Debian's interpreter first: the framework packages install there, not into a pyenv or venv python. */
const PYTHONS = ['/usr/bin/python3', 'python3'];
const PYTHON_MODULES: Record<Exclude<Framework, 'express'>, string> = {
  fastapi: 'fastapi, uvicorn, multipart, jwt, argon2',
  drf: 'django, rest_framework, rest_framework_simplejwt',
};
/** A bound on start-up so that a server that never answers fails the suite with its log instead of hanging. */
const START_LIMIT_MS = 120_000;

const pythonFor = new Map<string, string | undefined>();
function pythonWith(modules: string): string | undefined {
  if (!pythonFor.has(modules)) {
    const found = PYTHONS.find(
      (python) => spawnSync(python, ['-c', `import ${modules}`], { stdio: 'ignore' }).status === 0,
    );
    pythonFor.set(modules, found);
  }
  return pythonFor.get(modules);
}

/**
 * Why a framework's reference API cannot run on this machine, or undefined when it can. Tests use
 * it with `describe.skipIf` and put it in the name, so a skipped suite says what to install
 * (.ci/run installs all of them).
 */
export function frameworkMissing(framework: Framework): string | undefined {
  if (framework === 'express') {
    try {
      createRequire(import.meta.url).resolve('express');
      return undefined;
    } catch {
      return 'express is not installed (npm ci)';
    }
  }
  const modules = PYTHON_MODULES[framework];
  if (pythonWith(modules)) return undefined;
  const packages =
    framework === 'fastapi'
      ? 'python3-fastapi python3-uvicorn python3-multipart python3-jwt python3-argon2'
      : 'python3-djangorestframework python3-djangorestframework-simplejwt';
  return `no python3 here imports ${modules} (apt-get install ${packages})`;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function launch(framework: Framework, port: number): { command: string; args: string[]; setup?: string[] } {
  if (framework === 'express') return { command: process.execPath, args: ['server.mjs'] };
  const python = pythonWith(PYTHON_MODULES[framework])!;
  if (framework === 'fastapi')
    return { command: python, args: ['-m', 'uvicorn', 'main:app', '--host', '127.0.0.1', '--port', String(port)] };
  return {
    command: python,
    args: ['manage.py', 'runserver', '--noreload', `127.0.0.1:${port}`],
    setup: ['manage.py', 'migrate', '--verbosity', '0'],
  };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve(child.exitCode)
      : child.once('exit', (code) => resolve(code)),
  );
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/health`, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a reference API on 127.0.0.1 on a free port and resolves once it answers HTTP. The caller
 * stops it (in afterAll/afterEach); a server that dies or never answers rejects with its log.
 */
export async function startApi(framework: Framework, options: ApiOptions = {}): Promise<RunningApi> {
  const port = await freePort();
  const cwd = fixture(`apis/${framework}`);
  const { command, args, setup } = launch(framework, port);
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    PYTHONDONTWRITEBYTECODE: '1',
    TODO_API_DATA_DIR: tempDir(),
    TODO_API_FLAWS: (options.flaws ?? []).join(','),
    ...(options.open ? { TODO_API_OPEN: '1' } : {}),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  };
  let output = '';
  if (setup) {
    const prepared = spawnSync(command, setup, { cwd, env, encoding: 'utf8' });
    if (prepared.status !== 0) throw new Error(`${framework} setup failed:\n${prepared.stdout}${prepared.stderr}`);
  }
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = exited(child);
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  };
  const deadline = Date.now() + START_LIMIT_MS;
  while (!(await answers(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`The ${framework} reference API did not start on ${url}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, log: () => output, stop };
}
