import { skipCodeCache } from '../code-cache.js';
import { loadLearner, noPlan, type CommandContext } from './context.js';
import {
  checkedEvidence,
  evidenceTargets,
  nothingToCheck,
  usesApi,
  type EvidenceOptions,
  type EvidenceTargets,
} from './check-targets.js';
import { checkCommandFor, defaultCheckUrl, FALLBACK_PORT, PUBLIC_URL_EXAMPLE } from '../coach/check-url.js';
import { statusOf, type Learner } from '../coach/learner.js';
import type { CheckRecord } from '../coach/types.js';
import { FailureError, UsageError } from '../errors.js';
import type { IsoDate } from '../plan/dates.js';
import { matchStage } from '../roadmap/match.js';
import {
  BLOCKED_PORTS,
  EVIDENCE_KIND_NAMES,
  type Check,
  type EvidenceKindName,
  type Roadmap,
  type Stage,
} from '../roadmap/types.js';
import type { SavedData } from '../store/schema.js';
import type { CheckRun, StepResult } from '../check/result.js';
import type { StageEvidence } from '../roadmap/evidence.js';
import type { ContractOptions, Unreachable } from '../check/contract.js';
import { isLocalHost } from '../check/address.js';
import { describeDatabase } from '../check/database/address.js';

/** Per request: long enough for a slow laptop, short enough that a silent server ends the run fast. */
export const REQUEST_TIMEOUT_MS = 4000;
/**
 * The first request to a public address may wake a sleeping free host, which takes up to about
 * a minute on the hosts the deploy stage names; the check waits that long for it, and says so.
 */
export const WAKE_TIMEOUT_MS = 60_000;

export interface CheckOptions extends EvidenceOptions {
  url?: string;
  /** The learner's own access token: sent on every request instead of registering a fresh user. */
  token?: string;
}

export interface CheckResult {
  stage: string;
  url: string;
  /** The command that runs these checks again; it pastes and works, since the URL is kept. */
  again: string;
  passed: boolean;
  /** The stage is already marked done. */
  done: boolean;
  date: IsoDate;
  results: StepResult[];
  /** What the check looked at: the API, the database (without its password), the repository, the document. */
  looked: string[];
  /** Remarks on the run as a whole: routes ending in a slash, a login the API asked for, a host that slept. */
  notes: string[];
}

const URL_RULE = 'an http(s) address such as http://localhost:3000, localhost:8000, :8000 or 8000';

/** The learner's URL: http(s) only; `8000`, `:8000` and `localhost:8000` are short for http://localhost:8000. */
export function parseCheckUrl(text: string): URL {
  const trimmed = text.trim();
  const full = /^:?\d{1,5}$/.test(trimmed)
    ? `http://localhost:${trimmed.replace(/^:/, '')}`
    : /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)
      ? trimmed
      : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(full);
  } catch {
    throw new UsageError(`--url must be ${URL_RULE}; got ${JSON.stringify(text.slice(0, 200))}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--url must be an http or https address; ${url.protocol.replace(/:$/, '')} is not allowed.`);
  }
  if (url.username || url.password) throw new UsageError('--url must not carry a user name or password.');
  if (url.port && BLOCKED_PORTS.has(Number(url.port))) {
    throw new UsageError(
      `--url cannot use port ${url.port}: browsers and fetch refuse to connect to it (it belongs to another protocol), so no web page could ever call your API there. Serve it on another port, such as 3000 or 8000.`,
    );
  }
  url.search = '';
  url.hash = '';
  return url;
}

/** True when the stage comes after the one that teaches the login, so its checks run logged in. */
export function needsLogin(roadmap: Roadmap, stage: Stage): boolean {
  if (!roadmap.login) return false;
  const after = roadmap.stages.findIndex((s) => s.id === roadmap.login!.after);
  return after >= 0 && roadmap.stages.indexOf(stage) > after;
}

/**
 * The command that runs a check again as it was run: `command` (the check as the learner's
 * saved state has it) with the flags given that are not remembered. A URL given replaces the
 * example; --repo is made absolute, so the command works from any folder; a token is never printed.
 */
function againCommand(command: string, options: CheckOptions, targets: EvidenceTargets): string {
  const quote = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);
  const parts = [options.url ? command.replace(` --url ${PUBLIC_URL_EXAMPLE}`, '') : command];
  if (options.url) parts.push(`--url ${quote(options.url)}`);
  if (targets.repoGiven) parts.push(`--repo ${quote(targets.repo)}`);
  if (targets.spec) parts.push(`--spec ${quote(targets.spec)}`);
  if (options.remoteDb) parts.push('--remote-db');
  if (options.token) parts.push('--token <your access token>');
  return parts.join(' ');
}

