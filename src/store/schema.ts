// The store is read by every command, so its schema uses valibot, whose functions bundle on
// their own (a few KB). Numbers and dates are checked as strictly as the flags that write them,
// so a hand-edited or damaged value is named before any command computes with it.
import * as v from 'valibot';
import { LAST_YEAR, parseIsoDate } from '../plan/dates.js';
import { MAX_DAY_HOURS, MAX_NOTE_LENGTH, MAX_URL_LENGTH, MAX_WEEKLY_HOURS, MIN_WEEKLY_HOURS } from '../coach/rules.js';
import type { LearnerRecord } from '../coach/types.js';
import { fastList, isPlainObject, keyed } from '../validation/keyed.js';

/** The version of the saved file this build writes. Raise it with a step in migrations.ts. */
export const SCHEMA_VERSION = 4;

export const MAX_ENTRIES = 100_000;
const STAGE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LOG_KEYS = new Set(['date', 'hours', 'stage']);

/** Dates already found real: a log repeats the same few hundred days thousands of times. */
const realDates = new Set<string>();
const isRealDate = (text: unknown): boolean =>
  typeof text === 'string' && (realDates.has(text) || (parseIsoDate(text) !== undefined && !!realDates.add(text)));

/** Whether every key of a parsed entry is one of `keys` (a loop, not every(): it runs cold for each entry). */
function onlyKeys(entry: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
  for (const key in entry) if (!keys.has(key)) return false;
  return true;
}

const isStageId = (value: unknown): boolean => typeof value === 'string' && value.length <= 64 && STAGE_ID.test(value);

/**
 * A log entry the schema below would accept, checked without valibot: the quick path for the
 * thousands of entries of a long log. Anything it does not accept gets the schema's messages.
 */
export const isGoodLogEntry = (entry: unknown): boolean =>
  isPlainObject(entry) &&
  onlyKeys(entry, LOG_KEYS) &&
  isRealDate(entry.date) &&
  typeof entry.hours === 'number' &&
  entry.hours >= 0.01 &&
  entry.hours <= MAX_DAY_HOURS &&
  (entry.stage === undefined || isStageId(entry.stage));

const PLANNED_KEYS = new Set(['id', 'hours', 'start', 'end']);

/**
 * A stage of the agreed plan the schema below would accept, checked without valibot, as log
 * entries are: a plan of a 10,000-stage roadmap holds 10,000 of them, which every command reads.
 */
export const isGoodPlannedStage = (stage: unknown): boolean =>
  isPlainObject(stage) &&
  onlyKeys(stage, PLANNED_KEYS) &&
  isStageId(stage.id) &&
  typeof stage.hours === 'number' &&
  stage.hours >= 0 &&
  stage.hours <= 1000 &&
  isRealDate(stage.start) &&
  isRealDate(stage.end);

/**
 * The values the progress file is made of, checked as strictly as the flags that write them.
 * Built once a run: the schema below asks for them three times, and valibot schemas are plain
 * data that any number of places may share (built three times, `status` allocated about 20 KB
 * more in V8's young generation: its heap spaces at exit, Node 20.20).
 */
let made: ReturnType<typeof makeValues> | undefined;
const values = () => (made ??= makeValues());

function makeValues() {
  const isoDate = v.pipe(
    v.string('should be a date like 2026-01-31'),
    v.check(
      (text) => parseIsoDate(text) !== undefined,
      `should be a real date like 2026-01-31, in the years 1970 to ${LAST_YEAR}`,
    ),
  );
  const localTime = v.pipe(
    v.string('should be a date and time like 2026-01-31T18:30:00'),
    v.check(
      (text) =>
        /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(text) &&
        parseIsoDate(text.slice(0, 10)) !== undefined,
      'should be a date and time like 2026-01-31T18:30:00',
    ),
  );
  const id = v.pipe(
    v.string('should be a stage id'),
    v.regex(STAGE_ID, 'should be a stage id'),
    v.maxLength(64, 'should be a stage id'),
  );
  const range = (min: number, max: number, what: string) =>
    v.pipe(
      v.number(`should be ${what}`),
      v.check((n) => Number.isFinite(n) && n >= min && n <= max, `should be ${what}`),
    );
  const weeklyHours = range(
    MIN_WEEKLY_HOURS,
    MAX_WEEKLY_HOURS,
    `a number of hours a week from ${MIN_WEEKLY_HOURS} to ${MAX_WEEKLY_HOURS}`,
  );
  const stageHours = range(0, 1000, 'a number of hours from 0 to 1,000');
  const dayHours = range(0.01, MAX_DAY_HOURS, `a number of hours from 0.01 to ${MAX_DAY_HOURS}`);
  const text = (max: number) =>
    v.pipe(v.string('should be text'), v.maxLength(max, `should be at most ${max} characters`));
  const httpUrl = v.pipe(
    text(MAX_URL_LENGTH),
    v.check((value) => {
      try {
        return /^https?:$/.test(new URL(value).protocol) && !/\s/.test(value);
      } catch {
        return false;
      }
    }, 'should be an http(s) URL'),
  );

  /** Progress, notes, links and checks are kept by stage id; see keyed() for why not `record`. */
  const byStage = <T extends v.GenericSchema>(value: T) =>
    keyed({ test: (key) => v.is(id, key), message: 'should be a stage id' }, value, 'should be a map from stage ids');
  const list = <T extends v.GenericSchema>(item: T) =>
    v.pipe(v.array(item, 'should be a list'), v.maxLength(MAX_ENTRIES, `should hold at most ${MAX_ENTRIES} entries`));
  return { isoDate, localTime, id, range, weeklyHours, stageHours, dayHours, text, httpUrl, byStage, list };
}

