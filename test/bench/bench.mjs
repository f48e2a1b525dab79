// `npm run bench`: start-up, growth and memory figures for the built CLI, printed, never asserted.
// Start-up is compared with `node -e 0` in alternating runs (A B A B ...), both without
// NODE_EXTRA_CA_CERTS, which some machines set and a learner's does not (it makes every Node
// start load a CA bundle). Each row gives both medians and the median of the paired ratios.
// Peak memory comes from GNU time where the machine has it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/backend-path.js', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 31);
const dir = mkdtempSync(join(tmpdir(), 'backend-path-bench-'));
const env = { ...process.env, BACKEND_PATH_CONFIG_DIR: dir, BACKEND_PATH_TODAY: '2026-01-05', NO_COLOR: '1' };
delete env.NODE_EXTRA_CA_CERTS;
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Wall milliseconds of one run; output is discarded, so a large plan cannot overflow a buffer. */
function time(args, extraEnv = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return ms;
}

function peakMiB(args, extraEnv = {}) {
  if (!gnuTime) return undefined;
  const result = spawnSync(gnuTime, ['-f', '%M', process.execPath, ...args], {
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return Number(result.stderr.trim().split('\n').at(-1)) / 1024;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => value.toFixed(1).padStart(8);

/** Alternating runs of the command and of `node -e 0`, after a warm-up that also fills the code cache. */
function compare(args, extraEnv = {}) {
  for (let i = 0; i < 3; i++) {
    time(args, extraEnv);
    time(['-e', '0']);
  }
  const cli = [];
  const bare = [];
  const ratios = [];
  for (let i = 0; i < runs; i++) {
    const a = time(args, extraEnv);
    const b = time(['-e', '0']);
    cli.push(a);
    bare.push(b);
    ratios.push(a / b);
  }
  return { cli: median(cli), bare: median(bare), ratio: median(ratios), rss: peakMiB(args, extraEnv) };
}

function writeRoadmap(count) {
  const file = join(dir, `generated-${count}.yaml`);
  const stages = Array.from(
    { length: count },
    (_, i) => `  - {id: s${i + 1}, title: Stage ${i + 1}, hours: ${(i % 7) + 1}}`,
  );
  writeFileSync(
    file,
    ['id: generated', 'title: Generated', 'tracks:', '  node: {title: Node.js}', 'stages:', ...stages, ''].join('\n'),
  );
  return file;
}

const node = process.version;
console.log(
  `backend-path bench: node ${node}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${runs} alternating runs, ${new Date().toISOString().slice(0, 10)}`,
);
console.log('NODE_EXTRA_CA_CERTS is unset for every run.');
console.log('');
time([bin, 'plan', '--track', 'node', '--hours', '10', '--start', '2026-01-05']);
const plan = ['plan', '--json', '--track', 'node', '--hours', '10', '--start', '2026-01-05'];
const cases = [
  ['--help', ['--help']],
  ['(bare)', []],
  ['next', ['next']],
  ['status', ['status']],
  ['status --short', ['status', '--short']],
  ['plan --json', plan],
  ['log 0.5', ['log', '0.5']],
  ['undo', ['undo', 'language']],
];
console.log('command           median ms   node -e 0 ms   ratio   peak RSS MiB');
for (const [name, args] of cases) {
  const { cli, bare, ratio, rss } = compare([bin, ...args]);
  console.log(
    `${name.padEnd(16)} ${ms(cli)}   ${ms(bare)}       ${ratio.toFixed(2).padStart(5)}x   ${rss === undefined ? 'n/a' : rss.toFixed(1).padStart(8)}`,
  );
}

console.log('');
console.log('growth                                  median ms   per item ms (start-up excluded)');
const base = median(Array.from({ length: 7 }, () => time([bin, ...plan, '--yes', '--roadmap', writeRoadmap(1)])));
for (const count of [100, 1000, 10000]) {
  const args = [bin, ...plan, '--yes', '--roadmap', writeRoadmap(count)];
  time(args);
  const wall = median(Array.from({ length: 5 }, () => time(args)));
  console.log(
    `plan, generated roadmap of ${String(count).padStart(6)} stages ${ms(wall)}   ${((wall - base) / count).toFixed(4).padStart(10)}`,
  );
}

// Two years of daily logs: status must stay close to an empty log's.
const logDir = mkdtempSync(join(tmpdir(), 'backend-path-bench-log-'));
const logEnv = { BACKEND_PATH_CONFIG_DIR: logDir, BACKEND_PATH_TODAY: '2027-12-31' };
time([bin, 'plan', '--track', 'node', '--hours', '10', '--start', '2027-01-04'], logEnv);
const empty = median(Array.from({ length: 9 }, () => time([bin, 'status'], logEnv)));
const store = join(logDir, 'progress.json');
const data = JSON.parse((await import('node:fs')).readFileSync(store, 'utf8'));
const first = Date.UTC(2026, 0, 1);
data.log = Array.from({ length: 10_000 }, (_, i) => ({
  date: new Date(first + Math.floor(i / 14) * 86_400_000).toISOString().slice(0, 10),
  hours: 0.75,
  stage: 'language',
}));
data.profile.start = '2026-01-01';
writeFileSync(store, JSON.stringify(data));
const full = median(Array.from({ length: 9 }, () => time([bin, 'status'], logEnv)));
console.log(
  `status with 10,000 log entries        ${ms(full)}   ${(full / empty).toFixed(2)}x an empty log (${empty.toFixed(1)} ms)`,
);
