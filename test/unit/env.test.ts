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
  it('is the bare name when PATH finds this program, npx backend-path from a node_modules folder, and node <absolute path> from a clone', () => {
    const dir = tempDir();
    const clone = join(dir, 'clone');
    const script = join(clone, 'bin', 'backend-path.js');
    mkdirSync(join(clone, 'bin'), { recursive: true });
    writeFileSync(script, '');
    const onPath = join(dir, 'bin');
    mkdirSync(onPath);
    symlinkSync(script, join(onPath, 'backend-path'));
    expect(commandName({ PATH: `/nowhere:${onPath}` }, join(onPath, 'backend-path'), dir)).toBe('backend-path');
    expect(commandName({ PATH: `/nowhere:${onPath}` }, script, dir)).toBe('backend-path');
    // Run with node from inside the clone: the path works from any folder.
    expect(commandName({ PATH: '/nowhere' }, 'bin/backend-path.js', clone)).toBe(`node ${script}`);
    // `npx backend-path` inside a clone runs it through a link in npx's cache; pasted into a
    // project folder `npx backend-path` would look for it on the registry instead.
    const npxCache = join(dir, '_npx', 'abc', 'node_modules');
    mkdirSync(join(npxCache, '.bin'), { recursive: true });
    symlinkSync(clone, join(npxCache, 'backend-path'));
    symlinkSync(join(npxCache, 'backend-path', 'bin', 'backend-path.js'), join(npxCache, '.bin', 'backend-path'));
    expect(commandName({ npm_command: 'exec', PATH: '/nowhere' }, join(npxCache, '.bin', 'backend-path'), clone)).toBe(
      `node ${script}`,
    );
    // Installed from the registry by npx, or as a project's dependency: npx finds it again.
    const installed = join(dir, 'proj', 'node_modules', 'backend-path', 'bin', 'backend-path.js');
    mkdirSync(join(installed, '..'), { recursive: true });
    writeFileSync(installed, '');
    expect(commandName({ npm_command: 'exec', PATH: '/nowhere' }, installed, dir)).toBe('npx backend-path');
    // npx puts the project's node_modules/.bin on PATH for its own run: not a PATH the shell has.
    const bin = join(dir, 'proj', 'node_modules', '.bin');
    mkdirSync(bin);
    symlinkSync(installed, join(bin, 'backend-path'));
    expect(commandName({ npm_command: 'exec', PATH: bin }, join(bin, 'backend-path'), dir)).toBe('npx backend-path');
  });

  it('quotes a path the shell would split', () => {
    const dir = join(tempDir(), "it's here");
    mkdirSync(join(dir, 'bin'), { recursive: true });
    writeFileSync(join(dir, 'bin', 'backend-path.js'), '');
    expect(commandName({ PATH: '/nowhere' }, join(dir, 'bin', 'backend-path.js'), '/')).toBe(
      `node '${dir.replace("'", "'\\''")}/bin/backend-path.js'`,
    );
  });
});
