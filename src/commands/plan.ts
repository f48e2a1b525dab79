import { agree, planDocument, type PlanDocument } from '../coach/agree.js';
import { toLearner } from '../coach/learner.js';
import { withPace } from '../coach/effort.js';
import { keepCompiled, roadmapOf, type CommandContext } from './context.js';
import { UsageError } from '../errors.js';
import { checkPlanStart, MAX_WEEKLY_HOURS, MIN_WEEKLY_HOURS, WEEKLY_HOURS_RULE, weeklyHours } from '../coach/rules.js';
import { parseIsoDate, type IsoDate } from '../plan/dates.js';
import { DEFAULT_ROADMAP, resolveRoadmap, type ResolvedRoadmap } from '../roadmap/builtin.js';
import { checkTrack } from '../roadmap/match.js';
import type { Roadmap } from '../roadmap/types.js';
import type { Profile } from '../coach/types.js';
import { SCHEMA_VERSION, type SavedData } from '../store/schema.js';

export interface PlanOptions {
  track?: string;
  hours?: number;
  start?: IsoDate;
  roadmap?: string;
  /** Accept the defaults for anything not given, and replace an existing plan without asking. */
  yes?: boolean;
  /** The result as JSON: `plan --json` alone reads the saved plan. */
  json?: boolean;
}

/** The agreed plan, and whether this run saved it. */
export interface PlanResult extends PlanDocument {
  saved: boolean;
  replaced: boolean;
  file: string;
}

const CANCELLED = 'Cancelled: your plan was not changed.';
/** Ctrl-C at a question of the first plan: there was none to leave unchanged. */
const CANCELLED_FIRST = 'Cancelled: no plan was made.';

interface Answers {
  resolved: ResolvedRoadmap;
  track: string;
  hours: number;
  start: IsoDate;
}

/**
 * Makes and saves the learner's dated plan. Flags come first; on a terminal the missing answers
 * are asked, with the saved ones pre-selected; `--yes` takes the defaults and asks nothing.
 * Without a terminal, a saved plan's answers stand in for missing flags, so `plan` alone
 * re-prints the plan, as it does as JSON or when its output goes to a pipe or a file. A plan made
 * over another keeps what `replan` keeps: the log, progress, the first start (weeks count from
 * it) and the first plan's finish on the same roadmap.
 */
export async function planCommand(options: PlanOptions, context: CommandContext): Promise<PlanResult> {
  const { today } = context.clock;
  if (options.start) checkPlanStart(options.start, today);
  const existing = await context.store.read();
  const given = [options.track, options.hours, options.start, options.roadmap].some((value) => value !== undefined);
  if (existing && !options.yes) {
    // `plan` alone into a pipe or a file (`plan | less`), or as JSON, reads the saved plan, as
    // without a terminal.
    if (context.interactive && (given || (context.printsToTerminal && !options.json))) {
      const { askConfirm } = await import('../ui/prompts.js');
      const intro =
        'You already have a plan. Your progress, study log and first start are kept, as `backend-path replan` keeps them; what is left is laid out again from the start you give.';
      if (!(await askConfirm('Replace it?', false, CANCELLED, intro))) return kept(context, existing);
    } else if (!given) {
      return kept(context, existing);
    }
  }
  const answers = await gather(options, context, existing);
  const profile: Profile = {
    roadmap: answers.resolved.file
      ? { id: answers.resolved.roadmap.id, file: answers.resolved.file.path, hash: answers.resolved.file.hash }
      : { id: answers.resolved.roadmap.id },
    track: answers.track,
    hoursPerWeek: answers.hours,
    start: answers.start,
  };
  const same =
    existing !== undefined &&
    JSON.stringify(existing.profile.roadmap) === JSON.stringify(profile.roadmap) &&
    existing.profile.track === profile.track &&
    existing.baseline.hoursPerWeek === profile.hoursPerWeek &&
    // A start given (by flag or, after "Replace it?", at the prompt) is kept only when it is the
    // plan's own; without one, the default start (today, or the start still ahead) is no change.
    (answers.start === existing.baseline.start ||
      (options.start === undefined && !context.interactive && answers.start === defaultStart(existing, today)));
  if (existing && !same && !options.yes && !context.interactive) {
    throw new UsageError(
      'You already have a plan; pass --yes to lay it out again with these answers (your progress, log and first start are kept).',
      'To change only the pace or the start, `backend-path replan --hours <n>` or `backend-path replan --start <date>` does it.',
    );
  }
  const { roadmap, file } = answers.resolved;
  // Nothing changed: the saved plan, on the roadmap just read (the same file, by its hash).
  const result = same ? await kept(context, existing, roadmap) : await savePlan(profile, roadmap, context);
  // A file parsed now (first planned on, edited, or kept by another version) is kept compiled.
  if (!file?.kept) await keepCompiled(context, file?.hash, file && { roadmap, source: file.source });
  return result;
}

/** The start a plan made over `existing` takes by default: its own start while still ahead, else today. */
function defaultStart(existing: SavedData, today: IsoDate): IsoDate {
  return existing.baseline.start > today ? existing.baseline.start : today;
}

