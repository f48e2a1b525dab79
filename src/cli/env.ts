import { existsSync, realpathSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve, sep } from 'node:path';
import { FailureError, UsageError } from '../errors.js';
import type { Clock } from '../coach/types.js';
import { localDate, localInstant, parseIsoDate } from '../plan/dates.js';

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)$/;

/**
 * Today and now in the learner's time zone. BACKEND_PATH_NOW (YYYY-MM-DDTHH:MM:SS) sets the
 * clock and BACKEND_PATH_TODAY the date alone, for scripts and tests.
 */
export function resolveClock(env: NodeJS.ProcessEnv, instant: Date): Clock {
  const now = env.BACKEND_PATH_NOW;
  if (now) {
    const match = LOCAL_TIME.exec(now);
    if (!match || !parseIsoDate(match[1]!)) {
      throw new UsageError(
        'BACKEND_PATH_NOW must be a local date and time written YYYY-MM-DDTHH:MM:SS, in the years 1970 to 2999.',
      );
    }
    return { today: match[1]!, now, instant: localInstant(now) };
  }
  const today = env.BACKEND_PATH_TODAY;
  if (today) {
    if (!parseIsoDate(today))
      throw new UsageError('BACKEND_PATH_TODAY must be a real date written YYYY-MM-DD, in the years 1970 to 2999.');
    return { today, now: `${today}T12:00:00`, instant: localInstant(`${today}T12:00:00`) };
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = localDate(instant);
  return {
    today: date,
    now: `${date}T${pad(instant.getHours())}:${pad(instant.getMinutes())}:${pad(instant.getSeconds())}`,
    instant: instant.getTime(),
  };
}

/**
 * The folder of the progress file: BACKEND_PATH_CONFIG_DIR, else the user's config folder as
 * conf and env-paths define it. A missing home or a relative XDG_CONFIG_HOME is refused rather
 * than letting the file land in whatever folder the command ran from.
 */
export function configDir(env: NodeJS.ProcessEnv, cwd: string, platform: NodeJS.Platform = process.platform): string {
  const explicit = env.BACKEND_PATH_CONFIG_DIR;
  if (explicit) return isAbsolute(explicit) ? explicit : join(cwd, explicit);
  const absolute = (name: string, value: string | undefined): string => {
    if (!value || !isAbsolute(value)) {
      throw new FailureError(
        `Cannot tell where to keep your plan: ${name} is ${value ? `"${value}", which is not an absolute path` : 'empty'}.`,
        'Set it to an absolute folder, or set BACKEND_PATH_CONFIG_DIR to the folder you want.',
      );
    }
    return value;
  };
  if (platform === 'win32') return join(absolute('APPDATA', env.APPDATA), 'backend-path', 'Config');
  const home = () => absolute('HOME', env.HOME);
  if (platform === 'darwin') return join(home(), 'Library', 'Preferences', 'backend-path');
  const xdg = env.XDG_CONFIG_HOME;
  return join(xdg ? absolute('XDG_CONFIG_HOME', xdg) : join(home(), '.config'), 'backend-path');
}

/**
 * How to write a backend-path command so that it works when pasted into a shell, in this folder
 * or in the learner's project folder (where `check` runs): `backend-path` when that name finds
 * this very program on PATH; `npx backend-path` when the program lives in a node_modules folder
 * (npx's own cache, or a project that depends on it); otherwise — a clone, run as
 * `npx backend-path` inside it or with node — `node <absolute path to the script>`, because
 * `npx backend-path` only finds a clone from inside the clone.
 */
export function commandName(env: NodeJS.ProcessEnv, script: string | undefined, cwd: string): string {
  if (!script) return 'backend-path';
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  };
  const self = real(resolve(cwd, script)) ?? resolve(cwd, script);
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    // npx and npm scripts put node_modules/.bin folders on PATH for their own run only.
    if (!dir || (env.npm_command && /node_modules[\\/]\.bin[\\/]?$/.test(dir))) continue;
    const candidate = join(dir, process.platform === 'win32' ? 'backend-path.cmd' : 'backend-path');
    if (existsSync(candidate) && real(candidate) === self) return 'backend-path';
  }
  if (self.includes(`${sep}node_modules${sep}`)) return 'npx backend-path';
  return `node ${/^[\w@%+=:,./-]+$/.test(self) ? self : `'${self.replace(/'/g, `'\\''`)}'`}`;
}
