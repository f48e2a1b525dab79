// The program's first file (dist/cli.js). It runs the bundle (dist/backend-path.js) with its
// compiled code kept between runs: V8's code cache through vm.Script, keyed by the content hash
// of each file, which the build writes below. Without a usable cache folder it compiles each file
// the same way and keeps nothing.
import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';
import { codeCacheSkipped } from '../code-cache.js';
import { makeFolder, openRegularFile, writeWhole } from '../store/folder.js';
import { asksHelp, everydayRead, keptOutput, type KeptOutput } from './everyday-words.js';

/** This file's own require (it is built as CommonJS): Node's modules and ./kept.js; the bundles go through load(). */
declare const require: NodeJS.Require;
/** Each dist/ file's sha256, written by the build: two builds never share compiled code. */
declare const __BUILD_HASHES__: Record<string, string>;
/** A hash of all of them: a build's identity. */
declare const __BUILD_ID__: string;
/** The bundle (writes.js, export.js, check.js) that holds a command's code, by its first word, written by the build. */
declare const __COMMAND_BUNDLES__: Record<string, string>;

/** The per-user cache folder, as env-paths defines it; undefined when there is no usable home. */
function cacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  const absolute = (path: string | undefined) => (path && isAbsolute(path) ? path : undefined);
  if (process.platform === 'win32')
    return absolute(env.LOCALAPPDATA) && join(env.LOCALAPPDATA!, 'backend-path', 'Cache');
  // node:os only when HOME says nothing: loading it costs every start a third of a millisecond.
  const home = absolute(env.HOME) ?? absolute((require('node:os') as typeof import('node:os')).homedir());
  if (process.platform === 'darwin') return home && join(home, 'Library', 'Caches', 'backend-path');
  const base = absolute(env.XDG_CACHE_HOME) ?? (home && join(home, '.cache'));
  return base && join(base, 'backend-path');
}

/** A folder or file of this user's that no one else can write to (compiled code runs as it is). */
function mine(path: string): boolean {
  const stats = statSync(path);
  return (process.getuid === undefined || stats.uid === process.getuid()) && (stats.mode & 0o022) === 0;
}

/**
 * Where compiled code goes when the cache folder cannot be written (a read-only home, a cache path
 * that is a file): a folder of this user's in the temporary folder, as v8-compile-cache does, so
 * such a learner's commands still start from compiled code (`next` 0.85x of running without a
 * cache, in the bench's row run as `nobody`). POSIX only: Windows has no user id to name it by,
 * and its LOCALAPPDATA is writable wherever a program can run.
 */
function temporaryFolder(env: NodeJS.ProcessEnv): string | undefined {
  if (process.platform === 'win32' || process.getuid === undefined) return undefined;
  // node:os's tmpdir() reads the same variable; loading node:os costs a third of a millisecond.
  const tmp = env.TMPDIR && isAbsolute(env.TMPDIR) ? env.TMPDIR : '/tmp';
  return join(tmp, `backend-path-${process.getuid()}`);
}

