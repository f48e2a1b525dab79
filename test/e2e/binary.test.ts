import { execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLockWriter } from '../helpers/lock-writer.js';
import { COURSE, binPath, fixture, repoRoot } from '../helpers/paths.js';
import { addDays } from '../../src/plan/dates.js';
import { needs } from '../helpers/programs.js';
import { runBin } from '../helpers/spawn.js';
import { isolatedEnv, tempDir } from '../helpers/store.js';

const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
const PLAN = ['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-11-23'];

/** An environment whose binary writes the Node built-in modules it loaded; `loaded()` reads them. */
function reportingBuiltins() {
  const dir = tempDir();
  const report = join(dir, 'builtins.txt');
  const env = {
    BACKEND_PATH_CONFIG_DIR: dir,
    BACKEND_PATH_TODAY: '2026-11-30',
    NODE_OPTIONS: `--require ${join(import.meta.dirname, '../fixtures/report-builtins.cjs')}`,
    REPORT_BUILTINS: report,
  };
  return { env, loaded: () => readFileSync(report, 'utf8').split('\n') };
}
// eslint-disable-next-line no-control-regex -- finding control characters is the point of this test.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('the built binary', () => {
  it('takes a learner from plan to done with stdin closed, and says so in JSON', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    expect((await runBin(PLAN, env)).code).toBe(0);
    expect((await runBin(['next'], env)).stdout).toContain('Next: 1. One language, properly');
    expect((await runBin(['done', 'language'], env)).code).toBe(0);
    const status = JSON.parse((await runBin(['status', '--json'], env)).stdout);
    expect(status.progress).toMatchObject({ done: 1, verdict: 'ahead' });
  });

  it('answers the everyday reads without loading the stream, network, crypto, assert, module or os machinery', async () => {
    // What each command loads is most of its start-up beyond Node's own: a package that starts
    // pulling these in again shows here, whatever the machine's speed. The loader needs nothing
    // of node:module or node:os (which it loads only where HOME says nothing).
    const { env, loaded } = reportingBuiltins();
    // The built-in roadmap: nothing of its content is asserted, only what the commands load.
    expect((await runBin(['plan', '--track', 'node', '--hours', '10'], env)).code).toBe(0);
    for (const args of [['next'], ['status'], ['status', '--short'], ['--help'], ['--version']]) {
      expect((await runBin(args, env)).code).toBe(0);
      expect({
        args,
        heavy: loaded().filter((name) => /^(stream|net|tty|crypto|assert|child_process|dgram|module|os)$/.test(name)),
      }).toEqual({ args, heavy: [] });
    }
    // /dev/null is a character device, like a terminal, and is told apart without the stream.
    execFileSync(process.execPath, [binPath, 'status', '--short'], {
      env: { ...isolatedEnv(), ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    expect(loaded()).not.toContain('stream');
  });

  it('writes without loading the stream, network, crypto or assert machinery, nor a folder remover', async () => {
    // conf opens the file with one deepEqual: node:assert's error machinery would create
    // process.stderr and with it every stream module, on every write, and a deep comparison of
    // the values conf copied from the file (the same objects) would load util's comparison
    // module. env-paths would load node:os for a default folder, and conf is always given one.
    // Node 20's rmSync loads its rimraf module for any path, a file too; a save removes only files.
    const { env, loaded } = reportingBuiltins();
    expect((await runBin(['plan', '--track', 'node', '--hours', '10'], env)).code).toBe(0);
    const session = { ...env, BACKEND_PATH_NOW: '2026-11-30T10:00:00' };
    for (const args of [['log', '1'], ['done', 'language'], ['undo', 'language'], ['start'], ['cancel']]) {
      expect((await runBin(args, session)).code).toBe(0);
      expect({
        args,
        heavy: loaded().filter((name) =>
          /^(stream|net|tty|crypto|assert|internal\/util\/comparisons|os|child_process|dgram|internal\/fs\/rimraf)$/.test(
            name,
          ),
        ),
      }).toEqual({ args, heavy: [] });
    }
  });

  it('exports without loading the stream, network, crypto or assert machinery, every event under its own id', async () => {
    // ical-generator names each new event with the global crypto.randomUUID() before it takes the
    // id given to it; Node's global crypto would load its crypto and stream modules (scripts/build.mjs).
    const { env, loaded } = reportingBuiltins();
    expect((await runBin(PLAN, env)).code).toBe(0);
    for (const format of ['ics', 'md', 'svg']) {
      const result = await runBin(['export', '--format', format], env);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect({
        format,
        heavy: loaded().filter((name) => /^(stream|net|tty|crypto|assert|child_process|dgram)$/.test(name)),
      }).toEqual({ format, heavy: [] });
      if (format === 'ics') {
        const uids = result.stdout.split('\r\n').filter((line) => line.startsWith('UID:'));
        expect(uids.length).toBeGreaterThan(1);
        for (const uid of uids) expect(uid).toMatch(/^UID:[\w.-]+@backend-path$/);
      }
    }
  });

  it('welcomes a newcomer with every command, and hands a word taken for help to the whole program', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    const welcome = await runBin([], env);
    expect(welcome).toMatchObject({ code: 0, stderr: '' });
    expect(welcome.stdout).toMatch(/^Welcome to backend-path/);
    for (const command of ['plan', 'next', 'status', 'log', 'check', 'export', 'completion'])
      expect(welcome.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    const helped = { ...env, BACKEND_PATH_CONFIG_DIR: tempDir() };
    expect((await runBin(PLAN, helped)).code).toBe(0);
    expect(await runBin(['note', 'language', '--', '-h'], helped)).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse((await runBin(['note', 'list', 'language', '--json'], helped)).stdout)).toMatchObject({
      notes: [{ item: { text: '-h' } }],
    });
  });

  it("keeps the compiled code of each command's first run that did its work, one file a command", async () => {
    const cache = tempDir();
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23', XDG_CACHE_HOME: cache };
    const codeIn = (folder: string) =>
      readdirSync(join(folder, 'backend-path'))
        .filter((name) => name.endsWith('.code'))
        .map((name) => name.replace(/^v[\d.]+-[^-]+-|-[0-9a-f]+\.code$/g, ''))
        .sort();
    // V8 keeps the first cache a file is given, with only the code its run called. A run without
    // a plan (the welcome, which the everyday bundle hands to the whole program; a read; a
    // write), or one that stops at a usage error, uses little of its bundle: none is kept.
    for (const [args, code] of [
      [[], 0],
      [['next'], 1],
      [['status', '--short'], 0],
      [['log', '1'], 1],
      [['log', 'lots'], 2],
    ] as const)
      expect((await runBin([...args], env)).code).toBe(code);
    expect(codeIn(cache)).toEqual([]);

    expect((await runBin(PLAN, env)).code).toBe(0);
    rmSync(join(cache, 'backend-path'), { recursive: true });
    // Nor from a command that failed with a plan (no session to stop), until it does its work.
    expect((await runBin(['stop'], env)).code).toBe(1);
    for (const args of [[], ['next'], ['status'], ['status', '--short'], ['next', '--json'], ['next'], ['log', '1']])
      expect(await runBin(args, env)).toMatchObject({ code: 0, stderr: '' });
    // A vendored library (conf, for writes) is the same code for every command that loads it.
    expect(codeIn(cache)).toEqual([
      'everyday_js_bare',
      'everyday_js_next',
      'everyday_js_next_json',
      'everyday_js_status',
      'everyday_js_status_short',
      'vendor_conf_js',
      'writes_js_log',
    ]);
    // V8 takes the kept code: a cache it refused would be written again at exit.
    const kept = readdirSync(join(cache, 'backend-path')).find((name) => name.includes('-everyday_js_next-'))!;
    const before = statSync(join(cache, 'backend-path', kept));
    expect(await runBin(['next'], env)).toMatchObject({ code: 0, stderr: '' });
    const after = statSync(join(cache, 'backend-path', kept));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);

    // Help and the version from the program alone.
    const helped = { ...env, XDG_CACHE_HOME: tempDir() };
    for (const args of [['--help'], ['log', '--help'], ['help', 'plan'], ['--version']])
      expect(await runBin(args, helped)).toMatchObject({ code: 0, stderr: '' });
    expect(codeIn(helped.XDG_CACHE_HOME)).toEqual(['help_js']);
  });

  it("checks a server on this machine's loopback address without building the list of private ranges", async () => {
    // Node's block list is loaded on first use, and only a host other than localhost, 127.0.0.1
    // or ::1 needs it to be told local or public.
    const server = createServer((_, response) => response.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const { env, loaded } = reportingBuiltins();
    try {
      const plan = ['plan', '--roadmap', fixture('roadmaps/one-check.yaml'), '--track', 'node', '--hours', '10'];
      expect((await runBin(plan, env)).code).toBe(0);
      for (const url of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
        expect((await runBin(['check', 's1', '--url', url], env)).code).toBe(0);
        expect({ url, blockList: loaded().filter((name) => /blocklist|socketaddress/.test(name)) }).toEqual({
          url,
          blockList: [],
        });
      }
    } finally {
      server.close();
    }
  });

  it('keeps no compiled code from a check that saved nothing, so the one kept holds the save', async () => {
    let status = 200;
    const server = createServer((_, response) => response.writeHead(status).end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const cache = tempDir();
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23', XDG_CACHE_HOME: cache };
    const checkCode = () => readdirSync(join(cache, 'backend-path')).filter((name) => name.includes('check_js'));
    try {
      const plan = ['plan', '--roadmap', fixture('roadmaps/one-check.yaml'), '--track', 'node', '--hours', '10'];
      expect((await runBin(plan, env)).code).toBe(0);
      expect((await runBin(['check', 's1', '--url', url], env)).code).toBe(0);
      rmSync(join(cache, 'backend-path'), { recursive: true });
      // The same outcome again: nothing saved, and no code kept from it.
      expect((await runBin(['check', 's1'], env)).code).toBe(0);
      expect(checkCode()).toEqual([]);
      status = 503;
      expect((await runBin(['check', 's1'], env)).code).toBe(1);
      expect(checkCode()).toHaveLength(1);
    } finally {
      server.close();
    }
  });

  it('checks an API document with the vendored validator, which loads the YAML parser beside it', async () => {
    // The loader runs vendor files through the code cache; a vendor file's own './yaml.js' is
    // its neighbour in dist/vendor/, not a file of dist/.
    const dir = tempDir();
    const env = { BACKEND_PATH_CONFIG_DIR: dir, BACKEND_PATH_TODAY: '2026-11-23', XDG_CACHE_HOME: tempDir() };
    const roadmap = join(import.meta.dirname, '../fixtures/roadmaps/documented.yaml');
    expect((await runBin(['plan', '--roadmap', roadmap, '--track', 'node', '--hours', '5'], env)).code).toBe(0);
    const ok = { responses: { 200: { description: 'ok' } } };
    const spec = join(dir, 'openapi.yaml');
    writeFileSync(
      spec,
      [
        'openapi: 3.0.3',
        'info: {title: Todos, version: "1"}',
        'paths:',
        `  /todos: {get: ${JSON.stringify(ok)}, post: ${JSON.stringify(ok)}}`,
        `  /todos/{id}: {get: ${JSON.stringify(ok)}, patch: ${JSON.stringify(ok)}, delete: ${JSON.stringify(ok)}}`,
        '',
      ].join('\n'),
    );
    for (let run = 0; run < 2; run++) {
      const result = await runBin(['check', 'docs', '--spec', spec], env);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain('All 3 checks passed.');
    }
  });

  it('reads a plan on a roadmap file from its compiled form, and writes, without loading crypto', async () => {
    const { env, loaded } = reportingBuiltins();
    expect((await runBin(PLAN, env)).code).toBe(0);
    for (const args of [['next'], ['status'], ['status', '--short'], ['log', '1'], ['done', 'language']]) {
      expect((await runBin(args, env)).code).toBe(0);
      expect({ args, crypto: loaded().includes('crypto') }).toEqual({
        args,
        crypto: false,
      });
    }
  });

  it('exports the same bytes to stdout as to a file, whatever the command is called', async () => {
    const dir = tempDir();
    const env = { BACKEND_PATH_CONFIG_DIR: dir, BACKEND_PATH_TODAY: '2026-11-23' };
    expect((await runBin(PLAN, env)).code).toBe(0);
    for (const format of ['md', 'ics', 'json', 'svg']) {
      const file = join(dir, `plan.${format}`);
      expect((await runBin(['export', '--format', format, '-o', file], env)).code).toBe(0);
      const printed = (await runBin(['export', '--format', format], env)).stdout;
      // DTSTAMP is the moment each calendar was written.
      const stamped = (text: string) => text.replace(/^DTSTAMP:\d{8}T\d{6}Z\r$/gm, 'DTSTAMP');
      expect(stamped(printed), format).toBe(stamped(readFileSync(file, 'utf8')));
      // The file speaks of `backend-path`, not of how this test happened to start it.
      expect(printed, format).not.toContain('bin/backend-path.js');
    }
  });

  it("shows help's examples in the form that works here, computed and kept alike", async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), COLUMNS: '200' };
    // Rows are wrapped by words at 100 columns, and a long command is continued with a backslash:
    // compared as one line.
    const flat = (text: string) => text.replace(/ \\\n/g, ' ').replace(/\s+/g, ' ');
    const node = `node ${realpathSync(binPath)}`;
    // The second run prints the help the first one kept (src/cli/kept.ts).
    for (const run of [await runBin(['--help'], env), await runBin(['--help'], env)]) {
      expect(run.code).toBe(0);
      expect(flat(run.stdout)).toContain(` $ ${node} next `);
      expect(flat(run.stdout)).toContain(`time a session; \`${node} stop\` logs it`);
      expect(flat(run.stdout)).toContain(`Run \`${node} <command> --help\` for its flags.`);
      expect(run.stdout).not.toMatch(/\$ backend-path /);
    }
    // With the bare command on PATH (a new PATH: the help kept above does not hold), the bare form.
    const bin = tempDir();
    symlinkSync(binPath, join(bin, 'backend-path'));
    const onPath = await runBin(['--help'], { ...env, PATH: `${bin}:${process.env.PATH}` });
    expect(flat(onPath.stdout)).toContain(' $ backend-path next ');
    expect(onPath.stdout).not.toContain(node);
  });

  it('exits 2 with one sentence and no stack for a usage error, 1 for a failure', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir() };
    const usage = await runBin(['plan', '--hours', 'lots'], env);
    expect([usage.code, usage.stdout]).toEqual([2, '']);
    expect(usage.stderr).not.toMatch(/\bat .*\.js:\d+/);
    const failure = await runBin(['next'], env);
    expect([failure.code, failure.stderr]).toEqual([
      1,
      `Error: You have no plan yet.\nRun \`node ${realpathSync(binPath)} plan\` to make one.\n`,
    ]);
  });

  it('fails with one sentence when stdout cannot be written, and not when the reader leaves early', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    await runBin(PLAN, env);
    const full = execFileSync(
      'sh',
      ['-c', `"${process.execPath}" "${binPath}" status 2>&1 > /dev/full; echo "exit $?"`],
      { env: { ...isolatedEnv(), ...env, NO_COLOR: '1' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(full).toBe('Error: Could not write the output: the disk is full.\nexit 1\n');
    const early = execFileSync(
      'bash',
      ['-c', `"${process.execPath}" "${binPath}" plan 2>&1 | head -c 10 >/dev/null; echo "exit \${PIPESTATUS[0]}"`],
      { env: { ...isolatedEnv(), ...env }, encoding: 'utf8' },
    );
    expect(early).toBe('exit 0\n');
  });

  it('keeps the prompt line within 60 columns when it points to a problem, whatever the command is called', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    await runBin(PLAN, env);
    appendFileSync(join(env.BACKEND_PATH_CONFIG_DIR, 'progress.json'), '{');
    // Run as `node /path/to/bin/backend-path.js`, whose other suggestions name that long form.
    for (const extra of [{}, { BACKEND_PATH_TODAY: 'someday' }])
      expect(await runBin(['status', '--short'], { ...env, ...extra })).toEqual({
        code: 0,
        signal: null,
        stdout: 'backend-path: see `backend-path status`\n',
        stderr: '',
      });
  });

  it('works in a folder deleted under the shell, the prompt line first', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    await runBin(PLAN, env);
    const gone = join(tempDir(), 'gone');
    mkdirSync(gone);
    const inGone = (args: string) =>
      execFileSync(
        'sh',
        ['-c', `cd "${gone}" && rmdir "${gone}" && "${process.execPath}" "${binPath}" ${args} 2>&1; echo "exit $?"`],
        {
          env: { ...isolatedEnv(), ...env, NO_COLOR: '1' },
          encoding: 'utf8',
        },
      );
    expect(inGone('status --short')).toBe('language · 44d left · on track\nexit 0\n');
    mkdirSync(gone);
    expect(inGone('next')).toMatch(/^Next: 1\. One language, properly[^]*\nexit 0\n$/);
    mkdirSync(gone);
    expect(inGone('--help')).toMatch(/^Usage: backend-path [^]*\nexit 0\n$/);
    mkdirSync(gone);
    const missing = inGone('plan --roadmap course.yaml --yes');
    expect(missing.startsWith(`Error: Roadmap file ${join(gone, 'course.yaml')} does not exist.\n`)).toBe(true);
    expect(missing.endsWith('\nexit 2\n')).toBe(true);
  });

  it('never lets a hostile roadmap file or a FIFO steer or hang it', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'roadmap.yaml');
    execFileSync('mkfifo', [fifo]);
    const pipe = await runBin(['roadmaps', 'validate', fifo], { BACKEND_PATH_CONFIG_DIR: dir });
    expect(pipe.code).toBe(2);
    expect(pipe.stderr).toContain('is a named pipe, not a regular file');
    const zero = await runBin(['plan', '--roadmap', '/dev/zero', '--yes'], { BACKEND_PATH_CONFIG_DIR: dir });
    expect(zero.stderr).toContain('is a device, not a regular file');
    const hostile = join(dir, 'hostile.yaml');
    writeFileSync(hostile, 'id: "\u001b]0;x\u0007bad id"\ntitle: "\u009b2J"\n');
    const result = await runBin(['roadmaps', 'validate', hostile], { BACKEND_PATH_CONFIG_DIR: dir });
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).not.toMatch(CONTROL);
  });

  needs({ file: '/proc/self', name: '/proc' }).it(
    'runs without its code cache where the cache folder cannot be made (under /proc)',
    async () => {
      for (const cache of ['/proc/self', '/proc/self/cache']) {
        const result = await runBin(['--version'], { XDG_CACHE_HOME: cache });
        expect([cache, result.code, result.stdout]).toEqual([cache, 0, `${version}\n`]);
      }
    },
  );

  it('loses no update when 20 commands log at once', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    await runBin(PLAN, env);
    const results = await Promise.all(Array.from({ length: 20 }, () => runBin(['log', '1'], env)));
    expect(results.map((r) => r.code)).toEqual(Array(20).fill(0));
    expect(JSON.parse((await runBin(['status', '--json'], env)).stdout).effort.loggedHours).toBe(20);
  }, 60_000);

  it('keeps every change a command reported, even when one stalls holding the lock (SIGSTOP)', async () => {
    const dir = tempDir();
    const env = { BACKEND_PATH_CONFIG_DIR: dir, BACKEND_PATH_TODAY: '2026-11-23' };
    await runBin(PLAN, env);
    // A store of 60,000 log entries takes a write long enough to be caught holding the lock.
    const file = join(dir, 'progress.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.log = Array.from({ length: 60_000 }, (_, i) => ({
      date: addDays('2026-10-01', Math.floor(i / 2000)),
      hours: 0.01,
      stage: 'language',
    }));
    writeFileSync(file, JSON.stringify(data));
    const stalled = spawn(process.execPath, [binPath, 'log', '2'], {
      env: { ...isolatedEnv(), ...env, NO_COLOR: '1' },
      stdio: 'ignore',
    });
    const stalledExit = new Promise<number | null>((resolve) => stalled.on('close', resolve));
    const lock = `${file}.lock`;
    // A guard against waiting forever, not a speed limit: the command only has to start.
    const deadline = Date.now() + 60_000;
    while (!existsSync(lock) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1));
    // Caught holding the lock, or the test would prove nothing.
    expect(existsSync(lock)).toBe(true);
    stalled.kill('SIGSTOP');
    const second = await runBin(['log', '3'], env);
    stalled.kill('SIGCONT');
    const firstCode = await stalledExit;
    const log = JSON.parse(readFileSync(file, 'utf8')).log as { hours: number }[];
    const kept = (hours: number) => log.some((entry) => entry.hours === hours);
    if (second.code === 0) expect(kept(3)).toBe(true);
    if (firstCode === 0) expect(kept(2)).toBe(true);
    expect(second.code === 0 || firstCode === 0).toBe(true);
  }, 60_000);

  // setpriv runs the command as `nobody`; as root, a read-only folder would not stop it.
  needs('setpriv').it(
    'refuses to write through a read-only folder with a sentence, as an unprivileged user',
    async () => {
      const dir = tempDir();
      const locked = join(dir, 'ro');
      mkdirSync(locked);
      chmodSync(dir, 0o755);
      chmodSync(locked, 0o555);
      const asNobody = (args: string[]) => {
        try {
          return execFileSync(
            'setpriv',
            ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, binPath, ...args],
            {
              env: {
                PATH: process.env.PATH,
                HOME: dir,
                // Nor may it keep compiled code in /tmp (a folder nobody cannot write to: no cache).
                TMPDIR: dir,
                NO_COLOR: '1',
                BACKEND_PATH_CONFIG_DIR: locked,
                BACKEND_PATH_TODAY: '2026-11-23',
              },
              encoding: 'utf8',
              stdio: ['ignore', 'pipe', 'pipe'],
            },
          );
        } catch (error) {
          return `${(error as { status: number }).status} ${(error as { stderr: string }).stderr}`;
        }
      };
      const result = asNobody(PLAN);
      expect(result).toMatch(/^1 Error: The folder .*\/ro cannot hold your progress file: permission denied\./);
    },
  );
});

