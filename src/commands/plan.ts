import { UsageError } from '../errors.js';
import { parseIsoDate, type IsoDate } from '../plan/dates.js';
import { buildPlan, type Plan } from '../plan/schedule.js';
import { builtinRoadmaps, DEFAULT_ROADMAP, resolveRoadmap, type ResolvedRoadmap } from '../roadmap/builtin.js';
import type { Roadmap } from '../roadmap/types.js';
import { SCHEMA_VERSION, type Profile } from '../store/schema.js';
import type { CommandContext } from './context.js';
import { baselineFrom, baselinePlan, loadCurrent, withData } from './current.js';

export interface PlanOptions {
  track?: string;
  hours?: string;
  start?: string;
  roadmap?: string;
  yes?: boolean;
}

export interface PlanResult {
  plan: Plan;
  roadmap: Roadmap;
  /** false when the learner chose to keep the plan they had. */
  saved: boolean;
  replaced: boolean;
  file: string;
}

export const MIN_HOURS = 1;
export const MAX_HOURS = 80;
const CANCELLED = 'Cancelled: your plan was not changed.';
const HOURS_RULE = `a number of hours per week from ${MIN_HOURS} to ${MAX_HOURS}`;

export function parseHours(text: string): number {
  const hours = Number(text);
  if (text.trim() === '' || !Number.isFinite(hours) || hours < MIN_HOURS || hours > MAX_HOURS) {
    throw new UsageError(`--hours must be ${HOURS_RULE}; got "${text}".`);
  }
  return hours;
}

export function parseStart(text: string): IsoDate {
  const date = parseIsoDate(text);
  if (!date) throw new UsageError(`--start must be a real calendar date written YYYY-MM-DD, e.g. 2026-03-02; got "${text}".`);
  return date;
}

export function checkTrack(roadmap: Roadmap, track: string): string {
  if (track in roadmap.tracks) return track;
  const known = Object.entries(roadmap.tracks).map(([id, t]) => `${id} (${t.title})`).join(', ');
  throw new UsageError(`Unknown track "${track}". The ${roadmap.id} roadmap has: ${known}.`);
}

function missingFlags(names: string[]): UsageError {
  return new UsageError(
    `No terminal to ask on, so pass ${names.join(' and ')}.`,
    'Example: backend-path plan --track node --hours 10 --start 2026-01-05 (start defaults to today).',
  );
}

async function chooseRoadmap(options: PlanOptions, context: CommandContext, saved: Profile | undefined): Promise<ResolvedRoadmap> {
  if (options.roadmap) return resolveRoadmap(options.roadmap);
  const builtins = await builtinRoadmaps();
  if (context.interactive && builtins.length > 1) {
    const { askSelect } = await import('../ui/prompts.js');
    const id = await askSelect(
      'Which roadmap?',
      builtins.map((roadmap) => ({ value: roadmap.id, name: roadmap.title, description: roadmap.summary })),
      CANCELLED,
    );
    return resolveRoadmap(id);
  }
  return resolveRoadmap(saved?.roadmap.file ?? saved?.roadmap.id ?? DEFAULT_ROADMAP);
}

/** Gathers the answers (flags first, questions on a terminal), then builds and saves the plan. */
export async function planCommand(options: PlanOptions, context: CommandContext): Promise<PlanResult> {
  // Flags are checked before anything is asked, so a typo fails at once.
  let hours = options.hours === undefined ? undefined : parseHours(options.hours);
  let start = options.start === undefined ? undefined : parseStart(options.start);
  const existing = context.store.read();
  const saved = existing?.profile;

  const resolved = await chooseRoadmap(options, context, saved);
  const { roadmap } = resolved;
  let track = options.track === undefined ? undefined : checkTrack(roadmap, options.track);

  if (!context.interactive) {
    // Without a terminal, a saved plan's answers stand in for missing flags.
    track ??= saved && saved.track in roadmap.tracks ? saved.track : undefined;
    hours ??= saved?.hoursPerWeek;
    start ??= saved?.start;
    const missing = [track === undefined && '--track', hours === undefined && '--hours'].filter((x): x is string => !!x);
    if (missing.length > 0) throw missingFlags(missing);
  } else {
    const prompts = await import('../ui/prompts.js');
    track ??= await prompts.askSelect(
      'Which language track?',
      Object.entries(roadmap.tracks).map(([id, t]) => ({ value: id, name: t.title, description: t.summary })),
      CANCELLED,
    );
    hours ??= await prompts.askNumber(
      'How many hours a week can you study?',
      { min: MIN_HOURS, max: MAX_HOURS, default: saved?.hoursPerWeek ?? roadmap.reference_hours_per_week, invalid: `Enter ${HOURS_RULE}.` },
      CANCELLED,
    );
    start ??= await prompts.askText(
      'Start date (YYYY-MM-DD)?',
      { default: context.today, validate: (text) => (parseIsoDate(text) ? true : 'Enter a real date as YYYY-MM-DD, e.g. 2026-03-02.') },
      CANCELLED,
    );
  }
  start ??= context.today;

  const profile: Profile = {
    roadmap: resolved.file ? { id: roadmap.id, file: resolved.file.path, hash: resolved.file.hash } : { id: roadmap.id },
    track: track!,
    hoursPerWeek: hours!,
    start: parseStart(start),
  };
  const unchanged = existing !== undefined && JSON.stringify(existing.profile) === JSON.stringify(profile);

  if (existing && !unchanged && !options.yes) {
    if (!context.interactive) {
      throw new UsageError('You already have a plan; pass --yes to replace it (completed stages are kept).');
    }
    const { askConfirm } = await import('../ui/prompts.js');
    const replace = await askConfirm('Replace your current plan? Completed and skipped stages are kept.', false, CANCELLED);
    if (!replace) {
      // The plan kept is the saved one, on its own roadmap, whatever the new answers named.
      const kept = await loadCurrent(context);
      return { plan: baselinePlan(kept), roadmap: kept.roadmap, saved: false, replaced: false, file: context.store.path };
    }
  }

  let plan: Plan | undefined;
  await context.store.update((current) => {
    plan = buildPlan({ roadmap, track: profile.track, hoursPerWeek: profile.hoursPerWeek, start: profile.start, progress: current ? withData(roadmap, current).status : {} });
    if (current && JSON.stringify(current.profile) === JSON.stringify(profile)) return current;
    return {
      schemaVersion: SCHEMA_VERSION,
      profile,
      baseline: baselineFrom(plan, context.today),
      originalFinish: plan.finish,
      progress: current?.progress ?? {},
      notes: current?.notes ?? {},
      log: current?.log ?? [],
    };
  });
  return { plan: plan!, roadmap, saved: true, replaced: existing !== undefined && !unchanged, file: context.store.path };
}
