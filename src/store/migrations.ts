/**
 * Upgrades saved data from older schema versions, one step per version, in memory; the result
 * is written only when a command next saves. Data newer than this build is refused before this
 * runs. conf's own migrations are not used: they key on the package version and are known to
 * misbehave on downgrade and when a step fails.
 */
type RawData = Record<string, unknown>;
export type MigrationSteps = Record<number, (data: RawData) => RawData>;

export const MIGRATIONS: MigrationSteps = {
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
  // Version 3 kept only a check's latest run and no URL for the plan: both additions are optional.
  3: (data) => ({ ...data, schemaVersion: 4 }),
};

/** Runs every step from the data's version up; data without a version is left for validation to reject. */
export function upgrade(data: RawData, steps: MigrationSteps = MIGRATIONS): RawData {
  let current = data;
  while (typeof current.schemaVersion === 'number' && Object.hasOwn(steps, current.schemaVersion)) {
    current = steps[current.schemaVersion]!(current);
  }
  return current;
}
