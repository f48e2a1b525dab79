import { judged, notJudged, type EvidenceStep, type StepFrame } from '../step.js';
import type { DatabaseFacts, DatabaseProbe } from './facts.js';
import { recogniseHash, SLOW_HASH_NAMES } from './hashes.js';
import { learnerTables } from './tables.js';

/** Column names a password (or its hash) is kept under by hand-written schemas and the track's frameworks. */
const PASSWORD_COLUMN = /pass|pwd|hash|digest|secret/i;
/** "an argon2 hash", "an MD5 digest", "a bcrypt hash", "a SHA-256 digest": as the names are spoken. */
const withArticle = (name: string) => `${/^(?:[aeiou]|MD)/i.test(name) ? 'an' : 'a'} ${name}`;

export function judgeTodoStored(facts: DatabaseFacts, probe: DatabaseProbe): EvidenceStep {
  const todos = learnerTables(facts.schema).todos;
  const frame: StepFrame = {
    kind: 'database',
    name: 'the todo created through your API is in the database',
    sent: `the ${todos?.name ?? 'todos'} table of ${facts.address}`,
    expected: probe.todo
      ? `a row with id ${probe.todo.id} and title ${JSON.stringify(probe.todo.title)}`
      : 'the todo the check created',
  };
  if (!probe.todo) return notJudged(frame, 'no todo was created through your API');
  if (!todos || !facts.todo) return notJudged(frame, 'there is no todos table');
  const { row, idsWithTitle } = facts.todo;
  if (row) {
    const title = Object.entries(row).find(([key]) => /^title$/i.test(key))?.[1];
    const ok = title === probe.todo.title;
    return judged(
      frame,
      ok,
      ok
        ? `found: id ${probe.todo.id}, title ${JSON.stringify(title)}`
        : `id ${probe.todo.id} holds the title ${JSON.stringify(title)}`,
      'Does your API answer with the id the database gave the row?',
    );
  }
  if (idsWithTitle.length > 0) {
    return judged(
      frame,
      false,
      `no row with id ${probe.todo.id}, but the title is in the row with id ${idsWithTitle.join(', ')}`,
      'Your API answers with an id that is not the database’s: return the id the INSERT gave back.',
    );
  }
  return judged(
    frame,
    false,
    `no such row in ${todos.name}`,
    'The API answered 201 but the todo is not here: is it still keeping todos in memory, using another database than --db, or is the API at the address above another project (a check reuses an earlier check’s address unless you pass --url)?',
  );
}

/** The verdict on one users row: where the password is kept, and how. */
function passwordVerdict(row: Record<string, unknown>, password: string): { ok: boolean; got: string; why?: string } {
  const text = Object.entries(row).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  const plain = text.find(([, value]) => value === password);
  if (plain)
    return {
      ok: false,
      got: `${plain[0]} holds the password itself, in plain text`,
      why: `Anyone who reads the database or a backup can log in as every user: store a ${SLOW_HASH_NAMES} hash instead.`,
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
        got: `${column} holds what looks like ${withArticle(verdict.algorithm)} digest`,
        why: `A fast hash is fast to guess: use ${SLOW_HASH_NAMES}.`,
      };
  }
  if (candidates.length === 0)
    return {
      ok: false,
      got: `no column named like a password among ${Object.keys(row).join(', ')}`,
      why: 'Keep the hash in a column named password, password_hash or hashed_password.',
    };
  return {
    ok: false,
    got: `${candidates.map(([column]) => column).join(', ')} holds no recognisable ${SLOW_HASH_NAMES} hash`,
    why: 'Store the whole string your hashing library returns: it names its algorithm, its cost and its salt.',
  };
}

export function judgePasswordHashed(facts: DatabaseFacts, probe: DatabaseProbe): EvidenceStep {
  const users = learnerTables(facts.schema).users;
  const frame: StepFrame = {
    kind: 'database',
    name: 'passwords are stored as a slow hash, never as typed',
    sent: probe.user
      ? `the ${users?.name ?? 'users'} row for ${probe.user.login}`
      : `the ${users?.name ?? 'users'} table of ${facts.address}`,
    expected: `a ${SLOW_HASH_NAMES} hash in the password column, and the password itself nowhere`,
  };
  if (!probe.user) return notJudged(frame, 'no user was registered through your API');
  if (!users || !facts.user) return notJudged(frame, 'there is no users table');
  if (!facts.user.row)
    return judged(
      frame,
      false,
      `no row in ${users.name} holds ${probe.user.login}`,
      'The API registered the user somewhere else: is --db the database your API uses?',
    );
  const { ok, got, why } = passwordVerdict(facts.user.row, probe.user.password);
  return judged(frame, ok, got, why);
}
