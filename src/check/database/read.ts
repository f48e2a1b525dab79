import type { Client, ClientConfig } from 'pg';
import { EvidenceUnavailable } from '../step.js';
import { describeDatabase } from './address.js';
import type { DatabaseFacts, DatabaseProbe, SchemaFacts, TableFacts } from './facts.js';
import { COLUMNS, FOREIGN_KEYS, INDEXES } from './queries.js';
import { idColumn, learnerTables, loginColumns, TITLE_COLUMN, columnNamed } from './tables.js';
import { connectionFailure } from './failures.js';

export interface ReadOptions {
  /** How long to wait for the server to accept the connection and the login. */
  connectTimeoutMs?: number;
  /** How long one query may run. */
  queryTimeoutMs?: number;
}

const CONNECT_TIMEOUT_MS = 5000;
const QUERY_TIMEOUT_MS = 5000;

interface ColumnRow {
  table: string;
  column: string;
  nullable: boolean;
  type: string;
  key_position: number | null;
}

async function readSchema(client: Client): Promise<SchemaFacts> {
  const tables = new Map<string, TableFacts & { keyed: [number, string][] }>();
  for (const row of (await client.query<ColumnRow>(COLUMNS)).rows) {
    const table = tables.get(row.table) ?? { name: row.table, columns: [], primaryKey: [], keyed: [] };
    table.columns.push({ name: row.column, nullable: row.nullable, type: row.type });
    if (row.key_position !== null) table.keyed.push([row.key_position, row.column]);
    tables.set(row.table, table);
  }
  const foreignKeys = (
    await client.query<{ table: string; references: string; columns: string[]; referenced: string[] }>(FOREIGN_KEYS)
  ).rows;
  const indexes = (await client.query<{ table: string; name: string; columns: string[] }>(INDEXES)).rows;
  return {
    tables: [...tables.values()].map(({ keyed, ...table }) => ({
      ...table,
      primaryKey: keyed.sort((a, b) => a[0] - b[0]).map(([, name]) => name),
    })),
    foreignKeys: foreignKeys.map((fk) => ({
      table: fk.table,
      columns: fk.columns,
      references: fk.references,
      referencedColumns: fk.referenced,
    })),
    indexes,
  };
}

/** The probe todo's row by id, and which rows hold its title (to tell a wrong id from a missing row). */
async function readTodo(
  client: Client,
  table: TableFacts,
  todo: { id: string; title: string },
): Promise<DatabaseFacts['todo']> {
  const id = idColumn(table);
  const title = columnNamed(table, TITLE_COLUMN)?.name;
  const name = client.escapeIdentifier(table.name);
  const row = id
    ? (
        await client.query(
          `SELECT to_jsonb(t) AS row FROM ${name} t WHERE ${client.escapeIdentifier(id)}::text = $1 LIMIT 1`,
          [todo.id],
        )
      ).rows[0]?.row
    : null;
  const withTitle =
    id && title
      ? (
          await client.query(
            `SELECT ${client.escapeIdentifier(id)}::text AS id FROM ${name} WHERE ${client.escapeIdentifier(title)}::text = $1 LIMIT 3`,
            [todo.title],
          )
        ).rows
      : [];
  return { row: row ?? null, idsWithTitle: withTitle.map((r: { id: string }) => r.id) };
}

/** The probe user's row, every column as JSON, found by e-mail or user name, ignoring case. */
async function readUser(client: Client, table: TableFacts, login: string): Promise<DatabaseFacts['user']> {
  const columns = loginColumns(table);
  if (columns.length === 0) return { row: null };
  const where = columns.map((c) => `lower(${client.escapeIdentifier(c)}::text) = lower($1)`).join(' OR ');
  const result = await client.query(
    `SELECT to_jsonb(u) AS row FROM ${client.escapeIdentifier(table.name)} u WHERE ${where} LIMIT 1`,
    [login],
  );
  return { row: result.rows[0]?.row ?? null };
}

/**
 * Reads what the database check judges, inside one READ ONLY transaction that is rolled back:
 * the check changes nothing in the learner's database (the rows it looks for were created
 * through the learner's own API).
 */
export async function readDatabase(url: URL, probe: DatabaseProbe, options: ReadOptions = {}): Promise<DatabaseFacts> {
  const { default: pg } = await import('pg');
  const config: ClientConfig = {
    connectionString: url.href,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    query_timeout: options.queryTimeoutMs ?? QUERY_TIMEOUT_MS,
    application_name: 'backend-path check',
  };
  const client = new pg.Client(config);
  // A server that goes away mid-check emits 'error' on the client; the failing query reports it.
  client.on('error', () => {});
  const address = describeDatabase(url);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw connectionFailure(error, url, options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
  }
  try {
    await client.query('BEGIN TRANSACTION READ ONLY');
    const schema = await readSchema(client);
    const { todos, users } = learnerTables(schema);
    const facts: DatabaseFacts = { address, schema };
    if (probe.todo && todos) facts.todo = await readTodo(client, todos, probe.todo);
    if (probe.user && users) facts.user = await readUser(client, users, probe.user.login);
    await client.query('ROLLBACK');
    return facts;
  } catch (error) {
    if (error instanceof EvidenceUnavailable) throw error;
    throw new EvidenceUnavailable(`Reading ${address} failed: ${(error as Error).message}.`);
  } finally {
    await client.end().catch(() => {});
  }
}
