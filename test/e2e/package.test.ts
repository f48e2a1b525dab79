import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';
import { isolatedEnv, tempDir } from '../helpers/store.js';

/** npm with no user or global settings of this machine, and no registry: the tarball has no dependencies. */
function npm(args: string[], cwd: string): string {
  const [user, global] = [join(tempDir(), 'npmrc'), join(tempDir(), 'npmrc')];
  writeFileSync(user, '');
  writeFileSync(global, '');
  const result = spawnSync('npm', [...args, '--offline', '--no-audit', '--no-fund'], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: tempDir(), npm_config_userconfig: user, npm_config_globalconfig: global },
  });
  expect(result.status, result.stderr).toBe(0);
  // Both streams: npm prints its warnings on stderr.
  return result.stdout + result.stderr;
}

const sh = (line: string, cwd: string, env: Record<string, string>) =>
  execFileSync('sh', ['-c', line], {
    cwd,
    encoding: 'utf8',
    env: { ...isolatedEnv(), NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** The command the tool suggested after "Next: run". */
const suggested = (output: string) => /Next: run `([^`]+)`/.exec(output)![1]!;

describe('the published package', () => {
  // The suite has already built dist/. The package is packed from a copy of what `files` ships,
  // with the manifest as prepack leaves it, so packing neither rebuilds dist/ under the other
  // tests nor touches the clone's package.json.
  const source = tempDir();
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'bin', 'dist', 'docs', 'roadmaps']) {
    cpSync(join(repoRoot, entry), join(source, entry), { recursive: true });
  }
  execFileSync(process.execPath, [join(repoRoot, 'scripts/pack-manifest.mjs'), 'strip', source]);
  const packDir = tempDir();
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], {
      cwd: source,
      encoding: 'utf8',
    }),
  ) as {
    files: { path: string }[];
  }[];
  const tarball = join(
    packDir,
    readdirSync(packDir).find((f) => f.endsWith('.tgz'))!,
  );

  it('ships the bundle, the roadmaps and the licenses of the bundled code, and nothing to build', () => {
    const files = packed!.files.map((f) => f.path);
    expect([...new Set(files.map((f) => f.split('/')[0]))].sort()).toEqual([
      'LICENSE',
      'README.md',
      'bin',
      'dist',
      'docs',
      'package.json',
      'roadmaps',
    ]);
    for (const file of [
      'dist/cli.js',
      'dist/backend-path.js',
      'dist/everyday.js',
      'dist/help.js',
      'dist/licenses.txt',
      'dist/vendor/yaml.js',
      'roadmaps/backend.yaml',
    ])
      expect(files).toContain(file);
    const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies ?? {}).toEqual({});
    // A clone builds on `npm install`; the packed package has nothing left to build.
    expect(Object.keys(manifest.scripts as object)).not.toContain('prepare');
    const clone = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(clone.scripts.prepare).toBe('node scripts/build.mjs');
    expect(clone.scripts.prepack).toContain('scripts/pack-manifest.mjs strip');
    expect(clone.scripts.postpack).toContain('scripts/pack-manifest.mjs restore');
  });

  it('installs as one package without a warning, and every command it suggests works where it was run', () => {
    const project = tempDir();
    writeFileSync(join(project, 'package.json'), '{ "name": "learner", "version": "1.0.0" }');
    const output = npm(['install', tarball], project);
    expect(output).toMatch(/added 1 package/);
    expect(output).not.toMatch(/warn/i);
    expect(readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['backend-path']);
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    const plan = sh('npx backend-path plan --track node --hours 10', project, env);
    expect(suggested(plan)).toBe('npx backend-path next');
    expect(sh(suggested(plan), project, env)).toMatch(/^Next: 1\. /m);
  }, 120_000);

  it('installed globally, suggests the bare command, which runs from any folder', () => {
    const prefix = tempDir();
    expect(npm(['install', '--global', '--prefix', prefix, tarball], prefix)).not.toMatch(/warn/i);
    const env = {
      BACKEND_PATH_CONFIG_DIR: tempDir(),
      BACKEND_PATH_TODAY: '2026-11-23',
      PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
    };
    const plan = sh('backend-path plan --track python --hours 8', tempDir(), env);
    expect(suggested(plan)).toBe('backend-path next');
    expect(sh(suggested(plan), tempDir(), env)).toContain('Next: 1.');
  }, 120_000);
});
