import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EvidenceUnavailable } from '../step.js';
import type { CommitFacts, RepositoryFacts, SecretFinding } from './facts.js';
import { git, ProcessFailed } from '../process.js';
import { ANY_SECRET, secretFileKind, secretIn } from './secrets.js';

/** Commits of the current branch read for the history steps: years of a learner's work, and a bound on a huge history. */
export const MAX_COMMITS = 2000;
/** Commits of all branches the secret scan covers. */
export const MAX_SCANNED = 5000;
const MAX_FILES = 20_000;
const MAX_TEXT_BYTES = 256 * 1024;

/** Lock files and other generated files, which say nothing about how the learner split their work. */
const GENERATED =
  /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|poetry\.lock|uv\.lock|Pipfile\.lock|[^/]*\.min\.(js|css)|[^/]*\.map)$|(^|\/)(node_modules|\.venv|venv|dist|build|__pycache__)\//;

/**
 * The files at HEAD whose text a judge reads: the README, the workflows, and the .gitignore files
 * and manifests of the top folder and of project folders up to two levels down (a backend/ next
 * to a frontend/), dependency folders left out.
 */
function filesToRead(files: readonly string[]): string[] {
  const kept = (path: string) => !GENERATED.test(path);
  // Each kind up to its own bound, so a monorepo's many manifests never crowd out a .gitignore.
  return [
    ...files.filter((path) => /^README(\.[a-z]+)?$/i.test(path)).slice(0, 5),
    ...files.filter((path) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)).slice(0, 20),
    ...files.filter((path) => /^([^/]+\/){0,3}\.gitignore$/.test(path) && kept(path)).slice(0, 40),
    ...files
      .filter(
        (path) =>
          /^([^/]+\/){0,2}(package\.json|pyproject\.toml|setup\.cfg|pytest\.ini|tox\.ini|requirements[^/]*\.txt)$/i.test(
            path,
          ) && kept(path),
      )
      .slice(0, 40),
  ];
}

function unavailable(error: unknown, folder: string): EvidenceUnavailable {
  const message = error instanceof Error ? error.message : String(error);
  if (/not a git repository/i.test(message))
    return new EvidenceUnavailable(
      `${folder} is not a git repository.`,
      'Run the check in your project folder, or name it with --repo PATH; `git init` makes a folder a repository.',
    );
  if (/dubious ownership/i.test(message))
    return new EvidenceUnavailable(
      `git refuses to read ${folder}: it belongs to another user.`,
      `If it is yours, \`git config --global --add safe.directory ${folder}\` lets git read it.`,
    );
  if (/does not have any commits|ambiguous argument 'HEAD'|bad revision 'HEAD'|unknown revision/i.test(message))
    return new EvidenceUnavailable(`${folder} has no commits yet.`, 'Commit your work, then run the check again.');
  return new EvidenceUnavailable(`Reading the git history of ${folder} failed: ${message}.`);
}

async function topLevel(folder: string): Promise<string> {
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory())
    throw new EvidenceUnavailable(`There is no folder ${folder}.`, 'Name your project folder with --repo PATH.');
  return (await git(['rev-parse', '--show-toplevel'], { cwd: folder })).text.trim();
}

function parseCommits(text: string): CommitFacts[] {
  return text
    .split('\x01')
    .slice(1)
    .map((record) => {
      const [header = '', ...stats] = record.split('\n');
      const [hash = '', date = '', subject = ''] = header.split('\x00');
      let linesAdded = 0;
      for (const line of stats) {
        const [added, , path] = line.split('\t');
        if (path !== undefined && added !== '-' && !GENERATED.test(path)) linesAdded += Number(added) || 0;
      }
      return { hash, date, subject, linesAdded };
    });
}

