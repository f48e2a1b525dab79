import { dependencyFolders, filesIn, gitIgnores, projectFolders } from '../project.js';
import { judged, listed, type EvidenceStep, type StepFrame } from '../step.js';
import type { RepositoryFacts } from './facts.js';

export const readmePath = (facts: RepositoryFacts) =>
  facts.files.find((f) => /^readme(\.(md|markdown|rst|txt))?$/i.test(f));

/**
 * Each project folder with the dependency folders its manifests call for; the learner's track adds
 * its own where no manifest names them (to the one project, or to those no manifest speaks for).
 */
function wantedByFolder(facts: RepositoryFacts, track: string | null) {
  const byManifest = projectFolders(facts.files).map((folder) => ({
    folder,
    wanted: dependencyFolders(filesIn(facts.files, folder), null),
  }));
  const trackFolders = dependencyFolders([], track);
  if (!trackFolders.every((t) => byManifest.some(({ wanted }) => wanted.some((w) => w.label === t.label))))
    for (const entry of byManifest.length === 1 ? byManifest : byManifest.filter((e) => e.wanted.length === 0))
      entry.wanted = [...entry.wanted, ...trackFolders.filter((t) => !entry.wanted.some((w) => w.label === t.label))];
  return byManifest;
}

/**
 * Whether git leaves out each project's dependency folders and .env, by every .gitignore above
 * them: the top folder's project, or each folder up to two levels down that holds a manifest (a
 * backend/ beside a frontend/).
 */
export function judgeGitignore(facts: RepositoryFacts, track: string | null): EvidenceStep {
  const gitignores = new Map(
    [...facts.text].flatMap(([path, text]) =>
      path === '.gitignore' || path.endsWith('/.gitignore') ? [[path.slice(0, -'.gitignore'.length - 1), text]] : [],
    ) as [string, string][],
  );
  const byManifest = wantedByFolder(facts, track);
  const folders = byManifest.map(({ folder }) => folder);
  const where = (folder: string, label: string) => (folder === '' ? label : `${label} in ${folder}/`);
  const everything = listed([
    ...byManifest.flatMap(({ folder, wanted }) => wanted.map((w) => where(folder, w.label))),
    ...folders.map((folder) => where(folder, '.env')),
  ]);
  const frame: StepFrame = {
    kind: 'repository',
    name: 'a .gitignore leaves out dependencies and secrets',
    sent:
      gitignores.size === 1 && gitignores.has('')
        ? `${facts.root}/.gitignore as committed`
        : `the .gitignore files of ${facts.root} as committed`,
    expected: `a .gitignore that leaves out ${everything}`,
  };
  if (gitignores.size === 0)
    return judged(
      frame,
      false,
      'there is no .gitignore in the repository',
      `Add one at the top that lists ${everything}.`,
    );
  const inside = (folder: string, name: string) => (folder === '' ? name : `${folder}/${name}`);
  const problems: string[] = [];
  for (const { folder, wanted } of byManifest)
    for (const { label, folders: names, sample } of wanted)
      if (
        !names.some(
          (name) =>
            gitIgnores(gitignores, inside(folder, `${name}/`)) ||
            // `*.pyc` leaves out everything __pycache__ holds, so git never commits the folder.
            (sample !== undefined && gitIgnores(gitignores, inside(folder, `${name}/${sample}`))),
        )
      )
        problems.push(`${where(folder, label)} is not ignored`);
  for (const folder of folders)
    if (!gitIgnores(gitignores, inside(folder, '.env'))) problems.push(`${where(folder, '.env')} is not ignored`);
  const allWanted = [...new Map(byManifest.flatMap(({ wanted }) => wanted.map((w) => [w.label, w] as const))).values()];
  for (const { label, folders: names } of allWanted) {
    const committed = facts.files.filter((f) =>
      names.some((name) => f.startsWith(`${name}/`) || f.includes(`/${name}/`)),
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
