import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A stand-in for the docker command, for machines without a Docker engine: `run` starts a small
 * HTTP server on 127.0.0.1 in place of a container (or, for a Dockerfile containing CRASH, a
 * container that stops at once), `build` fails for a Dockerfile containing FAIL, and every call
 * is written to calls.log so a test can see what was cleaned up.
 */
export function fakeDocker(): { command: string; calls: () => string[]; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'bp-fake-docker-'));
  const script = `#!${process.execPath}
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const state = ${JSON.stringify(dir)};
const args = process.argv.slice(2);
fs.appendFileSync(path.join(state, 'calls.log'), args.join(' ') + '\\n');
const dockerfile = fs.existsSync('Dockerfile') ? fs.readFileSync('Dockerfile', 'utf8') : '';
const file = (name) => path.join(state, name);
switch (args[0]) {
  case 'build':
    if (dockerfile.includes('FAIL')) {
      process.stderr.write('#5 [2/4] RUN npm ci\\n#5 ERR! missing package-lock.json\\nERROR: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1\\n');
      process.exit(1);
    }
    console.log('sha256:0123456789abcdef');
    break;
  case 'run':
    if (dockerfile.includes('CRASH')) { fs.writeFileSync(file('running'), 'false'); console.log('c0ffee'); break; }
    const server = spawn(process.execPath, ['-e', "const s = require('node:http').createServer((q, r) => r.end('{}')).listen(0, '127.0.0.1', () => require('node:fs').writeFileSync(" + JSON.stringify(file('port')) + ", String(s.address().port)))"], { detached: true, stdio: 'ignore' });
    server.unref();
    fs.writeFileSync(file('pid'), String(server.pid));
    fs.writeFileSync(file('running'), 'true');
    while (!fs.existsSync(file('port'))) require('node:child_process').execFileSync('sleep', ['0.05']);
    console.log('c0ffee');
    break;
  case 'port':
    if (fs.existsSync(file('port'))) console.log('0.0.0.0:' + fs.readFileSync(file('port'), 'utf8'));
    else console.log('0.0.0.0:1');
    break;
  case 'inspect':
    console.log(fs.readFileSync(file('running'), 'utf8'));
    break;
  case 'logs':
    console.log('Server starting\\nError: connect ECONNREFUSED 127.0.0.1:5432');
    break;
  case 'rm':
    if (fs.existsSync(file('pid'))) try { process.kill(Number(fs.readFileSync(file('pid'), 'utf8'))); } catch {}
    break;
  default:
    break;
}
`;
  const command = join(dir, 'docker');
  writeFileSync(command, script);
  chmodSync(command, 0o755);
  return {
    command,
    calls: () => readFileSync(join(dir, 'calls.log'), 'utf8').trim().split('\n'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
