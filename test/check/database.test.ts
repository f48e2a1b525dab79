import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { argon2id, bcrypt } from 'hash-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/check/database/address.js';
import type { DatabaseProbe } from '../../src/check/database/facts.js';
import { judgeDatabase } from '../../src/check/database/judge.js';
import type { DatabaseDemand } from '../../src/roadmap/evidence.js';
import { readDatabase } from '../../src/check/database/read.js';
import { EvidenceUnavailable, type EvidenceStep } from '../../src/check/step.js';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.js';

const PASSWORD = 'Correct-horse-7f3a';
const EMAIL = 'learner-7f3a@example.com';
const TITLE = 'Learn SQL 7f3a';
const ALL: DatabaseDemand[] = ['schema', 'todo-stored', 'password-hashed'];

/** The schema the sql-postgres stage asks for, written by hand. */
const HAND_WRITTEN = `
  CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT NOT NULL UNIQUE, password TEXT NOT NULL);
  CREATE TABLE todos (id SERIAL PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), title TEXT NOT NULL, done BOOLEAN NOT NULL DEFAULT false);
  CREATE INDEX todos_user_id_idx ON todos(user_id);`;

const byName = (steps: EvidenceStep[]) => Object.fromEntries(steps.map((s) => [s.name, s]));

async function check(
  server: TestPostgres,
  database: string,
  probe: DatabaseProbe,
  demands = ALL,
  user?: [string, string],
) {
  const facts = await readDatabase(new URL(server.url(database, ...(user ?? []))), probe);
  return byName(judgeDatabase(facts, probe, demands));
}

