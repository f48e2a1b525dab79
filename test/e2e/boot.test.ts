import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';
import { isolatedEnv, tempDir } from '../helpers/store.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A copy of the built package, so the test can make a second build of it without touching dist/. */
function copyOfBuild(): string {
  const root = tempDir();
  for (const entry of ['bin', 'dist', 'package.json'])
    cpSync(join(repoRoot, entry), join(root, entry), { recursive: true });
  return root;
}

/** Rewrites a file and puts its old access and modification times back, as package stores do. */
function rewriteKeepingTimes(file: string, change: (text: string) => string): void {
  const { atime, mtime, size } = statSync(file);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
  utimesSync(file, atime, mtime);
  expect(statSync(file).size).toBe(size);
}

describe('the start-up loader', () => {
  it("runs each build's own code, even a build of the same size with the same file times", () => {
    const root = copyOfBuild();
    const env = { ...isolatedEnv(), XDG_CACHE_HOME: tempDir() };
    const version = () =>
      execFileSync(process.execPath, [join(root, 'bin/backend-path.js'), '--version'], {
        env,
        encoding: 'utf8',
      }).trim();
    const { version: built } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(version()).toBe(built);
    expect(readdirSync(join(env.XDG_CACHE_HOME, 'backend-path')).some((name) => name.endsWith('.code'))).toBe(true);

    // The next build: the version changed for one of the same length, and the loader carrying the
    // new bundle's hash, as scripts/build.mjs writes it.
    const next = built.replace(/\d/g, '9');
    // --version runs from the help bundle (dist/help.js).
    const bundle = join(root, 'dist/help.js');
    const before = readFileSync(bundle, 'utf8');
    expect(before.split(JSON.stringify(built))).toHaveLength(2);
    rewriteKeepingTimes(bundle, (text) => text.replace(JSON.stringify(built), JSON.stringify(next)));
    rewriteKeepingTimes(join(root, 'dist/cli.js'), (text) =>
      text.replace(sha256(before), sha256(readFileSync(bundle, 'utf8'))),
    );
    expect(version()).toBe(next);
    expect(version()).toBe(next);
  });

  it("forgets compiled code untouched for a month unless it is this build's on this Node", () => {
    const env = { ...isolatedEnv(), XDG_CACHE_HOME: tempDir() };
    const folder = join(env.XDG_CACHE_HOME, 'backend-path');
    const run = (...args: string[]) =>
      execFileSync(process.execPath, [join(repoRoot, 'bin/backend-path.js'), ...args], { env, encoding: 'utf8' });
    run('--version');
    const [ours] = readdirSync(folder);
    const monthsAgo = new Date(Date.now() - 60 * 86_400_000);
    const elsewhere = ours!.replace(/^v[\d.]+-/, 'v18.0.0-');
    const older = [
      ours!,
      elsewhere,
      ours!.replace(/-[0-9a-f]{16}\.code$/, '-0123456789abcdef.code'),
      'v20.1.0-x64-everyday_js-0123456789abcdef.code',
    ];
    for (const name of older) {
      if (name !== ours) writeFileSync(join(folder, name), 'old');
      utimesSync(join(folder, name), monthsAgo, monthsAgo);
    }
    writeFileSync(join(folder, elsewhere.replace('help_js', 'recent_js')), 'another Node, used today');
    // Node's own compile cache, which earlier builds kept on Node 22 and later.
    mkdirSync(join(folder, 'compile-cache/v24.0.0-x64-0-0'), { recursive: true });
    writeFileSync(join(folder, 'compile-cache/v24.0.0-x64-0-0/0a1b2c3d'), 'old');
    for (const name of ['compile-cache/v24.0.0-x64-0-0/0a1b2c3d', 'compile-cache/v24.0.0-x64-0-0', 'compile-cache'])
      utimesSync(join(folder, name), monthsAgo, monthsAgo);
    // A command run for the first time keeps its code, and forgets what is old and not ours.
    run('roadmaps');
    const left = readdirSync(folder);
    expect(left.filter((name) => !name.includes('-backend_path_js_roadmaps-')).sort()).toEqual(
      [ours!, elsewhere.replace('help_js', 'recent_js')].sort(),
    );
    expect(left.filter((name) => name.includes('-backend_path_js_roadmaps-'))).toHaveLength(1);
    // A compile cache another install of an earlier build wrote to within the month stays.
    mkdirSync(join(folder, 'compile-cache/v24.0.0-x64-0-0'), { recursive: true });
    writeFileSync(join(folder, 'compile-cache/v24.0.0-x64-0-0/0a1b2c3d'), 'written today');
    for (const name of ['compile-cache/v24.0.0-x64-0-0', 'compile-cache'])
      utimesSync(join(folder, name), monthsAgo, monthsAgo);
    rmSync(
      join(
        folder,
        left.find((name) => name.includes('-backend_path_js_roadmaps-'))!,
      ),
    );
    run('roadmaps');
    expect(readdirSync(folder).filter((name) => name.includes('-backend_path_js_roadmaps-'))).toHaveLength(1);
    expect(readdirSync(folder)).toContain('compile-cache');
  });

  it('runs without a cache where neither the cache folder nor the temporary folder can be used', () => {
    const root = copyOfBuild();
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, '');
    const env = { ...isolatedEnv(), XDG_CACHE_HOME: file, TMPDIR: file };
    const out = execFileSync(process.execPath, [join(root, 'bin/backend-path.js'), '--version'], {
      env,
      encoding: 'utf8',
    });
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  // A read-only home, or a cache path that is a file: the compiled code goes to a folder of the
  // user's own in the temporary folder, and the next run reads it from there.
  it('keeps compiled code in a folder of its own in TMPDIR when the cache folder cannot be written', () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, '');
    const env = { ...isolatedEnv(), XDG_CACHE_HOME: file, TMPDIR: tempDir() };
    const version = () =>
      execFileSync(process.execPath, [join(repoRoot, 'bin/backend-path.js'), '--version'], { env, encoding: 'utf8' });
    const built = version();
    const folder = join(env.TMPDIR, `backend-path-${process.getuid!()}`);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const [kept] = readdirSync(folder).filter((name) => name.endsWith('.code'));
    expect(kept).toBeDefined();
    const written = statSync(join(folder, kept!), { bigint: true }).ino;
    // Code V8 took is not written again: the second run read it.
    expect(version()).toBe(built);
    expect(statSync(join(folder, kept!), { bigint: true }).ino).toBe(written);
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it.each<[string, (tmp: string, folder: string) => void]>([
    ['a folder of its own that others can read', (_, folder) => mkdirSync(folder, { mode: 0o755 })],
    ['a temporary folder anyone can write to without the sticky bit', (tmp) => chmodSync(tmp, 0o777)],
    ['a temporary folder that does not exist', (tmp) => rmSync(tmp, { recursive: true })],
  ])('keeps nothing in the temporary folder where it is not safe: %s', (_, make) => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, '');
    const env = { ...isolatedEnv(), XDG_CACHE_HOME: file, TMPDIR: tempDir() };
    const folder = join(env.TMPDIR, `backend-path-${process.getuid!()}`);
    make(env.TMPDIR, folder);
    const out = execFileSync(process.execPath, [join(repoRoot, 'bin/backend-path.js'), '--version'], {
      env,
      encoding: 'utf8',
    });
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
    expect(
      existsSync(env.TMPDIR)
        ? readdirSync(env.TMPDIR).filter((name) => name !== `backend-path-${process.getuid!()}`)
        : [],
    ).toEqual([]);
  });

  it('keeps nothing through a link left in its place in the temporary folder', () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, '');
    const env = { ...isolatedEnv(), XDG_CACHE_HOME: file, TMPDIR: tempDir() };
    const elsewhere = tempDir();
    symlinkSync(elsewhere, join(env.TMPDIR, `backend-path-${process.getuid!()}`));
    const out = execFileSync(process.execPath, [join(repoRoot, 'bin/backend-path.js'), '--version'], {
      env,
      encoding: 'utf8',
    });
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  // The build writes each file as the function the loader calls, so without a cache the loader
  // still runs every file itself: the bundles, the parts loaded on first use (the YAML parser for
  // a roadmap file, conf for a write) and the hand-over to the whole program.
  it.each<[string, Record<string, string>]>([
    ['a cache folder and a temporary folder that are files', { XDG_CACHE_HOME: join(tempDir(), 'file') }],
    ['BACKEND_PATH_NO_CODE_CACHE', { BACKEND_PATH_NO_CODE_CACHE: '1', XDG_CACHE_HOME: tempDir() }],
  ])('runs a plan, a read, a write and the whole program without a cache (%s)', (_, withoutCache) => {
    const env: Record<string, string> = {
      ...isolatedEnv(),
      BACKEND_PATH_CONFIG_DIR: tempDir(),
      BACKEND_PATH_TODAY: '2026-01-19',
      ...withoutCache,
    };
    const file = withoutCache.BACKEND_PATH_NO_CODE_CACHE ? undefined : withoutCache.XDG_CACHE_HOME;
    env.TMPDIR = file ?? tempDir();
    if (file) writeFileSync(file, '');
    const run = (...args: string[]) =>
      execFileSync(process.execPath, [join(repoRoot, 'bin/backend-path.js'), ...args], { env, encoding: 'utf8' });
    const roadmap = join(repoRoot, 'test/fixtures/roadmaps/one-check.yaml');
    expect(
      run('plan', '--track', 'node', '--hours', '10', '--start', '2026-01-05', '--yes', '--roadmap', roadmap),
    ).toContain('One check');
    expect(run('next')).toContain('Up (s1)');
    expect(run('log', '2')).toContain('Logged 2 h on s1');
    expect(run('roadmaps')).toContain('backend-extended');
    // Without a plan the everyday reads' bundle hands the bare command to the whole program.
    const welcome = execFileSync(process.execPath, [join(repoRoot, 'bin/backend-path.js')], {
      env: { ...env, BACKEND_PATH_CONFIG_DIR: tempDir() },
      encoding: 'utf8',
    });
    expect(welcome).toContain('Welcome to backend-path');
    if (file) expect(readFileSync(file, 'utf8')).toBe('');
    else for (const folder of [env.XDG_CACHE_HOME!, env.TMPDIR]) expect(readdirSync(folder)).toEqual([]);
  });

  it('refuses compiled code that is damaged and keeps it anew', () => {
    const env = { ...isolatedEnv(), XDG_CACHE_HOME: tempDir() };
    const folder = join(env.XDG_CACHE_HOME, 'backend-path');
    const version = () =>
      execFileSync(process.execPath, [join(repoRoot, 'bin/backend-path.js'), '--version'], { env, encoding: 'utf8' });
    const built = version();
    const [kept] = readdirSync(folder).filter((name) => name.endsWith('.code'));
    const whole = readFileSync(join(folder, kept!));
    const written = () => statSync(join(folder, kept!), { bigint: true }).ino;
    // Code V8 takes is left as it is: a file that is refused is written anew (a new file renamed
    // over it), so an unchanged file says the code read through the loader's buffer was taken.
    const first = written();
    expect(version()).toBe(built);
    expect(written()).toBe(first);
    for (const damaged of [whole.subarray(0, whole.length >> 1), Buffer.from('not compiled code')]) {
      writeFileSync(join(folder, kept!), damaged);
      expect(version()).toBe(built);
      expect(readFileSync(join(folder, kept!)).equals(damaged)).toBe(false);
      const renewed = written();
      expect(version()).toBe(built);
      expect(written()).toBe(renewed);
    }
  });
});