/** The learner's API did not answer at all: what the check can still look at without it is reported first. */
class Unanswered extends FailureError {}

/** One sentence and a hint for a server that could not be reached at all. */
function unreachableError(error: Unreachable, base: URL, stage: Stage, again: string): FailureError {
  const origin = base.origin;
  const other = new URL(base.href);
  other.protocol = base.protocol === 'https:' ? 'http:' : 'https:';
  const withOther = `\`backend-path check ${stage.id} --url ${other.href}\``;
  switch (error.fault) {
    case 'refused': {
      const port = base.port || (base.protocol === 'https:' ? '443' : '80');
      const elsewhere = port === '8000' ? '3000' : '8000';
      return new Unanswered(
        `Nothing answered at ${origin}: ${error.message}. Is your server running, and on this port?`,
        `Start it and run \`${again}\` again; if it listens on another port, say which, e.g. \`backend-path check ${stage.id} --url :${elsewhere}\` (uvicorn and Django use 8000, Express examples 3000).`,
      );
    }
    case 'timeout':
      return new Unanswered(
        `${origin} accepted the connection but sent ${error.message}.`,
        `A request handler is probably stuck: one that never sends its answer (a missing \`res.json\` or \`return\`) or waits on something that never comes, like a database that is not there. Look at your server's log, then run \`${again}\` again.`,
      );
    case 'no-host':
      return new FailureError(`Could not reach ${origin}: ${error.message}. Is the address right?`);
    case 'self-signed':
    case 'untrusted':
    case 'expired':
    case 'wrong-name': {
      // Trusting the certificate helps only one nobody trusts yet; a wrong name or a past date needs a new one.
      const fix =
        error.fault === 'wrong-name'
          ? `make one for the host name you check (${base.hostname})`
          : error.fault === 'expired'
            ? 'make a new one, since this one has expired'
            : `let the check trust it: \`export NODE_EXTRA_CA_CERTS=/path/to/cert.pem\` (the certificate's file, or its CA's), then run \`${again}\` again`;
      return new FailureError(
        `${origin} answered, but ${error.message}.`,
        isLocalHost(base.hostname)
          ? `If your server also answers plain http, check that: ${withOther}. To check it over https, ${fix}.`
          : 'Use the certificate your host issues (free hosts give one), for the host name it was made for.',
      );
    }
    case 'not-https':
      return new FailureError(`${origin} does not speak https on that port (is it plain http?).`, `Run ${withOther}.`);
    case 'speaks-https':
      return new FailureError(`${origin} speaks https on that port, not http.`, `Run ${withOther}.`);
    default:
      return new FailureError(`Could not reach ${origin}: ${error.message}.`);
  }
}

/** The URL to check: `--url`, else the one the check last used for this stage or plan, else the track's port. */
function checkUrl(options: CheckOptions, stage: Stage, fallback: string | null): URL {
  const base = parseCheckUrl(options.url ?? fallback ?? PUBLIC_URL_EXAMPLE);
  if (
    stage.checks?.public &&
    (base.protocol !== 'https:' || isLocalHost(base.hostname) || !(options.url ?? fallback))
  ) {
    throw new UsageError(
      (options.url ?? fallback)
        ? `The ${stage.id} check needs your API's public https address, not ${base.origin}: the point of this stage is that it is live.`
        : `The ${stage.id} check needs your API's public https address: the point of this stage is that it is live.`,
      `Run it as \`backend-path check ${stage.id} --url ${PUBLIC_URL_EXAMPLE}\` with your address.`,
    );
  }
  return base;
}

/** The new record: this run, and the last passing run kept when this one failed. */
function recordOf(
  run: { date: IsoDate; url: string; passed: number; total: number; kinds: EvidenceKindName[] },
  before: CheckRecord | undefined,
): CheckRecord {
  const { kinds, ...rest } = run;
  const lastPass = run.passed === run.total ? { date: run.date, url: run.url, total: run.total } : before?.lastPass;
  return { ...rest, ...(lastPass ? { lastPass } : {}), ...(kinds.length > 0 ? { kinds } : {}) };
}

/** The public address the deploy check last passed with, which a portfolio README should name. */
function deployedUrl(learner: Learner): string | undefined {
  const passes = learner.roadmap.stages
    .filter((s) => s.checks?.public)
    .map((s) => learner.checks.get(s.id)?.lastPass)
    .filter((p) => p !== undefined)
    .sort((a, b) => (a.date < b.date ? 1 : -1));
  return passes[0]?.url;
}

interface Gathered {
  base: URL | null;
  targets: EvidenceTargets;
  results: StepResult[];
  notes: string[];
  /** The API did not answer: the results are the evidence that needed none, and nothing is saved. */
  unanswered: boolean;
}

