import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandName, configDir } from '../../src/cli/env.js';
import { FailureError } from '../../src/errors.js';
import { tempDir } from '../helpers/store.js';

describe('where the progress file lives', () => {
  it('follows BACKEND_PATH_CONFIG_DIR, then XDG_CONFIG_HOME, then the home folder', () => {
    expect(configDir({ BACKEND_PATH_CONFIG_DIR: '/data/bp', HOME: '/home/a' }, '/cwd', 'linux')).toBe('/data/bp');
    expect(configDir({ XDG_CONFIG_HOME: '/xdg', HOME: '/home/a' }, '/cwd', 'linux')).toBe('/xdg/backend-path');
    expect(configDir({ HOME: '/home/a' }, '/cwd', 'linux')).toBe('/home/a/.config/backend-path');
    expect(configDir({ HOME: '/Users/a' }, '/cwd', 'darwin')).toBe('/Users/a/Library/Preferences/backend-path');
  });

  it.each([
    [{ HOME: '' }, 'Cannot tell where to keep your plan: HOME is empty.'],
    [
      { HOME: '/home/a', XDG_CONFIG_HOME: 'relative/dir' },
      'Cannot tell where to keep your plan: XDG_CONFIG_HOME is "relative/dir", which is not an absolute path.',
    ],
  ])('refuses %j rather than writing into the current folder', (env, message) => {
    expect(() => configDir(env, '/cwd', 'linux')).toThrow(FailureError);
    expect(() => configDir(env, '/cwd', 'linux')).toThrow(message);
  });
});

describe('the command a learner can paste', () => {
  it('is npx backend-path under npx, the bare name when PATH finds this program, and node <path> otherwise', () => {
    const dir = tempDir();
    const script = join(dir, 'pkg', 'bin', 'backend-path.js');
    mkdirSync(join(dir, 'pkg', 'bin'), { recursive: true });
    writeFileSync(script, '');
    const onPath = join(dir, 'bin');
    mkdirSync(onPath);
    symlinkSync(script, join(onPath, 'backend-path'));
    expect(commandName({ npm_command: 'exec' }, script, dir)).toBe('npx backend-path');
    expect(commandName({ PATH: `/nowhere:${onPath}` }, join(onPath, 'backend-path'), dir)).toBe('backend-path');
    expect(commandName({ PATH: '/nowhere' }, script, dir)).toBe('node pkg/bin/backend-path.js');
    expect(commandName({ PATH: '/nowhere' }, join(dir, 'proj', 'node_modules', '.bin', 'backend-path'), dir)).toBe(
      'npx backend-path',
    );
  });
});
