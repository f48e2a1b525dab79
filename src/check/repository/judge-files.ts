import { dependencyFolders, notIgnored } from '../project.js';
import { judged, listed, type EvidenceStep } from '../step.js';
import type { RepositoryFacts } from './facts.js';

export const readmePath = (facts: RepositoryFacts) =>
  facts.files.find((f) => /^readme(\.(md|markdown|rst|txt))?$/i.test(f));

export function judgeGitignore(facts: RepositoryFacts, track: string | null): EvidenceStep {
  const wanted = dependencyFolders(
    facts.files.filter((f) => !f.includes('/')),
    track,
  );
  const everything = listed([...wanted.map((w) => w.label), '.env']);
  const looked = `${facts.root}/.gitignore as committed`;
  const text = facts.text.get('.gitignore');
  const name = 'a .gitignore leaves out dependencies and secrets';
  if (text === undefined)
    return judged(
      name,
      looked,
      `a .gitignore that leaves out ${everything}`,
      false,
      'there is no .gitignore at the top of the repository',
    );
  const problems = notIgnored(text, wanted).map((label) => `${label} is not ignored`);
  for (const { label, folders } of wanted) {
    const committed = facts.files.filter((f) =>
      folders.some((folder) => f.startsWith(`${folder}/`) || f.includes(`/${folder}/`)),
    );
    if (committed.length > 0)
      problems.push(
        `${label} is committed (${committed.length} ${committed.length === 1 ? 'file' : 'files'}; git rm -r --cached takes it out)`,
      );
  }
  return judged(
    name,
    looked,
    `a .gitignore that leaves out ${everything}`,
    problems.length === 0,
    problems.length === 0 ? `ignores ${everything}` : listed(problems),
  );
}

export function judgeNoSecrets(facts: RepositoryFacts): EvidenceStep {
  const looked = facts.scanned.more
    ? `the newest ${facts.scanned.commits} commits of every branch`
    : `all ${facts.scanned.commits} commits of every branch`;
  const found = facts.secrets
    .slice(0, 3)
    .map(
      (s) =>
        `${s.kind === 'a .env file' || s.kind === 'a private key file' ? `${s.kind}, ${s.path}` : `${s.kind} in ${s.path}`} (commit ${s.commit.slice(0, 7)})`,
    );
  const more = facts.secrets.length > 3 ? ` and ${facts.secrets.length - 3} more` : '';
  const got =
    facts.secrets.length === 0
      ? 'none found'
      : `${found.join('; ')}${more}. Deleting it in a later commit leaves it in the history: treat it as leaked, replace it, and remove it from the history (git filter-repo)`;
  return judged(
    'no secrets anywhere in the history',
    looked,
    'no .env file, private key or token (AWS, GitHub, Slack, Stripe, Google, npm, OpenAI) in any commit',
    facts.secrets.length === 0,
    got,
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
  const expected = 'a README with the commands that install and start the project';
  if (!path)
    return judged(
      'a README says how to run it',
      `the top of ${facts.root}`,
      expected,
      false,
      'there is no README at the top of the repository',
    );
  const text = facts.text.get(path) ?? '';
  const command = RUN_COMMANDS.map((pattern) => pattern.exec(text)?.[0]).find(Boolean);
  const got = command
    ? `${path} shows ${JSON.stringify(command)}`
    : `${path} names no command that starts the project (such as npm start, or uvicorn app.main:app)`;
  return judged('a README says how to run it', `${path} as committed`, expected, command !== undefined, got);
}