async function branchCommits(root: string): Promise<{ commits: CommitFacts[]; more: boolean }> {
  const { text, truncated } = await git(
    [
      'log',
      `--max-count=${MAX_COMMITS + 1}`,
      '--no-merges',
      '--no-renames',
      '--format=%x01%H%x00%aI%x00%s',
      '--numstat',
      'HEAD',
      '--',
    ],
    { cwd: root, maxBytes: 32 * 1024 * 1024 },
  );
  const commits = parseCommits(text);
  // A cut-off output ends in a half-read commit, whose line count would be wrong.
  if (truncated) commits.pop();
  return { commits: commits.slice(0, MAX_COMMITS), more: commits.length > MAX_COMMITS || truncated };
}

async function headFiles(root: string): Promise<string[]> {
  const { text } = await git(['ls-tree', '-r', '-z', '--name-only', 'HEAD'], { cwd: root, maxBytes: 4 * 1024 * 1024 });
  return text.split('\0').filter(Boolean).slice(0, MAX_FILES);
}

async function headText(root: string, files: readonly string[]): Promise<Map<string, string>> {
  const text = new Map<string, string>();
  for (const path of filesToRead(files))
    text.set(path, (await git(['cat-file', 'blob', `HEAD:${path}`], { cwd: root, maxBytes: MAX_TEXT_BYTES })).text);
  return text;
}

/** Added lines of a `git log -p -U0` output that hold a secret, with their commit and file. */
function secretLines(text: string): SecretFinding[] {
  const found: SecretFinding[] = [];
  let commit = '';
  let path = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('\x01')) commit = line.slice(1);
    else if (line.startsWith('+++ ')) path = line.slice(4).replace(/^b\//, '');
    else if (line.startsWith('+')) {
      const kind = secretIn(line);
      if (kind && !found.some((f) => f.commit === commit && f.path === path && f.kind === kind))
        found.push({ commit, path, kind });
    }
  }
  return found;
}

/**
 * Looks through every branch's newest MAX_SCANNED commits for secret files that were added and
 * secret-shaped lines that were added: git finds the commits (its pickaxe reads only what each
 * commit changed), and only those commits' matching lines come back.
 */
async function scanSecrets(root: string): Promise<{ secrets: SecretFinding[]; scanned: RepositoryFacts['scanned'] }> {
  const revs = (await git(['rev-list', '--all', `--max-count=${MAX_SCANNED + 1}`], { cwd: root })).text
    .split('\n')
    .filter(Boolean);
  const input = `${revs.slice(0, MAX_SCANNED).join('\n')}\n`;
  const added = await git(
    ['log', '--no-walk', '--stdin', '--no-renames', '--diff-filter=A', '--name-only', '--format=%x01%H'],
    { cwd: root, input, maxBytes: 16 * 1024 * 1024 },
  );
  const files: SecretFinding[] = [];
  let commit = '';
  for (const line of added.text.split('\n')) {
    if (line.startsWith('\x01')) commit = line.slice(1);
    else {
      const kind = line && secretFileKind(line);
      if (kind) files.push({ commit, path: line, kind });
    }
  }
  const lines = await git(
    ['log', '--no-walk', '--stdin', '--no-renames', '-G', ANY_SECRET, '-p', '-U0', '--no-color', '--format=%x01%H'],
    { cwd: root, input, maxBytes: 4 * 1024 * 1024 },
  );
  return {
    secrets: [...files, ...secretLines(lines.text)],
    scanned: { commits: Math.min(revs.length, MAX_SCANNED), more: revs.length > MAX_SCANNED },
  };
}

/** Reads what the repository check judges from the git repository in (or above) `folder`. */
export async function readRepository(folder: string): Promise<RepositoryFacts> {
  const absolute = resolve(folder);
  try {
    const root = await topLevel(absolute);
    const { commits, more } = await branchCommits(root);
    const files = await headFiles(root);
    const text = await headText(root, files);
    const { secrets, scanned } = await scanSecrets(root);
    return { root, commits, moreCommits: more, files, text, secrets, scanned };
  } catch (error) {
    if (error instanceof EvidenceUnavailable) throw error;
    if (error instanceof ProcessFailed) throw unavailable(error, absolute);
    throw error;
  }
}