describe.skipIf(postgresMissing)(
  `the database check against a real PostgreSQL server${postgresMissing ? ` (skipped: ${postgresMissing})` : ''}`,
  () => {
    let server: TestPostgres;
    const probe: DatabaseProbe = { todo: { id: '1', title: TITLE }, user: { login: EMAIL, password: PASSWORD } };

    beforeAll(async () => {
      server = await startPostgres();
      const salt = randomBytes(16);
      const argon = await argon2id({
        password: PASSWORD,
        salt,
        iterations: 2,
        parallelism: 1,
        memorySize: 1024,
        hashLength: 32,
        outputType: 'encoded',
      });
      const bcrypted = await bcrypt({ password: PASSWORD, salt, costFactor: 4, outputType: 'encoded' });
      const seed = (table: string, hash: string) =>
        `INSERT INTO ${table} (email, password) VALUES ('${EMAIL}', '${hash}');`;
      for (const name of ['good', 'loose', 'django', 'prisma', 'empty', 'fast'])
        await server.sql(`CREATE DATABASE ${name}`);
      await server.sql(
        `${HAND_WRITTEN} ${seed('users', argon)} INSERT INTO todos (user_id, title) VALUES (1, '${TITLE}');`,
        'good',
      );
      await server.sql(`${HAND_WRITTEN} ${seed('users', createHash('sha256').update(PASSWORD).digest('hex'))}`, 'fast');
      await server.sql(
        `CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password TEXT);
       CREATE TABLE todos (id SERIAL PRIMARY KEY, user_id INTEGER, title TEXT);
       ${seed('users', PASSWORD)} INSERT INTO todos (user_id, title) VALUES (1, 'something else'), (1, '${TITLE}');`,
        'loose',
      );
      // Django's names: app_model tables, auth_user with a username, a ForeignKey named owner.
      await server.sql(
        `CREATE TABLE auth_user (id SERIAL PRIMARY KEY, username VARCHAR(150) NOT NULL UNIQUE, email VARCHAR(254) NOT NULL, password VARCHAR(128) NOT NULL);
       CREATE TABLE todos_todo (id BIGSERIAL PRIMARY KEY, title VARCHAR(200) NOT NULL, done BOOLEAN NOT NULL, owner_id INTEGER NOT NULL REFERENCES auth_user(id) DEFERRABLE INITIALLY DEFERRED);
       CREATE INDEX todos_todo_owner_id_5f1a2b3c ON todos_todo(owner_id);
       INSERT INTO auth_user (username, email, password) VALUES ('${EMAIL}', '', 'pbkdf2_sha256$260000$YrRDlVvr2fcWRn1KjFoS9p$8KLv2+1nEbmaCxmC+/AQyhjlplztcDHtoddgu7za9Vk=');
       INSERT INTO todos_todo (title, done, owner_id) VALUES ('${TITLE}', false, 1);`,
        'django',
      );
      // Prisma's names: model names as tables, camelCase columns, text ids.
      await server.sql(
        `CREATE TABLE "User" (id TEXT PRIMARY KEY, email TEXT NOT NULL, "passwordHash" TEXT NOT NULL);
       CREATE TABLE "Todo" (id SERIAL PRIMARY KEY, title TEXT NOT NULL, "userId" TEXT NOT NULL REFERENCES "User"(id));
       CREATE INDEX "Todo_userId_idx" ON "Todo"("userId");
       INSERT INTO "User" VALUES ('ckx1', '${EMAIL.toUpperCase()}', '${bcrypted}');
       INSERT INTO "Todo" (title, "userId") VALUES ('${TITLE}', 'ckx1');`,
        'prisma',
      );
      await server.sql(`CREATE ROLE reader LOGIN PASSWORD 'reader-secret'; GRANT CONNECT ON DATABASE good TO reader;`);
      await server.sql('GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;', 'good');
    });
    afterAll(async () => server?.stop());

    it('passes the schema the stage asks for, finds the todo, and names the argon2 hash', async () => {
      const steps = await check(server, 'good', probe);
      expect(Object.values(steps).map((s) => [s.name, s.ok])).toEqual([
        ['a users table and a todos table', true],
        ['a todo needs a title and a user an e-mail', true],
        ['todos point to users with a foreign key', true],
        ['the foreign key column has an index', true],
        ['the todo created through your API is in the database', true],
        ['passwords are stored as a slow hash, never as typed', true],
      ]);
      expect(steps['todos point to users with a foreign key']!.got).toBe('todos.user_id → users.id');
      expect(steps['the foreign key column has an index']!.got).toBe('todos_user_id_idx (user_id)');
      expect(steps['passwords are stored as a slow hash, never as typed']!.got).toBe('password holds an argon2 hash');
    });

    it('needs nothing but SELECT: a read-only login passes the same way', async () => {
      const steps = await check(server, 'good', probe, ALL, ['reader', 'reader-secret']);
      expect(Object.values(steps).every((s) => s.ok)).toBe(true);
    });

    it('fails a loose schema step by step and says the password is stored as typed', async () => {
      const steps = await check(server, 'loose', { ...probe, todo: { id: '1', title: TITLE } });
      expect(steps['a users table and a todos table']!.ok).toBe(true);
      expect(steps['a todo needs a title and a user an e-mail']!.got).toBe(
        'todos.title allows NULL and users.email allows NULL',
      );
      expect(steps['todos point to users with a foreign key']).toMatchObject({
        got: 'no foreign key from todos to users',
        why: expect.stringMatching(/^todos\.user_id without REFERENCES is only a number/),
      });
      expect(steps['the foreign key column has an index']).toMatchObject({ ok: false, ran: false });
      expect(steps['the todo created through your API is in the database']!.got).toBe(
        'id 1 holds the title "something else"',
      );
      expect(steps['passwords are stored as a slow hash, never as typed']).toMatchObject({
        got: 'password holds the password itself, in plain text',
        why: expect.stringMatching(/^Anyone who reads the database or a backup can log in as every user/),
      });
    });

    it('tells a missing row from an id the API made up', async () => {
      const madeUp = await check(server, 'loose', { todo: { id: '99', title: TITLE } }, ['todo-stored']);
      expect(madeUp['the todo created through your API is in the database']!.got).toBe(
        'no row with id 99, but the title is in the row with id 2',
      );
      const missing = await check(server, 'good', { todo: { id: '42', title: 'never stored' } }, ['todo-stored']);
      expect(missing['the todo created through your API is in the database']!.got).toBe('no such row in todos');
    });

    it('calls a bare SHA-256 digest fast', async () => {
      const steps = await check(server, 'fast', probe, ['password-hashed']);
      expect(steps['passwords are stored as a slow hash, never as typed']).toMatchObject({
        ok: false,
        got: 'password holds what looks like a SHA-256 digest',
      });
    });

    it("reads Django's tables: auth_user by username, todos_todo.owner_id, PBKDF2", async () => {
      const steps = await check(server, 'django', probe, ['schema', 'password-hashed']);
      expect(Object.values(steps).map((s) => s.ok)).toEqual([true, true, true, true, true]);
      expect(steps['a users table and a todos table']!.got).toBe('auth_user and todos_todo');
      expect(steps['the foreign key column has an index']!.got).toBe('todos_todo_owner_id_5f1a2b3c (owner_id)');
      expect(steps['passwords are stored as a slow hash, never as typed']!.got).toBe('password holds a PBKDF2 hash');
    });

    it("reads Prisma's tables: quoted names, camelCase columns, an e-mail in another case, bcrypt", async () => {
      const steps = await check(server, 'prisma', probe);
      expect(Object.values(steps).every((s) => s.ok)).toBe(true);
      expect(steps['todos point to users with a foreign key']!.got).toBe('Todo.userId → User.id');
      expect(steps['passwords are stored as a slow hash, never as typed']!.got).toBe(
        'passwordHash holds a bcrypt hash',
      );
    });

    it('finds no tables in an empty database and judges nothing it cannot see', async () => {
      const steps = await check(server, 'empty', probe);
      expect(steps['a users table and a todos table']).toMatchObject({
        ok: false,
        got: 'no users and todos table (no tables at all)',
      });
      expect(Object.values(steps).filter((s) => !s.ran)).toHaveLength(5);
    });

    it('treats probe values as data, never as SQL', async () => {
      const hostile: DatabaseProbe = {
        todo: { id: "1' OR '1'='1", title: "x'); DROP TABLE todos; --" },
        user: { login: "' OR 1=1 --", password: 'x' },
      };
      const steps = await check(server, 'good', hostile);
      expect(steps['the todo created through your API is in the database']!.ok).toBe(false);
      expect(steps['passwords are stored as a slow hash, never as typed']!.got).toMatch(/^no row in users holds/);
      expect((await check(server, 'good', probe))['a users table and a todos table']!.ok).toBe(true);
    });

    describe('a database that cannot be read ends in one sentence', () => {
      const failure = (url: string, timeout?: number) =>
        readDatabase(new URL(url), {}, { connectTimeoutMs: timeout }).then(
          () => 'no error',
          (error: unknown) =>
            error instanceof EvidenceUnavailable ? error.message : `not an EvidenceUnavailable: ${String(error)}`,
        );

      it('a wrong password', async () => {
        expect(await failure(server.url('good', 'reader', 'wrong'))).toBe(
          `PostgreSQL at 127.0.0.1:${server.port} refused the password for the user reader.`,
        );
      });

      it('a database that does not exist', async () => {
        expect(await failure(server.url('todo_app'))).toBe(
          `There is no database named todo_app on 127.0.0.1:${server.port}.`,
        );
      });
    });
  },
);

