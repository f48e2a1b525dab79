import { dependencyFolders, notIgnored } from '../project.js';
import { judged, listed, type EvidenceStep, type StepFrame } from '../step.js';
import type { RepositoryFacts } from './facts.js';

export const readmePath = (facts: RepositoryFacts) =>
  facts.files.find((f) => /^readme(\.(md|markdown|rst|txt))?$/i.test(f));

export function judgeGitignore(facts: RepositoryFacts, track: string | null): EvidenceStep {
  const wanted = dependencyFolders(
    facts.files.filter((f) => !f.includes('/')),
    track,
  );
  const everything = listed([...wanted.map((w) => w.label), '.env']);
  const frame: StepFrame = {
    kind: 'repository',
    name: 'a .gitignore leaves out dependencies and secrets',
    sent: `${facts.root}/.gitignore as committed`,
    expected: `a .gitignore that leaves out ${everything}`,
  };
  const text = facts.text.get('.gitignore');
  if (text === undefined)
    return judged(
      frame,
      false,
      'there is no .gitignore at the top of the repository',
      `Add one that lists ${everything}.`,
    );
  const problems = notIgnored(text, wanted).map((label) => `${label} is not ignored`);
  for (const { label, folders } of wanted) {
    const committed = facts.files.filter((f) =>
      folders.some((folder) => f.startsWith(`${folder}/`) || f.includes(`/${folder}/`)),
    );
    if (committed.length > 0)
      problems.push(`${label} is committed (${committed.length} ${committed.length === 1 ? 'file' : 'files'})`);
  }
  const why = problems.some((p) => p.includes('committed'))
    ? 'Ignoring a folder does not untrack it: git rm -r --cached takes it out of the repository.'
    : null;
  return judged(frame, problems.length === 0, problems.length === 0 ? `ignores ${everything}` : listed(problems), why);
}

export function judgeNoSecrets(facts: RepositoryFacts): EvidenceStep {
  const frame: StepFrame = {
    kind: 'repository',
    // A history longer than the scan is not claimed clean beyond what was read.
    name: facts.scanned.more
      ? `no secrets in the newest ${facts.scanned.commits} commits of the history`
      : 'no secrets anywhere in the history',
    sent: facts.scanned.more
      ? `the newest ${facts.scanned.commits} commits of every branch`
      : `all ${facts.scanned.commits} commits of every branch`,
    expected: 'no .env file, private key or token (AWS, GitHub, Slack, Stripe, Google, npm, OpenAI) in any commit',
  };
  const byName = (s: RepositoryFacts['secrets'][number]) => s.kind === 'a .env file' || s.kind === 'a private key file';
  const found = facts.secrets
    .slice(0, 3)
    .map((s) => `${byName(s) ? `${s.kind}, ${s.path}` : `${s.kind} in ${s.path}`} (commit ${s.commit.slice(0, 7)})`);
  const more = facts.secrets.length > 3 ? ` and ${facts.secrets.length - 3} more` : '';
  const got = facts.secrets.length === 0 ? 'none found' : `${found.join('; ')}${more}`;
  return judged(
    frame,
    facts.secrets.length === 0,
    got,
    'Deleting it in a later commit leaves it in the history: treat it as leaked, replace it, and remove it from the history (git filter-repo).',
  );
}

/** Commands that start or install a project, as a README that says how to run it shows them. */
const RUN_COMMANDS = [
  /\b(?:npm (?:start|run [\w:-]+|ci|install|i)|yarn(?: (?:start|dev|install))?|pnpm (?:start|dev|install|run [\w:-]+)|npx [\w@./-]+|node [\w./-]+\.[cm]?[jt]s)\b/,
  /\b(?:uvicorn [\w.:]+|fastapi (?:dev|run)|flask (?:--app [\w.]+ )?run|python3? (?:-m [\w.]+|[\w./-]+\.py)|manage\.py runserver|gunicorn [\w.:]+|poetry (?:install|run)|uv (?:sync|run)|pip3? install)/,
  /\b(?:docker compose up|docker-compose up|docker run|make (?:run|start|dev))\b/,
];

export function judgeReadme(facts: RepositoryFacts): EvidenceStep {
  const path = readmePath(facts);
  const frame: StepFrame = {
    kind: 'repository',
    name: 'a README says how to run it',
    sent: path ? `${path} as committed` : `the top of ${facts.root}`,
    expected: 'a README with the commands that install and start the project',
  };
  if (!path)
    return judged(
      frame,
      false,
      'there is no README at the top of the repository',
      'Add a README.md that says what the project is and how to start it.',
    );
  const command = RUN_COMMANDS.map((pattern) => pattern.exec(facts.text.get(path) ?? '')?.[0]).find(Boolean);
  return judged(
    frame,
    command !== undefined,
    command ? `${path} shows ${JSON.stringify(command)}` : `${path} names no command that starts the project`,
    'Show the commands a stranger types, such as npm ci and npm start, or uvicorn app.main:app.',
  );
}