describe('progress is never lost or bricked, on the binary', () => {
  const sha = (file: string) => readFileSync(file).toString('base64');

  it('moves the file aside twice in one day under two names (backups never collide)', async () => {
    const dir = tempDir();
    const env = { BACKEND_PATH_CONFIG_DIR: dir, BACKEND_PATH_TODAY: '2026-11-23' };
    for (let i = 0; i < 2; i++) {
      await runBin(PLAN, env);
      expect((await runBin(['reset', '--yes'], env)).code).toBe(0);
    }
    expect(readdirSync(dir).filter((n) => n.endsWith('.bak'))).toHaveLength(2);
  });

  it.each(['null', '42', '[]', 'true', '{"schemaVersion":3}'])(
    'refuses a store holding %s, even for plan --yes, and leaves it byte for byte',
    async (text) => {
      const dir = tempDir();
      writeFileSync(join(dir, 'progress.json'), text);
      for (const args of [[...PLAN, '--yes'], ['log', '1'], ['status']]) {
        const result = await runBin(args, { BACKEND_PATH_CONFIG_DIR: dir });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('is damaged, so it was left untouched');
      }
      expect(readFileSync(join(dir, 'progress.json'), 'utf8')).toBe(text);
    },
  );

  it('refuses a denormal pace before logging anything, so a retry cannot double an entry', async () => {
    const dir = tempDir();
    const env = { BACKEND_PATH_CONFIG_DIR: dir, BACKEND_PATH_TODAY: '2026-11-23' };
    await runBin(PLAN, env);
    const file = join(dir, 'progress.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.baseline.hoursPerWeek = 5e-324;
    writeFileSync(file, JSON.stringify(data));
    const before = sha(file);
    const result = await runBin(['log', '1'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/baseline\.hoursPerWeek should be a number of hours a week from 1 to 80/);
    expect(sha(file)).toBe(before);
  });

  it('refuses to export over the progress file and its lock', async () => {
    const dir = tempDir();
    const env = { BACKEND_PATH_CONFIG_DIR: dir, BACKEND_PATH_TODAY: '2026-11-23' };
    await runBin(PLAN, env);
    const before = sha(join(dir, 'progress.json'));
    for (const target of ['progress.json', 'progress.json.lock']) {
      const result = await runBin(['export', '--format', 'json', '-o', join(dir, target)], env);
      expect(result.code).toBe(2);
    }
    expect(sha(join(dir, 'progress.json'))).toBe(before);
  });
});

describe('study sessions from two terminals', () => {
  it('never loses or doubles a session when start and stop race', async () => {
    const env = { BACKEND_PATH_CONFIG_DIR: tempDir(), BACKEND_PATH_TODAY: '2026-11-23' };
    await runBin(PLAN, env);
    for (let round = 0; round < 5; round++) {
      const at = (time: string) => ({ ...env, BACKEND_PATH_NOW: `2026-11-23T${time}` });
      expect((await runBin(['start'], at('09:00:00'))).code).toBe(0);
      const [stop, start] = await Promise.all([runBin(['stop'], at('10:00:00')), runBin(['start'], at('10:00:00'))]);
      const status = JSON.parse((await runBin(['status', '--json'], env)).stdout);
      expect(stop.code).toBe(0);
      // Either the start came first and was refused (a session was running), or it came second and runs now.
      if (start.code === 0) expect(status.session).toMatchObject({ stage: 'language', start: '2026-11-23T10:00:00' });
      else expect([start.code, status.session]).toEqual([1, null]);
      expect(status.effort.loggedHours).toBe(round + 1);
      if (status.session) await runBin(['cancel'], env);
    }
  }, 60_000);
});

describe('a study session across a daylight-saving change', () => {
  it('logs the time that really passed, not the difference of the clock readings', async () => {
    const dir = tempDir();
    const env = (now: string) => ({ BACKEND_PATH_CONFIG_DIR: dir, BACKEND_PATH_NOW: now, TZ: 'Europe/Berlin' });
    expect((await runBin(PLAN, env('2026-03-28T12:00:00'))).code).toBe(0);
    // Berlin's clocks jump from 02:00 to 03:00 on Sunday 29 March 2026: 01:30 to 03:30 is an hour.
    expect((await runBin(['start'], env('2026-03-29T01:30:00'))).code).toBe(0);
    const stopped = JSON.parse((await runBin(['stop', '--json'], env('2026-03-29T03:30:00'))).stdout);
    expect(stopped).toMatchObject({ minutes: 60, entry: { date: '2026-03-29', hours: 1 } });
    // And back in October: 02:30 (summer time) to 02:30 (winter time) is an hour too.
    expect((await runBin(['start'], env('2026-10-25T01:30:00'))).code).toBe(0);
    const autumn = JSON.parse((await runBin(['stop', '--at', '03:30', '--json'], env('2026-10-25T04:00:00'))).stdout);
    expect(autumn).toMatchObject({ minutes: 180 });
  });
});

describe('a command that waits for another command', () => {
  it('is run once, from its own bundle: a check that waits for the lock sends its requests once', async () => {
    const writer = await buildLockWriter();
    let requests = 0;
    const server = createServer((request, response) => {
      requests += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const dir = tempDir();
      const roadmap = fixture('roadmaps/one-check.yaml');
      const env = { BACKEND_PATH_CONFIG_DIR: dir, BACKEND_PATH_TODAY: '2026-11-30' };
      expect((await runBin(['plan', '--roadmap', roadmap, '--track', 'node', '--hours', '10'], env)).code).toBe(0);
      // Another command holds the lock until it is told to save.
      const holder = spawn(process.execPath, [writer, dir, 'holder', '60000', 'hold'], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      await new Promise<void>((resolve) =>
        holder.stdout.on('data', (chunk) => String(chunk).includes('locked') && resolve()),
      );
      const port = (server.address() as AddressInfo).port;
      let ended = false;
      const check = runBin(['check', 's1', '--url', `http://127.0.0.1:${port}`], env).finally(() => (ended = true));
      // The check asks its question, then waits for the lock to save what it found.
      while (requests === 0 && !ended) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      holder.stdin.end('go\n');
      const result = await check;
      expect({ code: result.code, requests }).toEqual({ code: 0, requests: 1 });
      expect(result.stdout.match(/GET \/health answers/g)).toHaveLength(1);
    } finally {
      server.close();
    }
  });
});
