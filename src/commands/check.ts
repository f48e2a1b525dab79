import { loadLearner, noPlan, type CommandContext } from './context.js';
import { FailureError, UsageError } from '../errors.js';
import type { IsoDate } from '../plan/dates.js';
import { matchStage } from '../roadmap/match.js';
import type { StepResult } from '../check/runner.js';
import { isLocalHost } from '../check/address.js';

export const DEFAULT_URL = 'http://localhost:3000';

export interface CheckResult {
  stage: string;
  url: string;
  /** The command that runs these checks again (with --url when it was given). */
  again: string;
  passed: boolean;
  date: IsoDate;
  results: StepResult[];
}

/** The learner's URL: http(s) only; `:8000` and `localhost:8000` are short for http://localhost:8000. */
export function parseCheckUrl(text: string): URL {
  const trimmed = text.trim();
  const full = /^:\d{1,5}$/.test(trimmed)
    ? `http://localhost${trimmed}`
    : /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)
      ? trimmed
      : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(full);
  } catch {
    throw new UsageError(
      `--url must be an http(s) address such as http://localhost:3000 or :8000; got ${JSON.stringify(text)}.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--url must be an http or https address; ${url.protocol.replace(/:$/, '')} is not allowed.`);
  }
  if (url.username || url.password) throw new UsageError('--url must not carry a user name or password.');
  url.search = '';
  url.hash = '';
  return url;
}

/**
 * Runs a stage's project contract against the learner's running API and keeps the result with
 * the date. A check never marks a stage done.
 */
export async function checkCommand(
  name: string,
  options: { url?: string },
  context: CommandContext,
): Promise<CheckResult> {
  const { learner } = await loadLearner(context);
  const stage = matchStage(learner.roadmap, name);
  if (!stage.checks) {
    const checkable = learner.roadmap.stages.filter((s) => s.checks).map((s) => s.id);
    throw new UsageError(
      `The stage ${stage.id} has no checks to run.`,
      checkable.length > 0 ? `Stages with checks: ${checkable.join(', ')}.` : undefined,
    );
  }
  const base = parseCheckUrl(options.url ?? DEFAULT_URL);
  if (stage.checks.public && (base.protocol !== 'https:' || isLocalHost(base.hostname))) {
    throw new UsageError(
      `The ${stage.id} check needs your API's public https address, not ${base.origin}: the point of this stage is that it is live.`,
      `Run it as \`backend-path check ${stage.id} --url https://your-app.example.com\`.`,
    );
  }
  const { runChecks, Unreachable } = await import('../check/runner.js');
  const again = `backend-path check ${stage.id}${options.url ? ` --url ${base.href}` : ''}`;
  let results: StepResult[];
  try {
    results = await runChecks(stage.checks.steps, base);
  } catch (error) {
    if (error instanceof Unreachable) {
      if (/host name/.test(error.message))
        throw new FailureError(
          `Could not reach ${base.origin}: ${error.message}. Is the address right?`,
          `Check it, then run \`${again}\` again.`,
        );
      throw new FailureError(
        `Nothing answered at ${base.origin} (${error.message}) — is your server running?`,
        `Start it, then run \`${again}\` again.`,
      );
    }
    throw error;
  }
  const passed = results.filter((r) => r.ok).length;
  const { today } = context.clock;
  await context.store.update((current) => {
    if (!current) throw noPlan();
    const record = { date: today, url: base.href, passed, total: results.length };
    return { data: { ...current, checks: { ...current.checks, [stage.id]: record } }, result: undefined };
  });
  return { stage: stage.id, url: base.href, again, passed: passed === results.length, date: today, results };
}