/** One entry of the study log, as valibot checks it (and names what is wrong with it). */
export function logEntrySchema() {
  const { isoDate, dayHours, id } = values();
  return v.strictObject({ date: isoDate, hours: dayHours, stage: v.optional(id) });
}

/** One stage of the agreed plan: the hours the plan gave it and its window. */
export function plannedStageSchema() {
  const { isoDate, id, stageHours } = values();
  return v.strictObject({ id, hours: stageHours, start: isoDate, end: isoDate });
}

/** The agreed plan's parts of the file: the profile, the plan itself and the weekly targets. */
function planSchemas() {
  const { isoDate, id, range, weeklyHours, text, list } = values();
  // A weekly target of 0 is a pause: the weeks before a plan that starts later.
  const pace = range(0, MAX_WEEKLY_HOURS, `a number of hours a week from 0 to ${MAX_WEEKLY_HOURS}`);
  const profile = v.strictObject({
    /** A built-in id, or a file's absolute path with the hash of its content when the plan was made. */
    roadmap: v.strictObject({
      id,
      file: v.optional(text(4096)),
      hash: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'should be a sha256 hash'))),
    }),
    track: id,
    hoursPerWeek: weeklyHours,
    /** The first day of the learner's plan; replans keep it. */
    start: isoDate,
  });

  /** The plan the learner agreed to: saved by `plan` and `replan`, and shown by everything else. */
  const baseline = v.strictObject({
    madeOn: isoDate,
    start: isoDate,
    finish: v.nullable(isoDate),
    hoursPerWeek: weeklyHours,
    /** Study hours per estimated hour: 1, or the learner's own speed after `replan --own-speed`. */
    speed: range(0.1, 10, 'a speed from 0.1 to 10 study hours per estimated hour'),
    /** The stages scheduled, in order, with the hours the plan gave each and their windows. */
    stages: fastList(plannedStageSchema(), isGoodPlannedStage, 'should be a list', MAX_ENTRIES),
  });
  const paces = v.pipe(
    list(v.strictObject({ from: isoDate, hoursPerWeek: pace })),
    v.minLength(1, 'should list at least one weekly target'),
  );
  return { profile, baseline, paces };
}

/**
 * The progress file's schema, built on first use: every command validates the file, but
 * building the schema is work a command like `--help` should not pay for.
 */
function buildSchema() {
  const { isoDate, localTime, id, range, text, httpUrl, byStage, list } = values();
  const { profile, baseline, paces } = planSchemas();
  return v.strictObject(
    {
      schemaVersion: v.literal(SCHEMA_VERSION, `should be ${SCHEMA_VERSION}`),
      /** Raised by every save; calendar exports use it as the events' SEQUENCE. */
      revision: v.pipe(
        v.number('should be a whole number'),
        v.integer('should be a whole number'),
        v.minValue(0, 'should be a whole number'),
      ),
      profile,
      baseline,
      /** Every weekly target agreed to and the day it took effect, oldest first. */
      paces,
      /** The finish date of the first plan, which replans never move. */
      originalFinish: v.nullable(isoDate),
      progress: byStage(
        v.strictObject({ status: v.picklist(['done', 'skipped'], 'should be done or skipped'), date: isoDate }),
      ),
      notes: byStage(list(v.strictObject({ date: isoDate, text: text(MAX_NOTE_LENGTH) }))),
      log: fastList(logEntrySchema(), isGoodLogEntry, 'should be a list', MAX_ENTRIES),
      links: byStage(list(httpUrl)),
      checks: byStage(
        v.strictObject({
          date: isoDate,
          url: text(MAX_URL_LENGTH),
          passed: range(0, 1000, 'a count'),
          total: range(1, 1000, 'a count'),
          lastPass: v.optional(
            v.strictObject({ date: isoDate, url: text(MAX_URL_LENGTH), total: range(1, 1000, 'a count') }),
          ),
          kinds: v.optional(
            v.pipe(v.array(v.picklist(['database', 'repository', 'openapi', 'container'])), v.maxLength(4)),
          ),
        }),
      ),
      checkUrl: v.optional(text(MAX_URL_LENGTH)),
      checkDatabase: v.optional(text(MAX_URL_LENGTH)),
      session: v.nullable(
        v.strictObject({
          stage: id,
          start: localTime,
          startedAt: range(0, 32_503_680_000_000, 'a moment in milliseconds since 1970'),
        }),
      ),
    },
    'should be a backend-path progress file (a JSON object)',
  );
}

let schema: ReturnType<typeof buildSchema> | undefined;

/** The progress file: the learner's record, with the file's version and revision. */
export interface SavedData extends LearnerRecord {
  schemaVersion: typeof SCHEMA_VERSION;
  revision: number;
}

// The schema must produce exactly the record the coach reads: a field added to one and not the
// other fails the type check here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesRecord: Same<v.InferOutput<ReturnType<typeof buildSchema>>, SavedData> = true;
void schemaMatchesRecord;

export function validateSaved(data: unknown) {
  schema ??= buildSchema();
  return v.safeParse(schema, data, { abortPipeEarly: true });
}
