import { parse } from 'yaml';
import { judged, type EvidenceStep, type StepFrame } from '../step.js';
import type { RepositoryFacts } from './facts.js';
import { readmePath } from './judge-files.js';

/** What `npm init` writes as the test script: a placeholder, not a test command. */
const NPM_PLACEHOLDER = /no test specified/;
const TEST_FILE =
  /(^|\/)([^/]+\.(test|spec)\.[cm]?[jt]sx?|test_[^/]+\.py|[^/]+_test\.py|tests\.py)$|(^|\/)(__tests__|tests?)\/[^/]+\.([cm]?[jt]sx?|py)$/;
const TEST_RUN =
  /\b(npm (?:run )?test|npm t\b|yarn test|pnpm (?:run )?test|npx (?:vitest|jest|mocha)|node --test|(?:python3? -m |uv run |poetry run )?pytest|python3? -m unittest\b(?: discover)?|manage\.py test|tox\b|make test)/;

/** A manifest's or config file's name, and where it sits when not at the top (" in backend/"). */
const place = (path: string) => {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : `${path.slice(slash + 1)} in ${path.slice(0, slash)}/`;
};

/**
 * The manifests and config files read (repository/read.ts), the top folder's first; those of a
 * folder below only when `deeper`, so a frontend's test script does not stand for a Python API's.
 */
const named = (facts: RepositoryFacts, name: RegExp, deeper: boolean): [string, string][] =>
  [...facts.text]
    .filter(([path]) => name.test(path.slice(path.lastIndexOf('/') + 1)) && (deeper || !path.includes('/')))
    .sort(([a], [b]) => a.split('/').length - b.split('/').length || a.localeCompare(b));

function packageTestScript(facts: RepositoryFacts, track: string | null): string | undefined {
  for (const [path, text] of named(facts, /^package\.json$/, track !== 'python')) {
    try {
      const script = (JSON.parse(text) as { scripts?: Record<string, unknown> }).scripts?.test;
      if (typeof script === 'string' && !NPM_PLACEHOLDER.test(script))
        return path === 'package.json' ? `npm test (${script})` : `npm test (${script}, in ${path.slice(0, -13)}/)`;
    } catch {
      continue;
    }
  }
  return undefined;
}

function pythonTestCommand(facts: RepositoryFacts, track: string | null): string | undefined {
  const deeper = track !== 'node';
  const config = named(facts, /^(pyproject\.toml|pytest\.ini|setup\.cfg|tox\.ini)$/, deeper).find(([, text]) =>
    /\[(tool\.pytest[^\]]*|tool:pytest|pytest)\]/.test(text),
  );
  if (config) return `pytest (configured in ${place(config[0])})`;
  const listed = named(facts, /^(requirements[^/]*\.txt|pyproject\.toml)$/, deeper).find(([, text]) =>
    /^\s*["']?pytest\b/m.test(text),
  );
  if (listed) return `pytest (listed in ${place(listed[0])})`;
  const manage = facts.files.find((f) => (deeper ? /^([^/]+\/){0,2}manage\.py$/ : /^manage\.py$/).test(f));
  if (manage) return manage === 'manage.py' ? 'python manage.py test' : `python ${manage} test`;
  return undefined;
}

/** A package manager's test script: what package.json says it runs, judged there. */
const SCRIPT_RUN = /^(npm|yarn|pnpm) /;

/**
 * A test runner a workflow starts itself, such as Python's own `python -m unittest`, which needs
 * no dependency; not `npm test` and the like, whose script package.json holds.
 */
function workflowTestCommand(facts: RepositoryFacts): string | undefined {
  for (const [path, text] of facts.text) {
    if (!path.startsWith('.github/workflows/')) continue;
    try {
      const command = testCommandIn(parse(text));
      if (command && !SCRIPT_RUN.test(command)) return `${command} (run by ${path})`;
    } catch {
      continue;
    }
  }
  return undefined;
}

/** A test command for the project: the track's own folders below the top count, another track's do not. */
export function judgeTestCommand(facts: RepositoryFacts, track: string | null = null): EvidenceStep {
  const command = packageTestScript(facts, track) ?? pythonTestCommand(facts, track) ?? workflowTestCommand(facts);
  const frame: StepFrame = {
    kind: 'repository',
    name: 'one command runs the tests',
    sent: `${facts.root} as committed`,
    expected: 'a test script in package.json, pytest configured or listed, or a test command a workflow runs',
  };
  return judged(
    frame,
    command !== undefined,
    command ?? 'no test script in package.json, no pytest configuration or dependency, and no workflow runs one',
    'Give the tests one command: "test" in package.json\'s scripts, pytest in your dependencies, or `python -m unittest` in a workflow.',
  );
}

