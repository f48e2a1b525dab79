import { FailureError } from '../errors.js';
import { describeProblem, formatPath, toProblems } from '../validation/issues.js';
import { lineAndColumn, offsetOf, walkJson } from '../validation/json-scan.js';
import { upgrade } from './migrations.js';
import { SCHEMA_VERSION, validateSaved, type SavedData } from './schema.js';

const REPAIR_HINT = 'Fix the file by hand, or run `backend-path reset --yes` to move it aside and start again.';

/** How many problems of a damaged file are named; the rest wait until these are fixed. */
const PROBLEMS_SHOWN = 5;

/** A progress file that cannot be read as one: what a later reading of the same bytes would find again. */
export class DamagedError extends FailureError {}

/** The progress file is damaged: one line per problem found, each with file:line:col where it can be told. */
export function damaged(file: string, problems: string[]): FailureError {
  return new DamagedError(
    `${file} is damaged, so it was left untouched:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    REPAIR_HINT,
  );
}

/**
 * The progress file's text as data: parsed once, checked for repeated keys, upgraded and
 * validated once. A damaged file throws with every fault located (file:line:col), unless
 * `locate` is false: the prompt line shows one line whatever is wrong, so it skips the search.
 */
export function parseSaved(source: string, file: string, locate = true): SavedData {
  const at = (offset: number) => {
    const { line, col } = lineAndColumn(source, offset);
    return `${file}:${line}:${col} `;
  };
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch {
    if (source.startsWith('\ufeff'))
      throw damaged(file, [
        `${at(0)}it starts with a byte-order mark, an invisible character some editors add, which JSON does not allow; save it as UTF-8 without a BOM`,
      ]);
    const fault = locate ? walkJson(source) : undefined;
    throw damaged(file, [fault ? `${at(fault.offset)}it is not valid JSON: ${fault.message}` : 'it is not valid JSON']);
  }
  if (hasRepeatedKeys(source, raw)) {
    const fault = walkJson(source, {}, true);
    if (fault?.path) {
      const where = fault.path.length > 0 ? ` in ${formatPath(fault.path)}` : '';
      throw damaged(file, [
        `${locate ? at(fault.offset) : ''}the key ${fault.message} appears twice${where}; only the last would count, so delete the one that is wrong`,
      ]);
    }
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const what = Array.isArray(raw) ? 'a list' : raw === null ? 'null' : `a ${typeof raw}`;
    throw damaged(file, [`it holds ${what}, not a backend-path progress object`]);
  }
  const version = (raw as Record<string, unknown>).schemaVersion;
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    throw new FailureError(
      `${file} was written by a newer backend-path (data version ${version}; this one understands up to ${SCHEMA_VERSION}), so it was left untouched.`,
      'Update backend-path to the version that wrote it (in your clone: `git pull`, then `npm install`), then run the command again.',
    );
  }
  const result = validateSaved(upgrade(raw as Record<string, unknown>));
  if (result.success) return result.output;
  const problems = toProblems(result.issues).slice(0, PROBLEMS_SHOWN);
  if (!locate) throw damaged(file, problems.map(describeProblem));
  throw damaged(
    file,
    problems
      .map((problem) => ({ problem, offset: offsetOf(source, problem.path, problem.key) }))
      .sort((a, b) => a.offset - b.offset)
      .map(({ problem, offset }) => `${at(offset)}${describeProblem(problem)}`),
  );
}

/**
 * Whether the text may hold a key twice in one object, which JSON.parse allows and resolves by
 * keeping the last. Told cheaply, for every read: each key in the text is followed by a colon, so
 * the colons in the text, less those inside strings and keys, count its keys; fewer keys in the
 * parsed data means some were dropped. A colon written as \u003a hides from the count, so text
 * holding one is walked in full instead. Only a yes is confirmed by that walk.
 */
function hasRepeatedKeys(source: string, raw: unknown): boolean {
  if (/\\u003a/i.test(source)) return true;
  let keys = 0;
  let colons = 0;
  // A stack of the lists and objects still to visit, not recursion: a hand-made file may nest
  // lists a million deep, which JSON.parse takes. Written for a cold start, since it runs once
  // per read over every log entry: no arrays of keys, and nothing but lists and objects stacked.
  const stack: object[] = [];
  const visit = (value: unknown) => {
    if (typeof value === 'string') colons += colonsIn(value);
    else if (value !== null && typeof value === 'object') stack.push(value);
  };
  visit(raw);
  while (stack.length > 0) {
    const value = stack.pop()!;
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) visit(value[i]);
    else
      for (const key in value) {
        keys += 1;
        colons += colonsIn(key);
        visit((value as Record<string, unknown>)[key]);
      }
  }
  return colonsIn(source) - colons !== keys;
}

function colonsIn(text: string): number {
  if (!text.includes(':')) return 0;
  let count = 0;
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) count += 1;
  return count;
}
