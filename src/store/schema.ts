// The store is validated on every command, so its schema uses valibot, whose functions bundle
// on their own (a few KB); zod, used for roadmap files, costs ~30 ms to load and is only
// imported when a roadmap file is read.
import * as v from 'valibot';

/** The version of the saved file this build writes. Raise it with a step in migrations.ts. */
export const SCHEMA_VERSION = 2;

const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'should be a date like 2026-01-31'));
const hours = v.pipe(v.number(), v.gtValue(0, 'should be a positive number'));

const profile = v.object({
  /** A built-in id, or a file's absolute path with the hash of its content when the plan was made. */
  roadmap: v.object({ id: v.string(), file: v.optional(v.string()), hash: v.optional(v.string()) }),
  track: v.string(),
  hoursPerWeek: hours,
  start: isoDate,
});

/** The dates the learner agreed to, kept until the next plan or replan. */
const baseline = v.object({
  madeOn: isoDate,
  start: isoDate,
  finish: v.nullable(isoDate),
  hoursPerWeek: hours,
  stages: v.array(v.object({ id: v.string(), hours: v.pipe(v.number(), v.minValue(0)), start: isoDate, end: isoDate })),
});

export const savedDataSchema = v.object({
  schemaVersion: v.literal(SCHEMA_VERSION),
  profile,
  baseline,
  /** The finish date of the first plan, which replans never move. */
  originalFinish: v.nullable(isoDate),
  progress: v.record(v.string(), v.object({ status: v.picklist(['done', 'skipped']), date: isoDate })),
  notes: v.record(v.string(), v.array(v.object({ date: isoDate, text: v.string() }))),
  log: v.array(v.object({ date: isoDate, hours, stage: v.optional(v.string()) })),
});

export type SavedData = v.InferOutput<typeof savedDataSchema>;
export type Profile = SavedData['profile'];

/** The first problem in saved data, as "field.path what is wrong", or undefined when it is valid. */
export function firstProblem(data: unknown): string | undefined {
  const result = v.safeParse(savedDataSchema, data);
  if (result.success) return undefined;
  const issue = result.issues[0];
  const path = issue.path?.map((item) => String(item.key)).join('.') || 'the top level';
  if (issue.input === undefined) return `${path} is missing`;
  const wanted = issue.kind === 'schema' ? `should be ${issue.expected}` : issue.message;
  return `${path} is wrong (${wanted}, found ${issue.received})`;
}
