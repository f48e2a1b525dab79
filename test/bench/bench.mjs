// `npm run bench`: start-up and planning figures for the built CLI, printed, never asserted.
// Wall times are medians of runs that alternate with `node -e 0` (A B A B ...) after a warm-up,
// so both see the same machine load; peak RSS comes from GNU time where the machine has it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/backend-path.js', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 21);
const dir = mkdtempSync(join(tmpdir(), 'backend-path-bench-'));
const env = { ...process.env, BACKEND_PATH_CONFIG_DIR: dir, BACKEND_PATH_TODAY: '2026-01-05', NO_COLOR: '1' };
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function run(args, extraEnv = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return ms;
}

function peakRss(args) {
  if (!gnuTime) return undefined;
  const result = spawnSync(gnuTime, ['-f', '%M', process.execPath, ...args], { env, encoding: 'utf8' });
  return Number(result.stderr.trim().split('\n').at(-1)) / 1024;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

run([bin, 'plan', '--track', 'node', '--hours', '10', '--start', '2026-01-05']);
const cases = [
  ['--help', [bin, '--help']],
  ['next', [bin, 'next']],
  ['plan --json', [bin, 'plan', '--json', '--track', 'node', '--hours', '10', '--start', '2026-01-05']],
];

console.log(`backend-path bench: node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${runs} runs each, ${new Date().toISOString().slice(0, 10)}`);
console.log('');
console.log('command        median ms   node -e 0 ms   ratio   peak RSS MiB');
for (const [name, args] of cases) {
  for (let i = 0; i < 3; i++) {
    run(args);
    run(['-e', '0']);
  }
  const cli = [];
  const bare = [];
  for (let i = 0; i < runs; i++) {
    cli.push(run(args));
    bare.push(run(['-e', '0']));
  }
  const rss = peakRss(args);
  const ratio = median(cli) / median(bare);
  console.log(`${name.padEnd(14)} ${median(cli).toFixed(1).padStart(9)}   ${median(bare).toFixed(1).padStart(12)}   ${ratio.toFixed(2).padStart(5)}x   ${rss === undefined ? 'n/a' : rss.toFixed(1).padStart(12)}`);
}

console.log('');
console.log('generated roadmap   stages   plan --json ms   ms per 1,000 stages');
for (const count of [100, 1000, 10000]) {
  const file = join(dir, `generated-${count}.yaml`);
  const stages = Array.from({ length: count }, (_, i) => `  - {id: s${i + 1}, title: Stage ${i + 1}, hours: ${(i % 7) + 1}}`);
  writeFileSync(file, ['id: generated', 'title: Generated', 'tracks:', '  node: {title: Node.js}', 'stages:', ...stages, ''].join('\n'));
  const args = [bin, 'plan', '--json', '--yes', '--track', 'node', '--hours', '10', '--start', '2026-01-05', '--roadmap', file];
  run(args);
  const times = Array.from({ length: 5 }, () => run(args));
  console.log(`${'generated'.padEnd(19)} ${String(count).padStart(6)}   ${median(times).toFixed(1).padStart(14)}   ${((median(times) / count) * 1000).toFixed(1).padStart(19)}`);
}
