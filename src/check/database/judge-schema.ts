import { judged, listed, notJudged, type EvidenceStep, type StepFrame } from '../step.js';
import type { DatabaseFacts, TableFacts } from './facts.js';
import { columnNamed, learnerTables, todoOwnerKey } from './tables.js';

const MAX_NAMES = 8;

const frame = (name: string, sent: string, expected: string): StepFrame => ({ kind: 'database', name, sent, expected });

/** The four schema steps, framed by the tables found (or the names the stage uses when they were not). */
function frames(facts: DatabaseFacts, todos = 'todos', users = 'users') {
  return {
    tables: frame(
      'a users table and a todos table',
      `the tables of ${facts.address}`,
      'a users table and a todos table (users, user or auth_user; todos, todo or app_todo)',
    ),
    required: frame(
      'a todo needs a title and a user an e-mail',
      `the columns of ${todos} and ${users}`,
      `${todos}.title and ${users}.email NOT NULL`,
    ),
    key: frame(
      'todos point to users with a foreign key',
      `the constraints of ${todos}`,
      `a foreign key from ${todos} to ${users}`,
    ),
    index: frame(
      'the foreign key column has an index',
      `the indexes of ${todos}`,
      `an index on the ${todos} column that points to ${users}`,
    ),
  };
}

function tableList(facts: DatabaseFacts): string {
  const names = facts.schema.tables.map((t) => t.name);
  if (names.length === 0) return 'no tables at all';
  return `tables: ${names.slice(0, MAX_NAMES).join(', ')}${names.length > MAX_NAMES ? ` and ${names.length - MAX_NAMES} more` : ''}`;
}

/** The columns the stage requires to be NOT NULL: a todo's title and a user's e-mail. */
function requiredColumns(todos: TableFacts, users: TableFacts): { fine: string[]; problems: string[] } {
  const wanted: [TableFacts, RegExp, string][] = [
    [todos, /^title$/i, 'title'],
    [users, /^e_?mail$/i, 'email'],
  ];
  const problems: string[] = [];
  const fine: string[] = [];
  for (const [table, pattern, label] of wanted) {
    const column = columnNamed(table, pattern);
    if (!column) problems.push(`${table.name} has no ${label} column`);
    else if (column.nullable) problems.push(`${table.name}.${column.name} allows NULL`);
    else fine.push(`${table.name}.${column.name}`);
  }
  return { fine, problems };
}

function keyAndIndex(
  facts: DatabaseFacts,
  todos: TableFacts,
  users: TableFacts,
  f: ReturnType<typeof frames>,
): EvidenceStep[] {
  const key = todoOwnerKey(facts.schema, todos, users);
  if (!key) {
    const userColumn = todos.columns.find((c) => /user|owner/i.test(c.name));
    const why = userColumn
      ? `${todos.name}.${userColumn.name} without REFERENCES is only a number: add a foreign key so the database refuses todos of users that do not exist.`
      : `Add a column that REFERENCES ${users.name}(id).`;
    return [
      judged(f.key, false, `no foreign key from ${todos.name} to ${users.name}`, why),
      notJudged(f.index, 'there is no foreign key to index'),
    ];
  }
  const column = key.columns[0]!;
  const index = facts.schema.indexes.find((i) => i.table === todos.name && i.columns[0] === column);
  return [
    judged(f.key, true, `${todos.name}.${key.columns.join(', ')} → ${users.name}.${key.referencedColumns.join(', ')}`),
    judged(
      f.index,
      index !== undefined,
      index ? `${index.name} (${index.columns.join(', ')})` : `no index starts with ${column}`,
      `PostgreSQL does not index a foreign key by itself, so listing one user's todos reads the whole table: CREATE INDEX ON ${todos.name} (${column}).`,
    ),
  ];
}

/** Tables, required columns, the todos → users foreign key and its index, as the sql-postgres stage asks. */
export function judgeSchema(facts: DatabaseFacts): EvidenceStep[] {
  const { todos, users } = learnerTables(facts.schema);
  if (!todos || !users) {
    const f = frames(facts);
    const missing = [users ? '' : 'users', todos ? '' : 'todos'].filter(Boolean);
    const why = 'the users and todos tables were not both found';
    return [
      judged(
        f.tables,
        false,
        `no ${listed(missing)} table (${tableList(facts)})`,
        'Is --db the database your API uses (its DATABASE_URL)?',
      ),
      notJudged(f.required, why),
      notJudged(f.key, why),
      notJudged(f.index, why),
    ];
  }
  const f = frames(facts, todos.name, users.name);
  const { fine, problems } = requiredColumns(todos, users);
  return [
    judged(f.tables, true, `${users.name} and ${todos.name}`),
    judged(
      f.required,
      problems.length === 0,
      problems.length === 0 ? `${listed(fine)} are NOT NULL` : listed(problems),
      'A todo without a title or a user without an e-mail is a bug the database can refuse for you: add NOT NULL.',
    ),
    ...keyAndIndex(facts, todos, users, f),
  ];
}
