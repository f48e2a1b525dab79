import { UsageError } from './errors.js';
import { localDate, parseIsoDate, type IsoDate } from './plan/dates.js';

/** Today's date in the learner's time zone, or BACKEND_PATH_TODAY when a script or test sets it. */
export function resolveToday(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): IsoDate {
  const override = env.BACKEND_PATH_TODAY;
  if (override === undefined || override === '') return localDate(now);
  const date = parseIsoDate(override);
  if (!date) throw new UsageError(`BACKEND_PATH_TODAY must be a real date in YYYY-MM-DD form; got "${override}".`);
  return date;
}

/** The folder for the progress file: BACKEND_PATH_CONFIG_DIR, or conf's per-user default when unset. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.BACKEND_PATH_CONFIG_DIR || undefined;
}
