// The program's first file (dist/cli.js). It runs the bundle (dist/backend-path.js) through
// V8's code cache: the first run compiles and saves the compiled code in the user's cache
// folder; every later run loads it instead of compiling again. Without a usable cache folder it
// simply compiles, as Node would.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';

/** The per-user cache folder, as env-paths defines it; undefined when there is no usable home. */
function cacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  const absolute = (path: string | undefined) => (path && isAbsolute(path) ? path : undefined);
  if (process.platform === 'win32') return absolute(env.LOCALAPPDATA) && join(env.LOCALAPPDATA!, 'backend-path', 'Cache');
  const home = absolute(env.HOME) ?? absolute(homedir());
  if (process.platform === 'darwin') return home && join(home, 'Library', 'Caches', 'backend-path');
  const base = absolute(env.XDG_CACHE_HOME) ?? (home && join(home, '.cache'));
  return base && join(base, 'backend-path');
}

/** A path of this user's that no one else can write to (compiled code runs as it is). */
function mine(path: string): boolean {
  const stats = statSync(path);
  return (process.getuid === undefined || stats.uid === process.getuid()) && (stats.mode & 0o022) === 0;
}

const candidate = process.env.BACKEND_PATH_NO_CODE_CACHE ? undefined : cacheFolder(process.env);
/** The cache folder when it is safe to use: this user's alone, or not made yet. */
const folder = (() => {
  try {
    return candidate && mine(candidate) ? candidate : undefined;
  } catch {
    return candidate;
  }
})();

/**
 * Runs a CommonJS file of dist/ with its compiled code from the cache when there is one, and
 * saves the compiled code at exit when there was none (or V8 refused it: another Node version).
 * The bundle's lazily loaded parts (dist/vendor/*.js) go through here too.
 */
const loaded = new Map<string, unknown>();

function load(file: string): unknown {
  if (loaded.has(file)) return loaded.get(file);
  const source = readFileSync(file, 'utf8');
  const { size, mtimeMs } = statSync(file);
  // V8 checks the source and its own version itself; the name only keeps builds and files apart.
  const prefix = `${process.version}-${process.arch}-${file.slice(__dirname.length + 1).replace(/\W/g, '_')}-`;
  const name = `${prefix}${size}-${Math.floor(mtimeMs)}.code`;
  const cacheFile = folder && join(folder, name);
  let cachedData: Buffer | undefined;
  try {
    cachedData = cacheFile && mine(cacheFile) ? readFileSync(cacheFile) : undefined;
  } catch {
    cachedData = undefined;
  }
  const script = new Script(wrap(source), { filename: file, cachedData });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // Saved at exit, so the code compiled while the command ran is in it too.
    process.once('exit', () => {
      try {
        mkdirSync(folder!, { recursive: true, mode: 0o700 });
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        renameSync(temporary, cacheFile);
        // The code of earlier builds of this file will never be read again.
        for (const old of readdirSync(folder!)) if (old.startsWith(prefix) && old !== name) rmSync(join(folder!, old), { force: true });
      } catch {
        // A cache that cannot be written only costs speed.
      }
    });
  }
  const module = { exports: {} };
  loaded.set(file, module.exports);
  const plain = createRequire(file);
  const require = Object.assign((id: string) => (id.startsWith('./vendor/') ? load(join(__dirname, id)) : plain(id)), plain);
  script.runInThisContext().call(module.exports, module.exports, require, module, file, __dirname);
  loaded.set(file, module.exports);
  return module.exports;
}

load(join(__dirname, 'backend-path.js'));
