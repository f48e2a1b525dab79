import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TestRepo {
  dir: string;
  /** Writes (or, for null, deletes) files and commits them with the message, dated `date` (ISO). */
  commit: (message: string, files: Record<string, string | null>, date: string) => void;
  git: (...args: string[]) => string;
  remove: () => void;
}

/** A real git repository in a temporary folder, with no global or system configuration involved. */
export function makeRepo(): TestRepo {
  const dir = mkdtempSync(join(tmpdir(), 'bp-repo-'));
  const env = (date?: string) => ({
    PATH: process.env.PATH,
    HOME: dir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Learner',
    GIT_AUTHOR_EMAIL: 'learner@example.com',
    GIT_COMMITTER_NAME: 'Learner',
    GIT_COMMITTER_EMAIL: 'learner@example.com',
    ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
  });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: env(), encoding: 'utf8' });
  git('-c', 'init.defaultBranch=main', 'init', '-q');
  return {
    dir,
    git,
    commit(message, files, date) {
      for (const [path, content] of Object.entries(files)) {
        const full = join(dir, path);
        if (content === null) {
          execFileSync('git', ['rm', '-q', '--cached', path], { cwd: dir, env: env() });
          rmSync(full, { force: true });
          continue;
        }
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
        execFileSync('git', ['add', '-f', path], { cwd: dir, env: env() });
      }
      execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], { cwd: dir, env: env(date) });
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Adds `count` small commits to a repository in one `git fast-import` run, one a day from
 * 2020-01-01, each changing one file: a long history made in well under a second.
 */
export function addManyCommits(repo: TestRepo, count: number): void {
  const lines: string[] = [];
  const start = Date.UTC(2020, 0, 1) / 1000;
  for (let i = 1; i <= count; i++) {
    const message = `change number ${i}`;
    const content = `line ${i}\n`;
    lines.push(
      'commit refs/heads/main',
      `mark :${i}`,
      `committer Learner <learner@example.com> ${start + i * 86_400} +0000`,
      `data ${message.length}`,
      message,
    );
    if (i > 1) lines.push(`from :${i - 1}`);
    lines.push(`M 100644 inline notes.txt`, `data ${content.length}`, content);
  }
  execFileSync('git', ['fast-import', '--quiet'], {
    cwd: repo.dir,
    input: `${lines.join('\n')}\n`,
    env: { PATH: process.env.PATH, HOME: repo.dir },
  });
  repo.git('reset', '-q', '--hard', 'main');
}