export function judgeTestFiles(facts: RepositoryFacts): EvidenceStep {
  const tests = facts.files.filter((f) => TEST_FILE.test(f) && !/(^|\/)(node_modules|\.venv|venv)\//.test(f));
  const frame: StepFrame = {
    kind: 'repository',
    name: 'there are tests',
    sent: `${facts.root} as committed`,
    expected: 'test files (*.test.js, *.spec.ts, test_*.py, tests/…)',
  };
  const got =
    tests.length === 0
      ? 'no test files'
      : `${tests.length} test ${tests.length === 1 ? 'file' : 'files'}: ${tests.slice(0, 3).join(', ')}${tests.length > 3 ? ', …' : ''}`;
  return judged(
    frame,
    tests.length > 0,
    got,
    'Name test files so the runner finds them, such as todos.test.js or tests/test_todos.py.',
  );
}

/** Whether a workflow's `on` includes pushes: `on: push`, `on: [push, …]` or `on: {push: …}`. */
function runsOnPush(on: unknown): boolean {
  if (typeof on === 'string') return on === 'push';
  if (Array.isArray(on)) return on.includes('push');
  return on !== null && typeof on === 'object' && 'push' in on;
}

function testCommandIn(workflow: unknown): string | undefined {
  const jobs = (workflow as { jobs?: Record<string, { steps?: { run?: unknown }[] }> } | null)?.jobs ?? {};
  for (const job of Object.values(jobs))
    for (const step of job?.steps ?? [])
      if (typeof step?.run === 'string') {
        const match = TEST_RUN.exec(step.run);
        if (match) return match[0];
      }
  return undefined;
}

export function judgeWorkflow(facts: RepositoryFacts): EvidenceStep {
  const workflows = [...facts.text].filter(([path]) => path.startsWith('.github/workflows/'));
  const frame: StepFrame = {
    kind: 'repository',
    name: 'the tests run on every push',
    sent: `${facts.root}/.github/workflows`,
    expected: 'a GitHub Actions workflow that runs the tests on every push',
  };
  const problems: string[] = [];
  for (const [path, text] of workflows) {
    let workflow: unknown;
    try {
      workflow = parse(text);
    } catch (error) {
      problems.push(`${path} is not valid YAML (${(error as Error).message.split('\n')[0]})`);
      continue;
    }
    const command = testCommandIn(workflow);
    const push = runsOnPush((workflow as { on?: unknown } | null)?.on);
    if (command && push)
      return judged({ ...frame, sent: path }, true, `${path} runs ${JSON.stringify(command)} on push`);
    const wrong = command
      ? `runs ${JSON.stringify(command)} but not on push`
      : push
        ? 'runs on push but no test command'
        : 'neither runs on push nor runs the tests';
    problems.push(`${path} ${wrong}`);
  }
  const got = workflows.length === 0 ? 'no workflow in .github/workflows/' : problems.join('; ');
  return judged(frame, false, got, 'A workflow with `on: push` and a step that runs your test command does it.');
}

/** Hosts a README links to that are not the project's own live address. */
const NOT_LIVE =
  /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|(?:[\w-]+\.)*(?:github\.com|githubusercontent\.com|gitlab\.com|shields\.io|example\.(?:com|org)|npmjs\.com|pypi\.org|python\.org|nodejs\.org|docker\.com|render\.com|fly\.io|railway\.app|vercel\.com|heroku\.com|postgresql\.org))$/i;

export function judgeLiveUrl(facts: RepositoryFacts, deployed: string | undefined): EvidenceStep {
  const path = readmePath(facts);
  const frame: StepFrame = {
    kind: 'repository',
    name: 'the README names the live URL',
    sent: path ? `${path} as committed` : `the top of ${facts.root}`,
    expected: deployed
      ? `the README names ${deployed}, the address \`check deploy\` passed with`
      : 'the README names the https address where the API runs',
  };
  const why = 'A reviewer tries the live API before reading code: put its https address near the top of the README.';
  if (!path) return judged(frame, false, 'there is no README at the top of the repository', why);
  const urls = [...(facts.text.get(path) ?? '').matchAll(/https:\/\/[^\s)<>"'\]`]+/g)].map((m) =>
    m[0].replace(/[.,;:]+$/, ''),
  );
  const live = urls.filter((u) => {
    const host = URL.canParse(u) ? new URL(u).hostname : '';
    return host !== '' && (deployed ? host === new URL(deployed).hostname : !NOT_LIVE.test(host));
  });
  const missing = deployed
    ? `${path} does not name ${new URL(deployed).host}`
    : `${path} names no https address of a deployed API`;
  return judged(frame, live.length > 0, live.length > 0 ? `${path} names ${live[0]}` : missing, why);
}