/** `path` when it is safe to keep compiled code in: a folder (made now if missing) of this user's that it can write to. */
function safeFolder(path: string): string | undefined {
  try {
    makeFolder(path, 0o700);
    accessSync(path, constants.W_OK);
    return statSync(path).isDirectory() && mine(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The folder in the temporary folder when it is safe: a folder, not a link, this user's and no one
 * else's to read (made now, by itself only: a missing temporary folder is not made), in a
 * temporary folder no one else can write to, or only with the sticky bit, as /tmp has, so no
 * other user can move this one away and put theirs in its place.
 */
function safeTemporaryFolder(path: string): string | undefined {
  try {
    const parent = statSync(dirname(path));
    if (!parent.isDirectory() || ((parent.mode & 0o002) !== 0 && (parent.mode & 0o1000) === 0)) return undefined;
    try {
      mkdirSync(path, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const folder = lstatSync(path);
    accessSync(path, constants.W_OK);
    return folder.isDirectory() && folder.uid === process.getuid!() && (folder.mode & 0o077) === 0 ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The cache folder when it is safe to use, else a folder of this user's in the temporary folder.
 * Anything else (another user's folder, a file, /proc, a read-only disk, in both places) means no
 * cache, so no run ever pays for serialising code it cannot keep.
 */
function usableFolder(): string | undefined {
  if (process.env.BACKEND_PATH_NO_CODE_CACHE) return undefined;
  const candidate = cacheFolder(process.env);
  const usable = candidate && safeFolder(candidate);
  if (usable) return usable;
  const temporary = temporaryFolder(process.env);
  return temporary && safeTemporaryFolder(temporary);
}

/**
 * Whether nothing in the folder Node's compile cache kept (a folder per Node version, its files
 * in it) changed since `time`. Links are not followed, and anything unexpected counts as touched.
 */
function untouchedSince(path: string, time: number): boolean {
  try {
    const stats = lstatSync(path);
    if (stats.mtimeMs >= time) return false;
    if (!stats.isDirectory()) return !stats.isSymbolicLink();
    return readdirSync(path).every((entry) => untouchedSince(join(path, entry), time));
  } catch {
    return false;
  }
}

/**
 * Compiled code untouched for a month that this build on this Node does not use: an older build's
 * or another Node's (another install may still use a newer one), or a layout an older build kept,
 * such as the folder of Node's own compile cache, which builds before this one used on Node 22
 * and later.
 */
function forgetOldCode(folder: string, cacheFile: string): void {
  const ours = new Set(Object.values(__BUILD_HASHES__).map((hash) => hash.slice(0, 16)));
  const monthAgo = Date.now() - 30 * 86_400_000;
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (name === 'compile-cache') {
      if (untouchedSince(path, monthAgo)) rmSync(path, { recursive: true, force: true });
      continue;
    }
    const build = /-([0-9a-f]{16})\.code$/.exec(name)?.[1];
    if (!build || path === cacheFile) continue;
    if (
      (!ours.has(build) || !name.startsWith(`${process.version}-${process.arch}-`)) &&
      statSync(path).mtimeMs < monthAgo
    )
      rmSync(path, { force: true });
  }
}

const loaded = new Map<string, unknown>();
/** The whole program, which every smaller bundle hands a command it does not hold to. */
const WHOLE_PROGRAM = join(__dirname, 'backend-path.js');

/** The largest compiled code read: the whole program's is about 0.5 MB. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** All of `size` bytes of an open file into `buffer`, or as many as it has; returns how many. */
function readInto(fd: number, buffer: Buffer, size: number): number {
  let at = 0;
  for (let got = -1; at < size && got !== 0; at += got) got = readSync(fd, buffer, at, size - at, null);
  return at;
}

/**
 * A dist/ file's text and the compiled code kept for it (when `cacheFile` is a regular file of this
 * user's: openRegularFile), read through one buffer: the text is copied out of it into V8's
 * string, then the code is read over it. Every 4 KB of fresh memory a run touches costs a page fault (about 11 µs on the
 * 2-core machine here); a buffer of its own for the code was 85 of a check's 3,388 faults.
 * The build makes every file ASCII (and fails otherwise), where latin1 reads the same text as
 * UTF-8 without decoding it: 3% fewer instructions for `next` (callgrind, medians of 3).
 */
function readCode(file: string, cacheFile: string | undefined): { source: string; cachedData?: Buffer } {
  const sourceFd = openSync(file, 'r');
  let cache: { fd: number; size: number } | undefined;
  try {
    cache = cacheFile ? openRegularFile(cacheFile, { mine: true }) : undefined;
    const sourceSize = fstatSync(sourceFd).size;
    // A file far larger than any compiled code (a damaged disk, a sparse file) is no cache: it is
    // compiled again and replaced, never read into memory.
    const cacheSize = cache && cache.size <= MAX_CACHE_BYTES ? cache.size : 0;
    const buffer = Buffer.allocUnsafe(Math.max(sourceSize, cacheSize));
    const source = buffer.toString('latin1', 0, readInto(sourceFd, buffer, sourceSize));
    let cachedData: Buffer | undefined;
    try {
      if (cache && cacheSize > 0) cachedData = buffer.subarray(0, readInto(cache.fd, buffer, cacheSize));
    } catch {
      // Compiled code that cannot be read: V8 compiles.
    }
    return { source, cachedData };
  } finally {
    closeSync(sourceFd);
    if (cache) closeSync(cache.fd);
  }
}

/**
 * Runs a file of dist/ through vm.Script with V8's cached data for its content hash (and
 * `command`, see below), and saves the compiled code at exit when there was none (or V8 refused
 * it: another Node version). Without a usable cache folder it only compiles. The build writes
 * each file as the function Node would wrap a CommonJS file in, which this calls with the module's
 * arguments. The bundle's lazily loaded parts (dist/vendor/*.js) go through here
 * too. On every Node, 22 and later included: Node's own compile cache (module.enableCompileCache)
 * keeps only the code compiled as a file loads, not the functions compiled while the command
 * runs, and goes through Node's module loader. On Node 24.22, against it: `next` and `status`
 * 0.94x, bare 0.93x, `plan --json` 0.94x, `log` 0.93x, `export --format ics` 0.90x (medians of
 * 24 to 40 paired runs, each with a warm cache folder of its own, 2 cores).
 */
function load(folder: string | undefined, file: string, command = ''): unknown {
  if (loaded.has(file)) return loaded.get(file);
  const name = file.slice(__dirname.length + 1);
  const hash = __BUILD_HASHES__[name];
  const cacheFile =
    folder && hash
      ? join(
          folder,
          `${process.version}-${process.arch}-${`${name} ${command}`.trim().replace(/\W+/g, '_')}-${hash.slice(0, 16)}.code`,
        )
      : undefined;
  const { source, cachedData } = readCode(file, cacheFile);
  const script = new Script(source, { filename: file, cachedData });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // Saved at exit, so the code compiled while the command ran is in it too. Not after a hand-over
    // to the whole program (the welcome, before any plan): that run used little of this bundle,
    // and V8 keeps the first cache it is given, so every later run would compile the rest again.
    process.once('exit', () => {
      // Nor from a run that failed or found no plan (see code-cache.ts).
      if ((file !== WHOLE_PROGRAM && loaded.has(WHOLE_PROGRAM)) || codeCacheSkipped()) return;
      try {
        writeWhole(cacheFile, script.createCachedData());
        forgetOldCode(folder!, cacheFile);
      } catch {
        // A cache that cannot be written only costs speed.
      }
    });
  }
  const module = { exports: {} };
  loaded.set(file, module.exports);
  // Relative to the requiring file: a vendor file's './yaml.js' is its neighbour in vendor/. Else
  // the bundles require only Node's own modules (and pg's optional pg-native, which no install
  // of backend-path has), which this file's require finds as Node's require from dist/ would.
  const requireThere = Object.assign(
    (id: string) => (id.startsWith('./') ? load(folder, join(dirname(file), id)) : require(id)),
    require,
  );
  script.runInThisContext().call(module.exports, module.exports, requireThere, module, file, dirname(file));
  loaded.set(file, module.exports);
  return module.exports;
}

// Before anything is read: what a run reads is kept only if it had not changed by now (kept.ts).
const started = Date.now();
const folder = usableFolder();
// The everyday reads run from a bundle holding only their code (40% of the program's), which V8
// reads and deserialises in less time, help and the version from one holding only the
// commander program, and the writes, plan and replan, export and check from the program with
// only their own commands; each hands anything else to the whole program.
const argv = process.argv.slice(2);
const help = asksHelp(argv);
const read = everydayRead(argv);
const commandBundle = !help && Object.hasOwn(__COMMAND_BUNDLES__, argv[0]!) && __COMMAND_BUNDLES__[argv[0]!];
const bundle = join(__dirname, read ? 'everyday.js' : help ? 'help.js' : commandBundle || 'backend-path.js');
// V8 keeps the first code cache a file is given, and it holds only the code its run called. So a
// bundle keeps one per command, each made by that command's own first run: with one cache made by
// the prompt line, next compiled 5.6 M instructions of its own on every run (126.6 M against
// 121.0 M), log 9.3 M with one made by start, and the completion asked on every TAB 18.6 M with
// one made by `completion bash` (169.0 M against 150.4 M; Node 20.20). Help keeps one for all.
const command = read
  ? `${read.words || 'bare'}${read.json ? ' json' : ''}`
  : !help && /^[a-z]+$/.test(argv[0] ?? '')
    ? argv[0]!
    : '';
/**
 * The prompt line, the same all day between two changes to the plan, and the help, the same for
 * every run of a build, are printed as they were kept while they still hold: loading the bundle
 * is most of their cost (kept.ts, a file of its own, which only they load). Returns whether it
 * printed; if not, what this run prints is kept at exit.
 */
function printedKept(folder: string, output: KeptOutput): boolean {
  const outputs = require('./kept.js') as typeof import('./kept.js');
  const key = outputs.keyNow(output);
  if (key === undefined) return false;
  if (outputs.printKept(folder, __BUILD_ID__, output, key)) return true;
  process.once('exit', () => outputs.keepOffered(folder, __BUILD_ID__, output, key, started));
  return false;
}

const output = keptOutput(argv);
if (!(folder && output && printedKept(folder, output))) load(folder, bundle, command);
