import { judged, listed, notJudged, type EvidenceStep } from '../step.js';
import type { DatabaseFacts, TableFacts } from './facts.js';
import { columnNamed, learnerTables, todoOwnerKey } from './tables.js';

const MAX_NAMES = 8;

function tableList(facts: DatabaseFacts): string {
  const names = facts.schema.tables.map((t) => t.name);
  if (names.length === 0) return 'no tables at all';
  return `tables: ${names.slice(0, MAX_NAMES).join(', ')}${names.length > MAX_NAMES ? ` and ${names.length - MAX_NAMES} more` : ''}`;
}

function tablesStep(facts: DatabaseFacts): EvidenceStep {
  const { todos, users } = learnerTables(facts.schema);
  const missing = [users ? '' : 'users', todos ? '' : 'todos'].filter(Boolean);
  const got =
    missing.length === 0 ? `${users!.name} and ${todos!.name}` : `no ${listed(missing)} table (${tableList(facts)})`;
  return judged(
    'a users table and a todos table',
    `the tables of ${facts.address}`,
    'a users table and a todos table (any of users/user/auth_user, todos/todo/app_todo)',
    missing.length === 0,
    got,
  );
}

/** The columns the stage requires to be NOT NULL: a todo's title and a user's e-mail. */
function requiredColumnsStep(facts: DatabaseFacts, todos: TableFacts, users: TableFacts): EvidenceStep {
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
  const got = problems.length === 0 ? `${listed(fine)} are NOT NULL` : `${listed(problems)}`;
  return judged(
    'a todo needs a title and a user an e-mail',
    `the columns of ${todos.name} and ${users.name}`,
    `${todos.name}.title and ${users.name}.email NOT NULL`,
    problems.length === 0,
    got,
  );
}

function foreignKeyStep(facts: DatabaseFacts, todos: TableFacts, users: TableFacts): EvidenceStep {
  const key = todoOwnerKey(facts.schema, todos, users);
  const got = key
    ? `${todos.name}.${key.columns.join(', ')} → ${users.name}.${key.referencedColumns.join(', ')}`
    : `no foreign key from ${todos.name} to ${users.name}${todos.columns.some((c) => /user/i.test(c.name)) ? ' (a user column without REFERENCES is only a number)' : ''}`;
  return judged(
    'todos point to users with a foreign key',
    `the constraints of ${todos.name}`,
    `a foreign key from ${todos.name} to ${users.name}`,
    key !== undefined,
    got,
  );
}

function indexStep(facts: DatabaseFacts, todos: TableFacts, users: TableFacts): EvidenceStep {
  const name = 'the foreign key column has an index';
  const looked = `the indexes of ${todos.name}`;
  const key = todoOwnerKey(facts.schema, todos, users);
  if (!key)
    return notJudged(name, looked, 'an index on the column that points to users', 'there is no foreign key to index');
  const column = key.columns[0]!;
  const expected = `an index whose first column is ${todos.name}.${column}`;
  const index = facts.schema.indexes.find((i) => i.table === todos.name && i.columns[0] === column);
  const got = index
    ? `${index.name} (${index.columns.join(', ')})`
    : `no index starts with ${column}: PostgreSQL does not index a foreign key by itself, so listing one user's todos reads the whole table`;
  return judged(name, looked, expected, index !== undefined, got);
}

/** Tables, required columns, the todos → users foreign key and its index, as the sql-postgres stage asks. */
export function judgeSchema(facts: DatabaseFacts): EvidenceStep[] {
  const first = tablesStep(facts);
  const { todos, users } = learnerTables(facts.schema);
  if (!todos || !users) {
    const why = 'the users and todos tables were not both found';
    return [
      first,
      notJudged(
        'a todo needs a title and a user an e-mail',
        'the columns of todos and users',
        'todos.title and users.email NOT NULL',
        why,
      ),
      notJudged(
        'todos point to users with a foreign key',
        'the constraints of todos',
        'a foreign key from todos to users',
        why,
      ),
      notJudged(
        'the foreign key column has an index',
        'the indexes of todos',
        'an index on the column that points to users',
        why,
      ),
    ];
  }
  return [
    first,
    requiredColumnsStep(facts, todos, users),
    foreignKeyStep(facts, todos, users),
    indexStep(facts, todos, users),
  ];
}