/** The part of a stage's evidence that needs no answer from the API; null when nothing is left. */
function withoutApi(evidence: StageEvidence, specGiven: boolean): StageEvidence | null {
  const left = {
    ...evidence,
    database: evidence.database.filter((demand) => demand === 'schema'),
    openapi: specGiven ? evidence.openapi : [],
    container: evidence.container.filter((demand) => demand === 'dockerfile'),
  };
  const kinds = [left.database, left.repository, left.openapi, left.container];
  return kinds.some((demands) => demands.length > 0) ? left : null;
}

/**
 * The stage's contract against the API, and the evidence left to look at. When nothing answered,
 * the evidence that needs no API (the Dockerfile, the repository, a document given with --spec,
 * the schema) is still looked at, below a row saying why the API was not checked; a stage with
 * nothing else to look at fails with that reason alone.
 */
async function contractOf(
  stage: Stage,
  api: ContractOptions | null,
  evidence: StageEvidence | null,
  /** The evidence to look at still when the API does not answer (none when a container was started). */
  withoutAnswer: StageEvidence | null,
  again: string,
): Promise<{ contract: CheckRun | null; unanswered: StepResult | null; looked: StageEvidence | null }> {
  if (!stage.checks || !api) return { contract: null, unanswered: null, looked: evidence };
  try {
    return {
      contract: await runApi(() => runContractOnce(stage.checks!.steps, api), api.base, stage, again),
      unanswered: null,
      looked: evidence,
    };
  } catch (error) {
    if (!(error instanceof Unanswered) || !withoutAnswer) throw error;
    const unanswered: StepResult = {
      name: `your API at ${api.base.href}`,
      kind: 'http',
      ok: false,
      ran: false,
      nearMiss: false,
      sent: api.base.href,
      expected: "answers to the stage's requests",
      got: `not run: ${error.message}`,
      why: error.hint ?? null,
    };
    return { contract: null, unanswered, looked: withoutAnswer };
  }
}

/** The API's contract (against the container where one was started) and the evidence the stage declares. */
async function gather(
  learner: Learner,
  stage: Stage,
  options: CheckOptions,
  context: CommandContext,
): Promise<Gathered> {
  const evidence = checkedEvidence(stage);
  const targets = evidenceTargets(learner, stage, options, context.cwd);
  const again = againCommand(checkCommandFor(learner, stage), options, targets);
  const port = learner.roadmap.tracks.get(learner.profile.track)?.port ?? FALLBACK_PORT;
  const { startContainer, runEvidence } = await import('../check/evidence.js');
  const container = evidence?.container.includes('run')
    ? await startContainer(targets.repo, port, again)
    : { steps: [] };
  try {
    const base =
      container.running?.url ??
      (usesApi(stage, targets.spec !== null) ? checkUrl(options, stage, defaultCheckUrl(learner, stage)) : null);
    const api = base && apiOptions(learner, stage, base, options);
    // A container that was started answered before the check began: nothing answering then is its failure.
    const withoutAnswer = container.running || !evidence ? null : withoutApi(evidence, targets.spec !== null);
    const { contract, unanswered, looked } = await contractOf(stage, api, evidence, withoutAnswer, again);
    const more = looked
      ? await runApi(
          () =>
            runEvidence({
              stage,
              evidence: looked,
              track: learner.profile.track,
              api: unanswered ? null : api,
              database: targets.database?.url ?? null,
              repo: targets.repo,
              repoGiven: targets.repoGiven,
              spec: targets.spec,
              deployed: deployedUrl(learner),
              contract,
            }),
          base,
          stage,
          again,
        )
      : [];
    return {
      base: container.running ? null : base,
      targets,
      results: [...(unanswered ? [unanswered] : []), ...(contract?.results ?? []), ...container.steps, ...more],
      notes: contract?.notes ?? [],
      unanswered: unanswered !== null,
    };
  } finally {
    await container.running?.stop();
  }
}

async function runContractOnce(steps: readonly Check[], api: ContractOptions) {
  const { runContract } = await import('../check/contract.js');
  return runContract(steps, api);
}

function apiOptions(learner: Learner, stage: Stage, base: URL, options: CheckOptions): ContractOptions {
  const local = isLocalHost(base.hostname);
  return {
    base,
    timeouts: { each: REQUEST_TIMEOUT_MS, first: local ? REQUEST_TIMEOUT_MS : WAKE_TIMEOUT_MS },
    login: learner.roadmap.login,
    loggedIn: needsLogin(learner.roadmap, stage),
    token: options.token ?? null,
  };
}

