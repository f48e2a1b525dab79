import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** The newest PostgreSQL server installed the Debian way (/usr/lib/postgresql/<major>/bin), if any. */
function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] === undefined ? undefined : join(root, majors[0], 'bin');
}

const BIN = postgresBin();
/** Why the database tests cannot run here, or undefined when they can. */
export const postgresMissing = BIN
  ? undefined
  : 'PostgreSQL is not installed (apt-get install postgresql; .ci/run does)';

/** The server refuses to run as root: as root, the tests run it as the postgres user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('Running as root, and there is no postgres user to run PostgreSQL as.');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const SUPERUSER_PASSWORD = 'test-superuser-secret';

export interface TestPostgres {
  port: number;
  /** A URL for a database (and user) on this server. */
  url: (database: string, user?: string, password?: string) => string;
  /** Runs SQL as the superuser in a database (`postgres` unless named). */
  sql: (text: string, database?: string) => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL server in a temporary folder, listening on 127.0.0.1 at a free
 * port (its socket in the same folder), with password logins over TCP as a real one has.
 */
export async function startPostgres(): Promise<TestPostgres> {
  if (!BIN) throw new Error(postgresMissing);
  const dir = mkdtempSync(join(tmpdir(), 'bp-pg-'));
  const owner = serverUser();
  const asOwner = { cwd: dir, ...(owner ? { uid: owner.uid, gid: owner.gid } : {}) };
  const data = join(dir, 'data');
  writeFileSync(join(dir, 'pw'), SUPERUSER_PASSWORD);
  if (owner) for (const path of [dir, join(dir, 'pw')]) chownSync(path, owner.uid, owner.gid);
  await run(
    join(BIN, 'initdb'),
    [
      '-D',
      data,
      '-U',
      'postgres',
      '--pwfile',
      join(dir, 'pw'),
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
      '--no-sync',
    ],
    asOwner,
  );
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  await run(join(BIN, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', 'start'], asOwner);
  const url = (database: string, user = 'postgres', password = SUPERUSER_PASSWORD) =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return {
    port,
    url,
    async sql(text, database = 'postgres') {
      const client = new pg.Client({ connectionString: url(database) });
      await client.connect();
      try {
        await client.query(text);
      } finally {
        await client.end();
      }
    },
    async stop() {
      await run(join(BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], asOwner).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
