import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { COURSE, binPath } from '../helpers/paths.js';
import { completionScript, zshHome } from '../helpers/completion.js';
import { needs } from '../helpers/programs.js';
import { KEYS, runInTerminal } from '../helpers/pty.js';
import { tempDir } from '../helpers/store.js';

// File names that run code if a completion script evaluates them, or if they are inserted
// unquoted and the line is run. Each starts with its own letter, which is what is typed before
// TAB, and each would leave a file named pwned-<letter> behind if anything ran it.
const HOSTILE = [
  'a$(touch pwned-a).yaml',
  'b`touch pwned-b`.yaml',
  'c${IFS}$(touch${IFS}pwned-c).yaml',
  'd;touch pwned-d;.yaml',
  'e|touch pwned-e|.yaml',
  'f&touch pwned-f&.yaml',
  'g\'quote"$(touch pwned-g).yaml',
  'h space $(touch pwned-h).yaml',
  'j*?[x]$(touch pwned-j).yaml',
];
// A line break cannot travel through the completion protocol's lines: it is never offered.
const NEWLINE = 'i\n$(touch pwned-i).yaml';

const bin = tempDir();
symlinkSync(binPath, join(bin, 'backend-path'));

function hostileFolder(): string {
  const dir = tempDir();
  for (const name of [...HOSTILE, NEWLINE]) writeFileSync(join(dir, name), readFileSync(COURSE));
  return dir;
}

const script = (shell: string) => completionScript(shell);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * In a shell running in a real terminal, completes `backend-path roadmaps validate <letter>` with
 * TAB and runs it with Enter, for every hostile name: the program must receive the name exactly
 * (it prints it back), and nothing may run. Then TAB after `plan --roadmap` and `export -o`,
 * abandoned with Ctrl-C.
 */
async function completeHostileNames(command: string, dir: string, env: Record<string, string>) {
  const terminal = runInTerminal(`cd '${dir}' && exec ${command}`, {
    PATH: `${bin}:${process.env.PATH}`,
    BACKEND_PATH_CONFIG_DIR: tempDir(),
    BACKEND_PATH_TODAY: '2026-11-23',
    NO_COLOR: '1',
    ...env,
  });
  for (const name of HOSTILE) {
    // Each line is typed at a fresh prompt, once the last command has finished, as a person would.
    await terminal.next('> ', `backend-path roadmaps validate ${name[0]}`, KEYS.tab);
    // The completed name is drawn (quoted as the shell quotes it) before Enter is pressed.
    await terminal.next('.yaml', KEYS.enter);
    await terminal.next(`${name.replace(/\s+/g, ' ')} is a valid roadmap`);
  }
  await terminal.next('> ', `backend-path roadmaps validate ${NEWLINE[0]}`, KEYS.tab);
  await pause(1500);
  await terminal.answer('> ', KEYS.enter);
  await terminal.next(`${join(dir, 'i')} does not exist`);
  for (const start of ['backend-path plan --roadmap a', 'backend-path export -o d', 'backend-path export -o g']) {
    await terminal.next('> ', start, KEYS.tab);
    await terminal.next('.yaml');
    await terminal.dropLine('> ');
  }
  await terminal.next('> ', 'exit', KEYS.enter);
  await terminal.exited;
  return terminal.screen();
}

// Some 35 steps, each a shell and a completion under load: more than the default guard against a
// hang, which each step's own 60-second wait (ending with the screen in its error) still catches.
describe('completion never runs a file name', { timeout: 300_000 }, () => {
  const expectNothingRan = (dir: string) =>
    expect(readdirSync(dir).filter((name) => name.startsWith('pwned'))).toEqual([]);

  needs('bash', { file: '/usr/share/bash-completion/bash_completion', name: 'bash-completion' }).it(
    'in bash with bash-completion: names are inserted quoted and reach the program whole',
    async () => {
      const dir = hostileFolder();
      const home = tempDir();
      writeFileSync(join(home, 'completion.bash'), script('bash'));
      writeFileSync(
        join(home, 'bashrc'),
        `source /usr/share/bash-completion/bash_completion\nsource ${join(home, 'completion.bash')}\nPS1='> '\n`,
      );
      const screen = await completeHostileNames(`bash --noprofile --rcfile ${join(home, 'bashrc')} -i`, dir, {});
      expectNothingRan(dir);
      expect(screen).toContain('a\\$\\(touch\\ pwned-a\\).yaml');
    },
  );

  needs('zsh', 'script').it('in zsh: names are inserted quoted and reach the program whole', async () => {
    const dir = hostileFolder();
    const home = zshHome();
    const screen = await completeHostileNames('zsh -i', dir, { ZDOTDIR: home });
    expectNothingRan(dir);
    expect(screen).toContain('a\\$\\(touch\\ pwned-a\\).yaml');
  });

  needs('fish', 'script').it('in fish: names are inserted quoted and reach the program whole', async () => {
    const dir = hostileFolder();
    const home = tempDir();
    writeFileSync(join(home, 'completion.fish'), script('fish'));
    const init = `source ${join(home, 'completion.fish')}; function fish_prompt; echo '> '; end; set -g fish_greeting`;
    await completeHostileNames(`fish --no-config --init-command "${init}" -i`, dir, { XDG_CONFIG_HOME: home });
    expectNothingRan(dir);
  });
});
