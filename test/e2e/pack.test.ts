import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';
import { tempDir } from '../helpers/store.js';

describe('the published package', () => {
  it('packs only what runs, installs from the tarball, and runs from another folder', () => {
    const packDir = tempDir();
    const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    // The suite has already built dist/; packing without `prepare` keeps it stable for the other tests.
    const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], repoRoot)) as { filename: string; files: { path: string }[] }[];
    const top = new Set(packed!.files.map((f) => f.path.split('/')[0]));
    expect([...top].sort()).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'package.json', 'roadmaps']);

    const prefix = tempDir();
    npm(['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz'))!)], packDir);
    const installed = join(prefix, 'bin', 'backend-path');
    const elsewhere = tempDir();
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, BACKEND_PATH_CONFIG_DIR: tempDir(), NO_COLOR: '1' };
    const version = execFileSync(installed, ['--version'], { cwd: elsewhere, env, encoding: 'utf8' });
    expect(version.trim()).toBe(packed!.filename.replace(/^backend-path-/, '').replace(/\.tgz$/, ''));
    const plan = JSON.parse(execFileSync(installed, ['plan', '--json', '--track', 'node', '--hours', '10', '--start', '2026-01-05'], { cwd: elsewhere, env, encoding: 'utf8' }));
    expect(plan).toMatchObject({ roadmap: { id: 'backend' }, track: 'node', totalHours: 200, finish: '2026-05-24' });
  }, 180_000);
});