describe('a database that cannot be reached ends in one sentence', () => {
  let silent: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  const message = (promise: Promise<unknown>) =>
    promise.then(
      () => 'no error',
      (error: Error) => (error instanceof EvidenceUnavailable ? error.message : `other: ${error.message}`),
    );

  it('nothing listening on the port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    expect(await message(readDatabase(new URL(`postgres://me:secret@127.0.0.1:${port}/todos`), {}))).toBe(
      `Could not connect to postgres://me@127.0.0.1:${port}/todos: the connection was refused. Is PostgreSQL running there?`,
    );
  });

  it('a server that accepts and never answers, with the timeout it was given', async () => {
    const { port } = silent.address() as { port: number };
    expect(
      await message(
        readDatabase(new URL(`postgres://me:secret@127.0.0.1:${port}/todos`), {}, { connectTimeoutMs: 300 }),
      ),
    ).toBe(`postgres://me@127.0.0.1:${port}/todos did not answer within 0.3 seconds.`);
  });
});

describe('--db', () => {
  const usage = (text: string, allowRemote = false) => {
    try {
      return parseDatabaseUrl(text, { allowRemote }).href;
    } catch (error) {
      return (error as Error).message;
    }
  };

  it.each([
    ['postgres://app:pw@localhost:5432/todos'],
    ['postgresql://app:pw@127.0.0.1/todos'],
    ['postgres://app@[::1]:5432/todos'],
    ['postgres:///todos?host=/var/run/postgresql'],
    ['postgres://app:pw@db:5432/todos'],
    ['postgres://app:pw@192.168.1.20/todos'],
  ])('takes a local database: %s', (text) => {
    expect(usage(text)).toBe(new URL(text).href);
  });

  it('refuses a database elsewhere unless the learner says they mean it, never printing the password', () => {
    expect(usage('postgres://app:hunter2@db.example.com:5432/todos')).toBe(
      'postgres://app@db.example.com:5432/todos is not on this machine or its local network, so the check will not read it.',
    );
    expect(usage('postgres://app:hunter2@db.example.com:5432/todos', true)).toBe(
      'postgres://app:hunter2@db.example.com:5432/todos',
    );
  });

  it('refuses what is not a PostgreSQL URL', () => {
    expect(usage('mysql://app:pw@localhost/todos')).toBe(
      '--db must be a PostgreSQL URL starting postgres:// or postgresql://, such as postgres://user:password@localhost:5432/todos; got "mysql://app:***@localhost/todos".',
    );
    // A host and port without a scheme read as a URL whose scheme is the host: what was typed is named.
    expect(usage('localhost:5433/todos')).toBe(
      '--db must be a PostgreSQL URL starting postgres:// or postgresql://, such as postgres://user:password@localhost:5432/todos; got "localhost:5433/todos".',
    );
    expect(usage('not a url :pw@x')).toBe(
      '--db must be a PostgreSQL URL such as postgres://user:password@localhost:5432/todos; got "not a url :***@x".',
    );
    expect(usage('//app:hunter2@host/todos')).not.toContain('hunter2');
    // Without a scheme the password is hidden too.
    expect(usage('app:hunter2@localhost:5432/todos')).toBe(
      '--db must be a PostgreSQL URL starting postgres:// or postgresql://, such as postgres://user:password@localhost:5432/todos; got "app:***@localhost:5432/todos".',
    );
  });
});
