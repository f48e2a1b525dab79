import { judged, notJudged, type EvidenceStep } from '../step.js';
import type { DatabaseFacts, DatabaseProbe } from './facts.js';
import { recogniseHash, SLOW_HASH_NAMES } from './hashes.js';
import { learnerTables } from './tables.js';

const TODO_STEP = 'the todo created through your API is in the database';
const PASSWORD_STEP = 'passwords are stored as a slow hash, never as typed';
const PASSWORD_EXPECTED = `a ${SLOW_HASH_NAMES} hash in the password column, and the password itself nowhere`;
/** Column names a password (or its hash) is kept under by hand-written schemas and the track's frameworks. */
const PASSWORD_COLUMN = /pass|pwd|hash|digest|secret/i;
/** "an argon2 hash", "an MD5 digest", "a bcrypt hash", "a SHA-256 digest": as the names are spoken. */
const withArticle = (name: string) => `${/^(?:[aeiou]|MD)/i.test(name) ? 'an' : 'a'} ${name}`;

export function judgeTodoStored(facts: DatabaseFacts, probe: DatabaseProbe): EvidenceStep {
  const todos = learnerTables(facts.schema).todos;
  const looked = `the ${todos?.name ?? 'todos'} table of ${facts.address}`;
  if (!probe.todo)
    return notJudged(TODO_STEP, looked, 'the todo the check created', 'no todo was created through your API');
  const expected = `a row with id ${probe.todo.id} and title ${JSON.stringify(probe.todo.title)}`;
  if (!todos || !facts.todo) return notJudged(TODO_STEP, looked, expected, 'there is no todos table');
  const { row, idsWithTitle } = facts.todo;
  if (row) {
    const title = Object.entries(row).find(([key]) => /^title$/i.test(key))?.[1];
    const ok = title === probe.todo.title;
    return judged(
      TODO_STEP,
      looked,
      expected,
      ok,
      ok
        ? `found: id ${probe.todo.id}, title ${JSON.stringify(title)}`
        : `id ${probe.todo.id} holds the title ${JSON.stringify(title)}`,
    );
  }
  const got =
    idsWithTitle.length > 0
      ? `no row with id ${probe.todo.id}, but the title is in the row with id ${idsWithTitle.join(', ')}: your API answers with an id that is not the database's`
      : `no such row: the API answered 201 but the todo is not in ${todos.name} (is the API still keeping todos in memory, or using another database?)`;
  return judged(TODO_STEP, looked, expected, false, got);
}

/** The verdict on one users row: where the password is kept, and how. */
function passwordVerdict(row: Record<string, unknown>, password: string): { ok: boolean; got: string } {
  const text = Object.entries(row).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  const plain = text.find(([, value]) => value === password);
  if (plain)
    return {
      ok: false,
      got: `${plain[0]} holds the password itself, in plain text: anyone who reads the database or a backup can log in as every user`,
    };
  for (const [column, value] of text) {
    const verdict = recogniseHash(value);
    if (verdict.kind === 'slow') return { ok: true, got: `${column} holds ${withArticle(verdict.algorithm)} hash` };
  }
  const candidates = text.filter(([column]) => PASSWORD_COLUMN.test(column));
  for (const [column, value] of candidates) {
    const verdict = recogniseHash(value);
    if (verdict.kind === 'fast')
      return {
        ok: false,
        got: `${column} holds what looks like ${withArticle(verdict.algorithm)} digest: fast to compute, so fast to guess; use ${SLOW_HASH_NAMES}`,
      };
  }
  if (candidates.length === 0)
    return {
      ok: false,
      got: `no column named like a password (password, password_hash, hashed_password…) among ${Object.keys(row).join(', ')}`,
    };
  return {
    ok: false,
    got: `${candidates.map(([column]) => column).join(', ')} holds no recognisable ${SLOW_HASH_NAMES} hash; store the string your hashing library returns, which names its algorithm`,
  };
}

export function judgePasswordHashed(facts: DatabaseFacts, probe: DatabaseProbe): EvidenceStep {
  const users = learnerTables(facts.schema).users;
  const looked = probe.user
    ? `the ${users?.name ?? 'users'} row for ${probe.user.login}`
    : `the ${users?.name ?? 'users'} table of ${facts.address}`;
  if (!probe.user)
    return notJudged(PASSWORD_STEP, looked, PASSWORD_EXPECTED, 'no user was registered through your API');
  if (!users || !facts.user) return notJudged(PASSWORD_STEP, looked, PASSWORD_EXPECTED, 'there is no users table');
  if (!facts.user.row) {
    return judged(
      PASSWORD_STEP,
      looked,
      PASSWORD_EXPECTED,
      false,
      `no row in ${users.name} holds ${probe.user.login}: the API registered the user somewhere else`,
    );
  }
  const { ok, got } = passwordVerdict(facts.user.row, probe.user.password);
  return judged(PASSWORD_STEP, looked, PASSWORD_EXPECTED, ok, got);
}
