import { z } from 'zod';

/** The version of the saved file this build writes. Raise it with a step in migrations.ts. */
export const SCHEMA_VERSION = 2;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date like 2026-01-31' });
const hours = z.number().positive();

const profile = z.object({
  /** A built-in id, or a file's absolute path with the hash of its content when the plan was made. */
  roadmap: z.object({ id: z.string(), file: z.string().optional(), hash: z.string().optional() }),
  track: z.string(),
  hoursPerWeek: hours,
  start: isoDate,
});

/** The dates the learner agreed to, kept until the next plan or replan. */
const baseline = z.object({
  madeOn: isoDate,
  start: isoDate,
  finish: isoDate.nullable(),
  hoursPerWeek: hours,
  stages: z.array(z.object({ id: z.string(), hours: z.number().nonnegative(), start: isoDate, end: isoDate })),
});

export const savedDataSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  profile,
  baseline,
  /** The finish date of the first plan, which replans never move. */
  originalFinish: isoDate.nullable(),
  progress: z.record(z.string(), z.object({ status: z.enum(['done', 'skipped']), date: isoDate })),
  notes: z.record(z.string(), z.array(z.object({ date: isoDate, text: z.string() }))),
  log: z.array(z.object({ date: isoDate, hours, stage: z.string().optional() })),
});

export type SavedData = z.infer<typeof savedDataSchema>;
export type Profile = SavedData['profile'];
export type Baseline = SavedData['baseline'];
