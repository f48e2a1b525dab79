import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect } from 'vitest';
import { COURSE, binPath } from '../helpers/paths.js';
import { KEYS, runInTerminal } from '../helpers/pty.js';
import { completionScript, zshHome } from '../helpers/completion.js';
import { needs } from '../helpers/programs.js';
import { runBin } from '../helpers/spawn.js';
import { isolatedEnv, tempDir } from '../helpers/store.js';

// The shells find `backend-path` on PATH, as after `npm link` or a global install.
const bin = tempDir();
symlinkSync(binPath, join(bin, 'backend-path'));
const env = {
  PATH: `${bin}:${process.env.PATH}`,
  BACKEND_PATH_CONFIG_DIR: tempDir(),
  BACKEND_PATH_TODAY: '2026-11-23',
  NO_COLOR: '1',
};
const STAGES = 'language http rest-api sql-postgres orm auth deploy testing portfolio';

beforeAll(async () => {
  expect((await runBin(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10'], env)).code).toBe(0);
});

const script = (shell: string) => completionScript(shell, env);

describe('completion in real shells', () => {
  needs('bash', { file: '/usr/share/bash-completion/bash_completion', name: 'bash-completion' }).it(
    'bash (with bash-completion) completes commands, subcommands and values',
    () => {
      const file = join(tempDir(), 'backend-path.bash');
      writeFileSync(file, script('bash'));
      const complete = (line: string) =>
        execFileSync(
          'bash',
          [
            '-c',
            `source /usr/share/bash-completion/bash_completion; source "${file}"
COMP_LINE="${line}"; COMP_POINT=\${#COMP_LINE}; read -ra COMP_WORDS <<< "$COMP_LINE"; [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); __backend_path_complete 2>/dev/null; echo "\${COMPREPLY[*]}"`,
          ],
          { env: { ...isolatedEnv(), ...env }, encoding: 'utf8' },
        ).trim();
      expect(complete('backend-path plan --track ')).toBe('node python');
      expect(complete('backend-path export --format ')).toBe('ics md json svg');
      expect(complete('backend-path roadmaps ')).toBe('show validate');
      expect(complete('backend-path completion ')).toBe('bash zsh fish powershell');
      expect(complete('backend-path done ')).toBe(STAGES);
      expect(complete('backend-path log 1 --stage r')).toBe('rest-api');
    },
  );

  needs('fish').it('fish completes values with their descriptions', () => {
    const file = join(tempDir(), 'backend-path.fish');
    writeFileSync(file, script('fish'));
    const complete = (line: string) =>
      execFileSync('fish', ['-c', `source "${file}"; complete -C "${line}"`], {
        env: { ...isolatedEnv(), ...env },
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .map((row) => row.split('\t')[0]);
    expect(complete('backend-path plan --track ')).toEqual(['node', 'python']);
    expect(complete('backend-path roadmaps ')).toEqual(['show', 'validate']);
    expect(complete('backend-path done ').sort()).toEqual(STAGES.split(' ').sort());
  });

  needs('zsh', 'script').it('zsh, installed the README way in $fpath, completes on the first TAB', async () => {
    const home = zshHome(env);
    const terminal = runInTerminal('zsh -i', { ...env, ZDOTDIR: home });
    await terminal.next('> ', 'backend-path plan --track ', KEYS.tab);
    await terminal.next('python');
    await terminal.dropLine('> ');
    await terminal.next('> ', 'backend-path roadmaps ', KEYS.tab);
    await terminal.next('validate');
    await terminal.dropLine('> ');
    await terminal.next('> ', 'exit\r');
    await terminal.exited;
    expect(terminal.screen()).toMatch(/node\s+-- Node\.js \(TypeScript\)/);
    expect(terminal.screen()).toMatch(/show\s+-- a roadmap's stages/);
  });
});
