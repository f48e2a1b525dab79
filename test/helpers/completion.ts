import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binPath } from './paths.js';
import { isolatedEnv, tempDir } from './store.js';

/** The completion script the built binary prints for `shell`. */
export const completionScript = (shell: string, env: Record<string, string> = {}): string =>
  execFileSync(process.execPath, [binPath, 'completion', shell], {
    env: { ...isolatedEnv(), ...env },
    encoding: 'utf8',
  });

/** A ZDOTDIR whose .zshrc installs the zsh completion the README's way: in $fpath, then compinit. */
export function zshHome(env: Record<string, string> = {}): string {
  const home = tempDir();
  mkdirSync(join(home, 'functions'));
  writeFileSync(join(home, 'functions', '_backend-path'), completionScript('zsh', env));
  writeFileSync(
    join(home, '.zshrc'),
    `fpath=(${join(home, 'functions')} $fpath)\nautoload -Uz compinit && compinit -u -d ${join(home, '.zcompdump')}\nPROMPT='> '\n`,
  );
  return home;
}
