// The prompt line (`status --short`), kept between runs. A shell prompt asks for it before every
// command, and between two changes to the plan it is the same line all day: the loader prints
// the kept line without loading a bundle when the day, the build, the progress file and the
// learner's own roadmap file are the ones it was computed from, and keeps each new line at exit.
// A kept line runs 88.7 M instructions against the computed line's 110.2 M (`node -e 0`: 77.7 M;
// callgrind, medians of 3); a line computed again, and kept, costs 115.9 M.
import { renameSync, statSync, writeFileSync, writeSync, type BigIntStats } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { readRegularFile } from '../store/folder.js';
import { configDir, resolveClock } from './env.js';

const FILE = 'prompt-line.json';
/** What the program offers the loader to keep (see offerLine); the two bundles meet at a global. */
const OFFERED = Symbol.for('backend-path.prompt-line');
/**
 * A file changed this recently may change again within its file system's time resolution (two
 * seconds on FAT) without its times showing it: a line computed from it is not kept. Git's index
 * treats "racily clean" files the same way.
 */
const SETTLED_MS = 2_000;
/** A line that is one line, of printable characters, as the renderer makes it: anything else is not used. */
// eslint-disable-next-line no-control-regex -- control characters are what it keeps out.
const ONE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]{1,200}\n$/;

/**
 * What the program printed, and what from: the day it computed for, the progress file's folder
 * and the learner's own roadmap file, if the plan uses one.
 */
export interface Offered {
  line: string;
  today: string;
  dir: string;
  roadmapFile: string | undefined;
}
type WithOffer = { [OFFERED]?: Offered };

/**
 * For the program: the line it printed holds until the day, the progress file or the roadmap
 * file changes. Not offered when it depends on the time of day (a running session) or tells of
 * a problem.
 */
export function offerLine(offered: Offered): void {
  (globalThis as WithOffer)[OFFERED] = offered;
}

/** A file's identity: device, inode, size, and change and modification times to the nanosecond. */
const identity = (stats: BigIntStats) => [stats.dev, stats.ino, stats.size, stats.ctimeNs, stats.mtimeNs].join(':');

/** The identity of a file unchanged since SETTLED_MS before `before` (ms since 1970), or undefined. */
function settled(path: string, before: number): string | undefined {
  const stats = statSync(path, { bigint: true });
  return stats.isFile() && stats.ctimeMs < BigInt(Math.floor(before - SETTLED_MS)) ? identity(stats) : undefined;
}

/** What a kept line was computed from, as the file records it. */
interface Kept {
  build: string;
  dir: string;
  today: string;
  progress: string;
  roadmap: { file: string; of: string } | null;
  line: string;
}

/**
 * For the loader: prints the kept line and returns true when it still holds for this build
 * (`build`), folder (`cache`), day and files; else prints nothing and returns false, and the
 * program computes the line.
 */
export function printKeptLine(cache: string, build: string): boolean {
  const bytes = readRegularFile(join(cache, FILE), { mine: true });
  if (bytes === undefined) return false;
  try {
    const kept = JSON.parse(bytes.toString('utf8')) as Partial<Kept>;
    // Where the progress file is and what day it is, as the program would resolve them.
    const here = { dir: configDir(process.env, process.cwd()), today: resolveClock(process.env, new Date()).today };
    if (
      kept.build !== build ||
      kept.dir !== here.dir ||
      kept.today !== here.today ||
      typeof kept.line !== 'string' ||
      !ONE_LINE.test(kept.line)
    )
      return false;
    const stats = (path: string) => identity(statSync(path, { bigint: true }));
    if (kept.progress !== stats(join(here.dir, 'progress.json'))) return false;
    if (
      kept.roadmap !== null &&
      (typeof kept.roadmap?.file !== 'string' || kept.roadmap.of !== stats(kept.roadmap.file))
    )
      return false;
    writeSync(1, kept.line);
    return true;
  } catch {
    // A file gone, a damaged kept line, a clock variable or config folder the program will
    // explain, output that could not be written (nothing was: a line is
    // shorter than any pipe's buffer): the program does it all and says what is wrong.
    return false;
  }
}

/**
 * For the loader, at exit: keeps the line the program offered, under the identities of the
 * files it was computed from, when none of them changed after `started` (when this run began)
 * or within SETTLED_MS before. Failing costs speed only.
 */
export function keepOfferedLine(cache: string, build: string, started: number): void {
  const offered = (globalThis as WithOffer)[OFFERED];
  if (!offered) return;
  const { line, today, dir, roadmapFile: file } = offered;
  try {
    const progress = settled(join(dir, 'progress.json'), started);
    if (!progress || !ONE_LINE.test(line)) return;
    let roadmap: Kept['roadmap'] = null;
    if (file !== undefined) {
      const of = isAbsolute(file) ? settled(file, started) : undefined;
      if (!of) return;
      roadmap = { file, of };
    }
    const kept: Kept = { build, dir, today, progress, roadmap, line };
    const temporary = join(cache, `${FILE}.${process.pid}.tmp`);
    writeFileSync(temporary, JSON.stringify(kept), { mode: 0o600 });
    renameSync(temporary, join(cache, FILE));
  } catch {
    // Computing the line next time is the only cost.
  }
}