/** Runs work that talks to the API or reads evidence, turning "nothing there" into one sentence. */
async function runApi<T>(work: () => Promise<T>, base: URL | null, stage: Stage, again: string): Promise<T> {
  const { Unreachable } = await import('../check/contract.js');
  const { EvidenceUnavailable } = await import('../check/step.js');
  try {
    return await work();
  } catch (error) {
    if (error instanceof Unreachable && base) throw unreachableError(error, base, stage, again);
    if (error instanceof EvidenceUnavailable) throw new FailureError(error.message, error.hint);
    throw error;
  }
}

/**
 * Runs what a machine can check of a stage's project: its HTTP contract against the learner's
 * running API, and the evidence it declares (database, repository, API document, container). The
 * result is kept with the date and the URL, which later checks use without `--url`; the database
 * address is kept too. A check never marks a stage done.
 */
export async function checkCommand(name: string, options: CheckOptions, context: CommandContext): Promise<CheckResult> {
  // Taken before the read: while the file is still this one, what was read is what is there.
  const settled = context.store.settledIdentity(Date.now());
  const { learner, data: seen } = await loadLearner(context);
  const stage = matchStage(learner.roadmap, name);
  if (!stage.checks && !checkedEvidence(stage))
    throw nothingToCheck(learner.roadmap, stage, statusOf(learner, stage.id) === 'done');
  // A check may wait on a server (a sleeping free host, up to a minute): a terminal shows it is at work.
  const stopBusy = await context.busy(`Checking ${stage.id}…`, 300);
  let gathered: Gathered;
  try {
    gathered = await gather(learner, stage, options, context);
  } finally {
    stopBusy();
  }
  const { base, targets, results, notes, unanswered } = gathered;
  const database = targets.database;
  // Evidence that could not be looked at here is reported, never counted for or against the stage.
  const counted = results.filter((r) => !r.unchecked);
  const passed = counted.filter((r) => r.ok).length;
  const kinds = EVIDENCE_KIND_NAMES.filter((kind) => (checkedEvidence(stage)?.[kind].length ?? 0) > 0);
  const { today } = context.clock;
  const recorded = (current: SavedData): SavedData => {
    const record = recordOf(
      { date: today, url: base?.href ?? '', passed, total: counted.length, kinds },
      current.checks[stage.id],
    );
    const planUrl = base && isLocalHost(base.hostname) && !stage.checks?.public ? { checkUrl: base.href } : {};
    const planDb = database ? { checkDatabase: database.url.href } : {};
    return { ...current, ...planUrl, ...planDb, checks: { ...current.checks, [stage.id]: record } };
  };
  // A check run again with the same outcome on the same day has nothing new to keep (the file,
  // its revision and the kept prompt line stay as they are): known without the lock when the
  // file has not changed since it was read, else decided under the lock against the file as it
  // is then (another command may have saved another outcome meanwhile). These are all that
  // recorded() changes.
  const kept = (data: SavedData) => JSON.stringify([data.checks[stage.id], data.checkUrl, data.checkDatabase]);
  const unchanged = (data: SavedData) => kept(recorded(data)) === kept(data);
  // A check whose API did not answer, or that could look at none of the stage's evidence here,
  // is not a run of the stage: nothing is kept, not even the URL, and no earlier outcome changes.
  const nothingKept = unanswered || counted.length === 0;
  if (nothingKept) {
    skipCodeCache();
  } else if (settled && unchanged(seen) && context.store.stillIs(settled)) {
    // A run that saved nothing left the store's writer uncompiled: a code cache kept from it
    // would have every later check that saves compile that code again (3.6 M instructions).
    skipCodeCache();
  } else {
    await context.store.update((current) => {
      if (!current) throw noPlan();
      return { data: unchanged(current) ? undefined : recorded(current), result: undefined };
    });
  }
  return {
    stage: stage.id,
    url: base?.href ?? '',
    looked: looked(base, database?.url ?? null, kinds, targets),
    // The URL and the database are kept now (unless nothing was); the other flags given are not.
    again: againCommand(
      `backend-path check ${stage.id}`,
      nothingKept ? options : { ...options, url: undefined },
      targets,
    ),
    passed: counted.length > 0 && passed === counted.length,
    done: statusOf(learner, stage.id) === 'done',
    date: today,
    results,
    notes,
  };
}

/** What the check looked at, in words, for the report's first line: never a password. */
function looked(base: URL | null, database: URL | null, kinds: EvidenceKindName[], targets: EvidenceTargets): string[] {
  return [
    ...(base ? [`your API at ${base.href}`] : []),
    ...(database ? [`the database ${describeDatabase(database)}`] : []),
    ...(kinds.includes('repository') || kinds.includes('container') ? [`the repository ${targets.repo}`] : []),
    ...(targets.spec && kinds.includes('openapi') ? [`the document ${targets.spec}`] : []),
  ];
}
