import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { toRoadmap } from './convert.js';
import type { RawRoadmap } from './schema.js';
import type { Roadmap } from './types.js';

/**
 * A learner's own roadmap file as the program compiled it: its validated form, kept beside the
 * progress file under the sha256 of the file's bytes. Every later command that finds the file
 * unchanged reads this JSON, as it reads a built-in roadmap, instead of parsing and validating
 * YAML again (for a 10,000-stage file that parse is most of a second). The JSON is stored after
 * its own sha256, so a damaged copy is never used: the YAML is parsed then, as before.
 */
const FOLDER = 'compiled-roadmaps';
/** The only files this module ever removes: its own, named by a sha256. */
const OWN = /^[0-9a-f]{64}\.json$/;
const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** The compiled roadmap for a file whose bytes hash to `source`; undefined when there is none or it is damaged. */
export function readCompiled(storeDir: string, source: string): Roadmap | undefined {
  let fd: number | undefined;
  try {
    // Without blocking, so a pipe in the file's place cannot hang a command.
    fd = openSync(join(storeDir, FOLDER, `${source}.json`), constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(fd).isFile()) return undefined;
    const text = readFileSync(fd, 'utf8');
    const newline = text.indexOf('\n');
    const body = text.slice(newline + 1);
    if (newline !== 64 || digest(body) !== text.slice(0, newline)) return undefined;
    return toRoadmap(JSON.parse(body) as RawRoadmap);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Keeps the compiled form of the file whose bytes hash to `source`, and drops the forms of
 * earlier versions of it. Only commands that write do this; a form that cannot be written costs
 * speed, nothing else.
 */
export function writeCompiled(storeDir: string, source: string, raw: RawRoadmap): void {
  try {
    const folder = join(storeDir, FOLDER);
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `${source}.json`);
    const body = JSON.stringify(raw);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${digest(body)}\n${body}`);
    renameSync(temporary, file);
    for (const name of readdirSync(folder))
      if (OWN.test(name) && name !== `${source}.json`) rmSync(join(folder, name), { force: true });
  } catch {
    // Compiling again next time is the only cost.
  }
}
