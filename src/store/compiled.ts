import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { toRoadmap } from '../roadmap/convert.js';
import type { RawRoadmap } from '../roadmap/schema.js';
import type { Roadmap, Stage, StageTrack, Track } from '../roadmap/types.js';
import { makeFolder, readRegularFile, writeWhole } from './folder.js';
import { checksum } from './summary.js';

declare const __VERSION__: string;

/**
 * A learner's own roadmap file as the program compiled it: its converted form, kept beside the
 * progress file with a copy of the file's bytes, under the sha256 the plan recorded. A later
 * command whose file still holds exactly those bytes (compared byte for byte, which costs less
 * than hashing them) reads this JSON as it reads a built-in roadmap, instead of parsing and
 * validating YAML again: for a 10,000-stage file that parse is most of a second. The JSON is
 * stored twice, so a damaged copy is never used (see soundJson); the YAML is parsed then.
 */
const FOLDER = 'compiled-roadmaps';
/** The only files this module ever removes: its own, named by a sha256. */
const OWN = /^[0-9a-f]{64}\.(json|yaml)$/;
const NEWLINE = Buffer.from('\n');

/** Removes a file another command may have removed first (keeping forms takes no lock). */
function unlinkIfThere(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * The JSON of a compiled form, if it is sound. The form is the JSON twice, a line apart, and sound
 * when both copies match byte for byte: damage to either is found by a native comparison, where a
 * checksum in JavaScript, run cold once a command, cost 3 M instructions for a 57 KB roadmap
 * (callgrind), about a third of what reading a learner's own roadmap cost beyond a built-in one.
 * The JSON is ASCII, so it is read as latin1, without UTF-8 decoding (1.3 M more). Forms written
 * before this one (a checksum, a line, the JSON) are still read.
 */
function soundJson(compiled: Buffer): string | undefined {
  const half = (compiled.length - 1) / 2;
  if (Number.isInteger(half) && compiled[half] === 10 && compiled.subarray(0, half).equals(compiled.subarray(half + 1)))
    return compiled.toString('latin1', 0, half);
  const newline = compiled.indexOf(10);
  if (newline !== 8) return undefined;
  const body = compiled.subarray(newline + 1);
  return checksum(body) === compiled.toString('latin1', 0, newline) ? body.toString('utf8') : undefined;
}

/**
 * The form written now: `[2, version, roadmap]`, the program's Roadmap already converted, as the
 * built-in ones are bundled, each Map as its entries. Reading it skips converting a raw roadmap.
 * The Roadmap's shape is this build's, so a form kept by another version of the program is not
 * used (the YAML is parsed until a write keeps it again). Forms written before held the raw
 * roadmap, an object: they are still read, through this build's toRoadmap.
 */
const FORM = 2;

type KeptStage = Omit<Stage, 'hours' | 'tracks'> & { hours: [string, number][]; tracks: [string, StageTrack][] };
type KeptRoadmap = Omit<Roadmap, 'tracks' | 'stages'> & { tracks: [string, Track][]; stages: KeptStage[] };

function toKept(roadmap: Roadmap): KeptRoadmap {
  return {
    ...roadmap,
    tracks: [...roadmap.tracks],
    stages: roadmap.stages.map((stage) => ({ ...stage, hours: [...stage.hours], tracks: [...stage.tracks] })),
  };
}

/** The Roadmap back from its kept form, its Maps made again in place. */
function fromKept(kept: KeptRoadmap): Roadmap {
  for (const stage of kept.stages) {
    const made = stage as unknown as Stage;
    made.hours = new Map(stage.hours);
    made.tracks = new Map(stage.tracks);
  }
  const made = kept as unknown as Roadmap;
  made.tracks = new Map(kept.tracks);
  return made;
}

/**
 * The compiled roadmap of the file the plan recorded as `hash`, if the file still holds `source`;
 * else undefined. A plan being made takes only this build's form (`earlier: false`), so the form
 * it keeps is always the current one.
 */
export function readCompiled(
  storeDir: string,
  hash: string,
  source: Buffer,
  { earlier = true } = {},
): Roadmap | undefined {
  const folder = join(storeDir, FOLDER);
  const kept = readRegularFile(join(folder, `${hash}.yaml`));
  if (!kept || !kept.equals(source)) return undefined;
  const compiled = readRegularFile(join(folder, `${hash}.json`));
  const json = compiled && soundJson(compiled);
  if (json === undefined) return undefined;
  try {
    const form = JSON.parse(json) as [number, string, KeptRoadmap] | RawRoadmap;
    if (!Array.isArray(form)) return earlier ? toRoadmap(form) : undefined;
    return form[0] === FORM && form[1] === __VERSION__ ? fromKept(form[2]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether JSON gives `value` back: a number it cannot write (YAML's `.inf`, `.nan` or `-0`, which
 * a check may compare with) would come back as null or 0. Only a roadmap's version and its checks
 * hold numbers the schema leaves open.
 */
function survivesJson(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (value === null || typeof value !== 'object') return true;
  return Object.values(value).every(survivesJson);
}

/**
 * Keeps the compiled form of the file whose bytes are `source` (sha256 `hash`), and drops the
 * forms of earlier versions of it. Only commands that write do this; a form that cannot be
 * written (or a roadmap JSON cannot hold) costs speed, nothing else.
 */
export function writeCompiled(storeDir: string, hash: string, source: Buffer, roadmap: Roadmap): void {
  if (!survivesJson(roadmap.version) || !roadmap.stages.every((stage) => survivesJson(stage.checks))) return;
  try {
    const folder = join(storeDir, FOLDER);
    makeFolder(folder);
    let json = JSON.stringify([FORM, __VERSION__, toKept(roadmap)]);
    // Escaped only when needed: a scan of the whole text costs 10 ms at 10,000 stages.
    if (Buffer.byteLength(json) !== json.length)
      json = json.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    // ASCII, written as bytes, one copy twice: the two copies of a 10,000-stage form (4.4 MB)
    // took 35 ms as one joined string, which Node encodes as UTF-8, 9 ms as one joined buffer and
    // 5 ms as the same buffer written twice (Node 20.20).
    const body = Buffer.from(json, 'latin1');
    writeWhole(join(folder, `${hash}.yaml`), source);
    writeWhole(join(folder, `${hash}.json`), [body, NEWLINE, body]);
    for (const name of readdirSync(folder))
      if (OWN.test(name) && !name.startsWith(hash)) unlinkIfThere(join(folder, name));
  } catch {
    // Compiling again next time is the only cost.
  }
}