/** Saves the plan agreed from `profile`, keeping everything the learner recorded. */
function savePlan(profile: Profile, roadmap: Roadmap, context: CommandContext): Promise<PlanResult> {
  const { today } = context.clock;
  return context.store.update((current) => {
    const learner = current ? toLearner(current, roadmap) : undefined;
    const baseline = agree({
      roadmap,
      track: profile.track,
      hoursPerWeek: profile.hoursPerWeek,
      start: profile.start,
      today,
      learner,
    });
    // A first plan that never began is replaced whole; one that began keeps its start (weeks
    // count from it) and, on the same roadmap and track, its finish.
    const began = current !== undefined && current.profile.start <= today;
    const sameWork =
      began && current.profile.roadmap.id === profile.roadmap.id && current.profile.track === profile.track;
    const data: SavedData = {
      schemaVersion: SCHEMA_VERSION,
      revision: current?.revision ?? 0,
      // Weeks count from the first start, which a plan made over another keeps.
      profile: {
        ...profile,
        start: began && current.profile.start < profile.start ? current.profile.start : profile.start,
      },
      baseline,
      paces: current
        ? withPace(current.paces, baseline.start, baseline.hoursPerWeek, today)
        : [{ from: baseline.start, hoursPerWeek: baseline.hoursPerWeek }],
      originalFinish: sameWork ? current.originalFinish : baseline.finish,
      progress: current?.progress ?? {},
      notes: current?.notes ?? {},
      log: current?.log ?? [],
      links: current?.links ?? {},
      checks: current?.checks ?? {},
      session: current?.session ?? null,
    };
    return {
      data,
      result: {
        ...planDocument(toLearner(data, roadmap)),
        saved: true,
        replaced: current !== undefined,
        file: context.store.path,
      },
    };
  });
}

/** The saved plan, unchanged, on its own roadmap (read now unless the caller just read it). */
async function kept(context: CommandContext, data: SavedData, roadmap?: Roadmap): Promise<PlanResult> {
  const learner = toLearner(data, roadmap ?? (await roadmapOf(data, context)).roadmap);
  return { ...planDocument(learner), saved: false, replaced: false, file: context.store.path };
}

async function gather(
  options: PlanOptions,
  context: CommandContext,
  existing: SavedData | undefined,
): Promise<Answers> {
  const saved = existing && { ...existing.profile, hoursPerWeek: existing.baseline.hoursPerWeek };
  const ask = context.interactive && !options.yes;
  const cancelled = existing ? CANCELLED : CANCELLED_FIRST;
  const { today } = context.clock;
  const resolved = await chooseRoadmap(options, context, saved);
  const { roadmap } = resolved;
  const savedTrack = saved && roadmap.tracks.has(saved.track) ? saved.track : undefined;
  let track = options.track === undefined ? undefined : checkTrack(roadmap, options.track);
  let hours = options.hours;
  let start = options.start;

  if (ask) {
    const prompts = await import('../ui/prompts.js');
    track ??= await prompts.askSelect(
      'Which language track?',
      [...roadmap.tracks].map(([id, t]) => ({ value: id, name: t.title, description: t.summary ?? undefined })),
      cancelled,
      savedTrack,
    );
    hours ??= await prompts.askNumber(
      'How many hours a week can you study?',
      {
        min: MIN_WEEKLY_HOURS,
        max: MAX_WEEKLY_HOURS,
        default: saved?.hoursPerWeek ?? roadmap.referenceHoursPerWeek ?? 10,
        invalid: `Enter ${WEEKLY_HOURS_RULE}.`,
        parse: weeklyHours,
      },
      cancelled,
    );
    start ??= await askStart(existing ? defaultStart(existing, today) : today, today, cancelled);
  } else if (!options.yes) {
    track ??= savedTrack;
    hours ??= saved?.hoursPerWeek;
    start ??= existing && defaultStart(existing, today);
    const missing = [track === undefined && '--track', hours === undefined && '--hours'].filter(
      (x): x is string => !!x,
    );
    if (missing.length > 0) {
      throw new UsageError(
        `No terminal to ask on, so pass ${missing.join(' and ')} (or --yes to take the defaults).`,
        `Example: \`backend-path plan --track node --hours 10 --start ${today}\` (without --start, the plan starts today).`,
      );
    }
  }
  return {
    resolved,
    track: track ?? savedTrack ?? [...roadmap.tracks.keys()][0]!,
    hours: hours ?? saved?.hoursPerWeek ?? roadmap.referenceHoursPerWeek ?? 10,
    start: (start ?? today).trim(),
  };
}

/** The first day, asked with the saved one (while still within a year) or today as the default. */
async function askStart(suggested: IsoDate, today: IsoDate, cancelled: string): Promise<IsoDate> {
  const prompts = await import('../ui/prompts.js');
  return prompts.askText(
    'Start date (YYYY-MM-DD)?',
    {
      default: suggested,
      validate: (text) => {
        const date = parseIsoDate(text.trim());
        if (!date) return `Enter a real date written YYYY-MM-DD, such as today, ${today}.`;
        try {
          checkPlanStart(date, today, 'The start date');
          return true;
        } catch (error) {
          return (error as Error).message;
        }
      },
    },
    cancelled,
  );
}

/** The roadmap named by --roadmap, else the saved plan's, else the default. It is never asked: the three questions are track, hours and start. */
async function chooseRoadmap(
  options: PlanOptions,
  context: CommandContext,
  saved: Profile | undefined,
): Promise<ResolvedRoadmap> {
  const name = options.roadmap ?? saved?.roadmap.file ?? saved?.roadmap.id ?? DEFAULT_ROADMAP;
  // The compiled forms' module only for a roadmap file: a plan on a built-in roadmap never needs it.
  return resolveRoadmap(name, context.cwd, async (hash, source) => {
    const { readCompiled } = await import('../store/compiled.js');
    return readCompiled(context.store.dir, hash, source, { earlier: false });
  });
}
