/**
 * Upgrades saved data from older schema versions, one step per version, in memory; the result
 * is written only when a command next saves. Data newer than this build is refused before this
 * runs. conf's own migrations are not used: they key on the package version and are known to
 * misbehave on downgrade and when a step fails.
 */
import { localInstant } from '../plan/dates.js';

type RawData = Record<string, unknown>;
export type MigrationSteps = Record<number, (data: RawData) => RawData>;

const MIGRATIONS: MigrationSteps = {
  // Version 1 (plan only) had no notes, study log or record of the first plan's finish.
  1: (data) => ({
    notes: {},
    log: [],
    originalFinish: (data.baseline as { finish?: unknown } | undefined)?.finish ?? null,
    ...data,
    schemaVersion: 2,
  }),
  // Version 2 had no proof links, project checks, running study session or revision count
  // (its calendar exports all had SEQUENCE 0, so the count starts above it).
  2: (data) => ({ links: {}, checks: {}, session: null, revision: 1, ...data, schemaVersion: 3 }),
  // Version 3 kept one weekly target (a replan re-judged every past week by the new one), assumed
  // the roadmap's estimates, and timed sessions on the wall clock (a session across a daylight-
  // saving change came out an hour off), and kept only a check's latest run. The target history starts with the current target; a
  // running session's instant is its local start read in this machine's time zone.
  3: (data) => {
    const baseline = data.baseline as { hoursPerWeek?: unknown } | undefined;
    const profile = data.profile as { start?: unknown } | undefined;
    const session = data.session as { start?: unknown } | null | undefined;
    return {
      paces: [{ from: profile?.start, hoursPerWeek: baseline?.hoursPerWeek }],
      ...data,
      baseline: baseline && typeof baseline === 'object' ? { speed: 1, ...baseline } : baseline,
      session:
        session && typeof session === 'object' && typeof session.start === 'string'
          ? { startedAt: localInstant(session.start), ...session }
          : session,
      schemaVersion: 4,
    };
  },
};

/** Runs every step from the data's version up; data without a version is left for validation to reject. */
export function upgrade(data: RawData, steps: MigrationSteps = MIGRATIONS): RawData {
  let current = data;
  while (typeof current.schemaVersion === 'number' && Object.hasOwn(steps, current.schemaVersion)) {
    current = steps[current.schemaVersion]!(current);
  }
  return current;
}
