import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { judgeRepository, type RepositoryContext } from '../../src/check/repository/judge.js';
import { REPOSITORY_DEMANDS } from '../../src/roadmap/evidence.js';
import { MAX_COMMITS, MAX_SCANNED, readRepository } from '../../src/check/repository/read.js';
import { EvidenceUnavailable, type EvidenceStep } from '../../src/check/step.js';
import { addManyCommits, makeRepo, type TestRepo } from '../helpers/git-repo.js';
import { installed } from '../helpers/programs.js';

// The repository check reads histories with git; without it these are skipped, with the reason.
const gitMissing = installed('git') ? '' : ' (skipped: git is not installed here; .ci/run installs it)';

const repos: TestRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

function repo(): TestRepo {
  const made = makeRepo();
  repos.push(made);
  return made;
}

const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}T19:30:00+01:00`;
const NODE_GITIGNORE = 'node_modules/\n.env\n';
const README = '# Todo API\n\n```\nnpm ci\nnpm start\n```\n\nLive at https://todo-api-learner.onrender.com\n';
const PACKAGE = JSON.stringify({ name: 'todo-api', scripts: { start: 'node src/server.js', test: 'vitest run' } });
const CI =
  'name: CI\non:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm test\n';
const body = (lines: number) => Array.from({ length: lines }, (_, i) => `export const line${i} = ${i};`).join('\n');

/** A Node learner's repository as the stages ask for it: several days, real messages, tests, CI. */
function goodNodeRepo(): TestRepo {
  const r = repo();
  r.commit(
    'Set up the project with Express',
    { '.gitignore': NODE_GITIGNORE, 'package.json': PACKAGE, 'src/server.js': body(30) },
    day(2),
  );
  r.commit('Add the todo routes', { 'src/todos.js': body(40) }, day(3));
  r.commit('Validate the todo title', { 'src/validate.js': body(20) }, day(3));
  r.commit('Test the todo routes', { 'test/todos.test.js': body(35) }, day(6));
  r.commit('Run the tests on every push', { '.github/workflows/ci.yml': CI }, day(9));
  r.commit('Say how to run it', { 'README.md': README }, day(9));
  return r;
}

async function judge(r: TestRepo, context: RepositoryContext = { track: 'node' }) {
  const steps = judgeRepository(await readRepository(r.dir), REPOSITORY_DEMANDS, context);
  return Object.fromEntries(steps.map((s) => [s.name, s])) as Record<string, EvidenceStep>;
}

describe.skipIf(gitMissing)(`the repository check on real git histories${gitMissing}`, () => {
  it('passes a repository built the way the stages ask', async () => {
    const steps = await judge(goodNodeRepo());
    expect(Object.values(steps).filter((s) => !s.ok)).toEqual([]);
    expect(steps['the work is committed on several days']!.got).toBe('6 commits on 4 days, 2026-11-02 to 2026-11-09');
    expect(steps['a .gitignore leaves out dependencies and secrets']!.got).toBe('ignores node_modules/ and .env');
    expect(steps['a README says how to run it']!.got).toBe('README.md shows "npm ci"');
    expect(steps['one command runs the tests']!.got).toBe('npm test (vitest run)');
    expect(steps['the tests run on every push']!.got).toBe('.github/workflows/ci.yml runs "npm test" on push');
    expect(steps['the README names the live URL']!.got).toBe('README.md names https://todo-api-learner.onrender.com');
  });

  it('finds a .env that was committed and deleted later, and a token on another branch', async () => {
    const r = goodNodeRepo();
    r.commit('Add settings for the database', { '.env': 'DATABASE_URL=postgres://app:pw@localhost/todos\n' }, day(10));
    r.commit('Remove the env file again', { '.env': null }, day(11));
    r.git('checkout', '-q', '-b', 'experiment');
    r.commit('Try the GitHub API', { 'src/github.js': `const token = "ghp_${'a1B2'.repeat(9)}";\n` }, day(12));
    r.git('checkout', '-q', 'main');
    r.commit('Document the AWS settings', { 'docs/aws.md': 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n' }, day(13));
    const step = (await judge(r))['no secrets anywhere in the history']!;
    expect(step.ok).toBe(false);
    expect(step.got).toMatch(
      /^a \.env file, \.env \(commit [0-9a-f]{7}\); a GitHub token in src\/github\.js \(commit [0-9a-f]{7}\)$/,
    );
    expect(step.got).not.toMatch(/AWS/);
    expect(step.why).toMatch(/^Deleting it in a later commit leaves it in the history: treat it as leaked/);
  });

  it('fails one giant commit on both counts', async () => {
    const r = repo();
    r.commit(
      'Initial commit with the whole API',
      { '.gitignore': NODE_GITIGNORE, 'package.json': PACKAGE, 'src/server.js': body(200), 'README.md': README },
      day(20),
    );
    const steps = await judge(r);
    expect(steps['the work is committed on several days']).toMatchObject({
      ok: false,
      got: 'all of it in one commit on one day, 2026-11-20',
    });
    expect(steps['no single commit holds most of the work']!.got).toMatch(
      /^one commit, [0-9a-f]{7} "Initial commit with the whole API", holds everything$/,
    );
  });

  it('names the commit that holds most of the lines, not counting lock files', async () => {
    const r = repo();
    r.commit('Start the project', { '.gitignore': NODE_GITIGNORE, 'package-lock.json': body(5000) }, day(1));
    r.commit('Write the whole API at once', { 'src/server.js': body(180) }, day(2));
    r.commit('Fix a typo in the title check', { 'src/validate.js': body(5) }, day(4));
    const step = (await judge(r))['no single commit holds most of the work']!;
    expect(step.ok).toBe(false);
    expect(step.got).toMatch(/^[0-9a-f]{7} "Write the whole API at once" holds 96% of the 187 lines added$/);
  });

  it('lists one-word messages', async () => {
    const r = goodNodeRepo();
    for (const [i, message] of ['fix', 'wip', 'update', 'fix'].entries())
      r.commit(message, { 'src/todos.js': body(41 + i) }, day(14 + i));
    expect((await judge(r))['commit messages say what changed']).toMatchObject({
      ok: false,
      got: '4 of 10 are one word or none: "fix", "update", "wip"',
    });
  });

  it('fails a missing .gitignore, a .gitignore without .env, and a committed node_modules', async () => {
    const none = repo();
    none.commit('Start the project', { 'package.json': PACKAGE }, day(1));
    expect((await judge(none))['a .gitignore leaves out dependencies and secrets']!.got).toBe(
      'there is no .gitignore in the repository',
    );
    const partial = repo();
    partial.commit(
      'Start the project',
      { '.gitignore': 'node_modules\n', 'package.json': PACKAGE, 'node_modules/left-pad/index.js': 'x' },
      day(1),
    );
    expect((await judge(partial))['a .gitignore leaves out dependencies and secrets']!.got).toBe(
      '.env is not ignored and node_modules/ is committed (1 file)',
    );
  });

  it("judges a Python project by Python's folders and test tools", async () => {
    const r = repo();
    r.commit(
      'Start a FastAPI app',
      {
        '.gitignore': '.venv/\n__pycache__/\n.env\n',
        'pyproject.toml': '[project]\nname = "todo"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
        'app/main.py': body(30),
      },
      day(1),
    );
    r.commit('Test creating a todo', { 'tests/test_todos.py': body(20) }, day(2));
    r.commit(
      'Run pytest in GitHub Actions',
      {
        '.github/workflows/tests.yaml':
          'on: [push, pull_request]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python -m pytest -q\n',
      },
      day(5),
    );
    r.commit('Explain how to start it', { 'README.md': 'Run `uvicorn app.main:app --reload`.\n' }, day(5));
    const steps = await judge(r, { track: 'python' });
    expect(steps['a .gitignore leaves out dependencies and secrets']!.got).toBe(
      'ignores the virtual environment (.venv/ or venv/), __pycache__/ and .env',
    );
    expect(steps['one command runs the tests']!.got).toBe('pytest (configured in pyproject.toml)');
    expect(steps['there are tests']!.got).toBe('1 test file: tests/test_todos.py');
    expect(steps['the tests run on every push']!.got).toBe(
      '.github/workflows/tests.yaml runs "python -m pytest" on push',
    );
    expect(steps['a README says how to run it']!.got).toBe('README.md shows "uvicorn app.main:app"');
  });

  it('judges a project in a folder of its own by the .gitignore and manifests there, as git does', async () => {
    // The layout of FastAPI's full-stack template: the API in backend/, with its own .gitignore.
    const r = repo();
    r.commit(
      'Start the API in backend/',
      {
        'README.md': 'Run `cd backend && uvicorn app.main:app`.\n',
        'backend/.gitignore': '.venv/\n__pycache__/\n.env\n',
        'backend/requirements.txt': 'fastapi\n',
        'backend/requirements-dev.txt': 'pytest\nhttpx\n',
        'backend/app/main.py': body(30),
      },
      day(1),
    );
    r.commit('Test the API', { 'backend/tests/test_todos.py': body(20) }, day(2));
    const steps = await judge(r, { track: 'python' });
    expect(steps['a .gitignore leaves out dependencies and secrets']).toMatchObject({
      ok: true,
      got: 'ignores the virtual environment (.venv/ or venv/) in backend/, __pycache__/ in backend/ and .env in backend/',
    });
    expect(steps['one command runs the tests']!.got).toBe('pytest (listed in requirements-dev.txt in backend/)');
    // A frontend beside it needs its own node_modules/ left out; a .gitignore at the top may do it.
    r.commit('Add the frontend', { 'frontend/package.json': '{}', '.gitignore': 'frontend/.env\n' }, day(3));
    expect((await judge(r, { track: 'python' }))['a .gitignore leaves out dependencies and secrets']!.got).toBe(
      'node_modules/ in frontend/ is not ignored',
    );
    r.commit('Ignore its dependencies', { '.gitignore': 'node_modules/\nfrontend/.env\n' }, day(4));
    expect((await judge(r, { track: 'python' }))['a .gitignore leaves out dependencies and secrets']!.ok).toBe(true);
    // A frontend's test script does not stand for the Python API's tests; its example docs are no project.
    const two = repo();
    two.commit(
      'Start',
      {
        '.gitignore': 'node_modules/\n.venv/\n__pycache__/\n.env\n',
        'frontend/package.json': JSON.stringify({ scripts: { test: 'vitest run' } }),
        'backend/requirements.txt': 'fastapi\n',
        'docs/example/requirements.txt': 'mkdocs\n',
      },
      day(1),
    );
    const python = await judge(two, { track: 'python' });
    expect(python['one command runs the tests']!.ok).toBe(false);
    expect(python['a .gitignore leaves out dependencies and secrets']!.got).toBe(
      'ignores the virtual environment (.venv/ or venv/) in backend/, __pycache__/ in backend/, node_modules/ in frontend/, .env in backend/ and .env in frontend/',
    );
    expect((await judge(two, { track: 'node' }))['one command runs the tests']!.got).toBe(
      'npm test (vitest run, in frontend/)',
    );
    // `*.pyc` leaves out all __pycache__/ holds, as the GitHub template's `*.py[cod]` does.
    r.commit('Ignore compiled files by name', { 'backend/.gitignore': '.venv/\n*.py[cod]\n.env\n' }, day(5));
    expect((await judge(r, { track: 'python' }))['a .gitignore leaves out dependencies and secrets']!.ok).toBe(true);
    // A deeper .gitignore that takes a name back wins over the one above, as in git.
    r.commit('Keep the example env', { 'backend/.gitignore': '.venv/\n__pycache__/\n.env\n!.env\n' }, day(6));
    expect((await judge(r, { track: 'python' }))['a .gitignore leaves out dependencies and secrets']!.got).toBe(
      '.env in backend/ is not ignored',
    );
  });

  it("takes Python's own unittest, run by a workflow, as the test command", async () => {
    const r = repo();
    r.commit(
      'Start with unittest',
      {
        '.gitignore': '.venv/\n__pycache__/\n.env\n',
        'app.py': body(20),
        'tests/test_app.py': 'import unittest\n',
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python -m unittest discover -s tests -v\n',
      },
      day(1),
    );
    const steps = await judge(r, { track: 'python' });
    expect(steps['one command runs the tests']).toMatchObject({
      ok: true,
      got: 'python -m unittest discover (run by .github/workflows/ci.yml)',
    });
    expect(steps['the tests run on every push']!.got).toBe(
      '.github/workflows/ci.yml runs "python -m unittest discover" on push',
    );
  });

  it('says what is wrong with each workflow and with the test script npm init writes', async () => {
    const r = repo();
    r.commit(
      'Start the project',
      { 'package.json': JSON.stringify({ scripts: { test: 'echo "Error: no test specified" && exit 1' } }) },
      day(1),
    );
    r.commit(
      'Add workflows',
      {
        '.github/workflows/pr.yml': 'on: pull_request\njobs:\n  t:\n    steps:\n      - run: npm test\n',
        '.github/workflows/broken.yml': 'on: push\njobs: [\n',
      },
      day(2),
    );
    const steps = await judge(r);
    expect(steps['one command runs the tests']!.got).toBe(
      'no test script in package.json, no pytest configuration or dependency, and no workflow runs one',
    );
    expect(steps['the tests run on every push']!.got).toMatch(
      /^\.github\/workflows\/broken\.yml is not valid YAML \(.+\); \.github\/workflows\/pr\.yml runs "npm test" but not on push$/,
    );
  });

  it('compares the live URL with the address the deploy check passed with', async () => {
    const steps = await judge(goodNodeRepo(), { track: 'node', deployed: 'https://todo.fly.dev/' });
    expect(steps['the README names the live URL']).toMatchObject({
      ok: false,
      got: 'README.md does not name todo.fly.dev',
    });
  });

  it('reads a long history only up to its bounds', async () => {
    const r = repo();
    addManyCommits(r, MAX_SCANNED + 20);
    const facts = await readRepository(r.dir);
    expect(facts.commits).toHaveLength(MAX_COMMITS);
    expect(facts.moreCommits).toBe(true);
    expect(facts.scanned).toEqual({ commits: MAX_SCANNED, more: true });
    const steps = judgeRepository(facts, ['history', 'no-secrets'], { track: 'node' });
    expect(steps[0]!.sent).toBe(`the history of ${facts.root} (its newest ${MAX_COMMITS} commits)`);
    expect(steps.at(-1)!.sent).toBe(`the newest ${MAX_SCANNED} commits of every branch`);
    // The report's line says so too, never 'anywhere in the history'.
    expect(steps.at(-1)!.name).toBe('no secrets in the newest 5000 commits of the history');
  });
});

describe.skipIf(gitMissing)(`a folder that cannot be judged ends in one sentence${gitMissing}`, () => {
  const sentence = (folder: string) =>
    readRepository(folder).then(
      () => 'no error',
      (error: unknown) => (error instanceof EvidenceUnavailable ? error.message : `other: ${String(error)}`),
    );

  it('not a git repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-plain-'));
    try {
      expect(await sentence(dir)).toBe(`${dir} is not a git repository.`);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('no such folder', async () => {
    expect(await sentence('/nonexistent/learner/project')).toBe('There is no folder /nonexistent/learner/project.');
  });

  it('a repository with no commits', async () => {
    const r = repo();
    expect(await sentence(r.dir)).toBe(`${r.dir} has no commits yet.`);
  });
});
