import { unlinkSync, type BigIntStats } from 'node:fs';
import { join } from 'node:path';
import { dayTotals } from '../coach/learner.js';
import { fileIdentity, readRegularFile, writeWhole } from './folder.js';
import { SCHEMA_VERSION, validateSaved, type SavedData } from './schema.js';

/**
 * A long log's summary, kept beside the progress file for the everyday reads and the saves: the
 * file's data with its log reduced to the coach's day totals (coach/learner.ts), under the
 * identity of the progress file it was made from (device, inode, size, and change and
 * modification times to the nanosecond). Two years of seventy entries a day are 50,000 entries
 * and megabytes of JSON to read, parse and validate on every `status`; their summary is a few
 * hundred totals. A save writes the summary of the file it wrote, with the log's place in it
 * (store.ts). Any other change to the progress file (an editor rewrites it) changes its identity,
 * and the next read makes the summary again. The summary is stored after a checksum of
 * itself and validated like the progress file, so a damaged one is never used; the progress file
 * is read then, as if there were none. A damaged progress file's summary says only that, and
 * only the prompt line takes its word (every other read reads the file to say where it is damaged).
 */
const FILE = 'progress.json.summary';
/** Smaller files are read whole: about 3,000 log entries as a save lays them out, where the summary starts to pay. */
export const SUMMARY_MIN_BYTES = 150_000;

/**
 * The file a summary was made from, and how: a program with another schema or another way of
 * summing reads the file again (a newer schema may read a file this one called damaged).
 */
const FORMAT = 2;
const identity = (stats: BigIntStats) => `${FORMAT}:${SCHEMA_VERSION}:${fileIdentity(stats)}`;

/** The summary's temporary files, which a command stopped mid-write leaves; the lock's holder clears old ones. */
export const SUMMARY_TEMPORARY = /^progress\.json\.summary\.\d+\.tmp$/;

/** Drops the summary, before a save (which writes the new file's own, when its log is long). */
export function forgetSummary(dir: string): void {
  try {
    // unlink, not rm: Node 20's rmSync loads its rimraf module for every call.
    unlinkSync(join(dir, FILE));
  } catch {
    // A summary left behind is one of another file: its identity no longer matches.
  }
}

/**
 * Where a file a save wrote keeps its log (layout.ts), and how many entries it holds: what lets
 * the next save copy the log's text instead of parsing it. A summary a read made has none.
 */
export interface LogPlace {
  entries: number;
  logAt: number;
}

/** What the summary knows of the progress file: its data as day totals, or that it is damaged. */
export type Summary = { data: SavedData; place?: LogPlace } | { damaged: true };

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/**
 * FNV-1a over 32-bit words: a checksum against damage (not an attacker), cheap without
 * node:crypto. The summary is kept after one, as compiled roadmaps (compiled.ts) were before they
 * were kept twice. Here, not there, so that every command reading the store does not load the
 * compiled roadmaps' module, which only a learner's own roadmap file needs.
 */
export function checksum(bytes: Buffer): string {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length >>> 2);
  let hash = 0x811c9dc5 | 0;
  // Eight words a turn: the loop runs once a command, cold, where each turn costs more than its
  // work. Over 57 KB it took 0.43 ms against 2.8 ms a word a turn (medians of 5 runs, Node 20.20).
  let i = 0;
  for (; i + 8 <= words.length; i += 8) {
    hash = Math.imul(hash ^ words[i]!, 16777619);
    hash = Math.imul(hash ^ words[i + 1]!, 16777619);
    hash = Math.imul(hash ^ words[i + 2]!, 16777619);
    hash = Math.imul(hash ^ words[i + 3]!, 16777619);
    hash = Math.imul(hash ^ words[i + 4]!, 16777619);
    hash = Math.imul(hash ^ words[i + 5]!, 16777619);
    hash = Math.imul(hash ^ words[i + 6]!, 16777619);
    hash = Math.imul(hash ^ words[i + 7]!, 16777619);
  }
  for (; i < words.length; i++) hash = Math.imul(hash ^ words[i]!, 16777619);
  for (i = words.length << 2; i < aligned.length; i++) hash = Math.imul(hash ^ aligned[i]!, 16777619);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The summary of the progress file whose stats are `stats`, when one was made from exactly that file. */
export function readSummary(dir: string, stats: BigIntStats): Summary | undefined {
  const bytes = readRegularFile(join(dir, FILE));
  if (!bytes) return undefined;
  try {
    const newline = bytes.indexOf(10);
    if (newline !== 8) return undefined;
    const body = bytes.subarray(newline + 1);
    if (checksum(body) !== bytes.subarray(0, newline).toString('latin1')) return undefined;
    const kept = JSON.parse(body.toString('utf8')) as {
      of?: unknown;
      data?: unknown;
      damaged?: unknown;
      place?: { entries?: unknown; logAt?: unknown };
    };
    if (kept.of !== identity(stats)) return undefined;
    if (kept.damaged === true) return { damaged: true };
    const checked = validateSaved(kept.data);
    if (!checked.success) return undefined;
    const { entries, logAt } = kept.place ?? {};
    return isCount(entries) && isCount(logAt)
      ? { data: checked.output, place: { entries, logAt } }
      : { data: checked.output };
  } catch {
    return undefined;
  }
}

/** Whether two stats are of the same file, unchanged: what a summary is keyed by. */
export const sameFile = (a: BigIntStats, b: BigIntStats): boolean => identity(a) === identity(b);

/**
 * Keeps the summary of `data`, read from the progress file whose stats are `stats`, or that the
 * file is damaged (the prompt line, which shows one line whatever is wrong, then need not read
 * it whole again); with the log's place when a save wrote the file. Failing costs speed only.
 */
export function writeSummary(dir: string, stats: BigIntStats, data: SavedData | 'damaged', place?: LogPlace): void {
  try {
    const of = identity(stats);
    const body = Buffer.from(
      JSON.stringify(
        data === 'damaged' ? { of, damaged: true } : { of, data: { ...data, log: dayTotals(data.log) }, place },
      ),
    );
    writeWhole(join(dir, FILE), [Buffer.from(`${checksum(body)}\n`), body]);
  } catch {
    // Reading the whole file next time is the only cost.
  }
}
