import type { ForeignKeyFacts, SchemaFacts, TableFacts } from './facts.js';

/**
 * Finds the learner's todos and users tables under the names the track's tools give them: `todos`
 * written by hand, `Todo` or `todo` from Prisma and TypeORM, `Todos` from Sequelize, `todos_todo`
 * or `auth_user` from Django (app name, underscore, model name).
 */
const PATTERNS = {
  todos: /^(?:[a-z0-9]+_)?todos?$/i,
  users: /^(?:[a-z0-9]+_)?users?$/i,
} as const;

export type TableRole = keyof typeof PATTERNS;

/** Exact plural first, then singular, then any app-prefixed form; ties by name. */
function rank(name: string, role: TableRole): number {
  const lower = name.toLowerCase();
  if (lower === role) return 0;
  if (lower === role.slice(0, -1)) return 1;
  return 2;
}

function candidates(schema: SchemaFacts, role: TableRole): TableFacts[] {
  return schema.tables
    .filter((t) => PATTERNS[role].test(t.name))
    .sort((a, b) => rank(a.name, role) - rank(b.name, role) || (a.name < b.name ? -1 : 1));
}

/** The todos → users foreign key, if the learner made one. */
export function todoOwnerKey(schema: SchemaFacts, todos: TableFacts, users: TableFacts): ForeignKeyFacts | undefined {
  return schema.foreignKeys.find((fk) => fk.table === todos.name && fk.references === users.name);
}

export interface LearnerTables {
  todos?: TableFacts;
  users?: TableFacts;
}

/**
 * The todos table, and the users table it points to: when several tables could be the users
 * table (a custom user model beside Django's auth_user), the one the todos table references wins.
 */
export function learnerTables(schema: SchemaFacts): LearnerTables {
  const todos = candidates(schema, 'todos')[0];
  const users = candidates(schema, 'users');
  const referenced = todos && users.find((u) => todoOwnerKey(schema, todos, u));
  return { todos, users: referenced ?? users[0] };
}

export const columnNamed = (table: TableFacts, pattern: RegExp) => table.columns.find((c) => pattern.test(c.name));

/** The column a todo's id is kept in: the single-column primary key, else a column named id. */
export function idColumn(table: TableFacts): string | undefined {
  if (table.primaryKey.length === 1) return table.primaryKey[0];
  return columnNamed(table, /^_?id$/i)?.name;
}

export const TITLE_COLUMN = /^title$/i;
/** Where the users table keeps the e-mail the check registered with (simplejwt-style APIs keep it as the username too). */
const LOGIN_COLUMNS = [/^e_?mail(?:_?address)?$/i, /^user_?name$/i, /^login$/i];

export function loginColumns(table: TableFacts): string[] {
  return LOGIN_COLUMNS.map((pattern) => columnNamed(table, pattern)?.name).filter(
    (name): name is string => name !== undefined,
  );
}
