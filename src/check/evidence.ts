import { DATABASE_URL_EXAMPLE } from '../coach/check-url.js';
import type { Check, Stage, StageEvidence } from '../roadmap/types.js';
import { EvidenceUnavailable, notHere, type StepFrame } from './step.js';
import type { ContractOptions } from './contract.js';
import type { CheckRun, StepResult } from './result.js';
import type { Started } from './container/engine.js';
import type { DatabaseProbe } from './database/facts.js';

/**
 * Gathers and judges the evidence beyond HTTP that a stage declares: the learner's database,
 * repository, API document and Dockerfile. Each kind's library is loaded only here, when a stage
 * asks for that kind.
 */
export interface EvidenceInputs {
  stage: Stage;
  evidence: StageEvidence;
  track: string | null;
  /** How to reach the learner's API, for the rows the database check looks for and the served document. */
  api: ContractOptions | null;
  database: URL | null;
  repo: string;
  spec: string | null;
  /** The learner named the repository with --repo: then a folder that is not one is a failure, not a gap. */
  repoGiven: boolean;
  /** The public address the deploy check last passed with, which the README should name. */
  deployed: string | undefined;
  /** The stage's own HTTP contract run, whose registered learner the password check looks for. */
  contract: CheckRun | null;
}

/** The todo the database check creates through the learner's API, to look for in the todos table. */
const PROBE_TODO: Check = {
  name: 'POST /todos creates the todo the database check looks for',
  request: { method: 'POST', path: '/todos', json: { title: 'Stored by backend-path ${random}' }, headers: [] },
  session: null,
  as: null,
  attempts: 1,
  expect: { status: [200, 201], json: [['$.id', { exists: true }]] },
  capture: [['id', '$.id']],
  hint: null,
};
/** A fresh account, for a stage that looks for a stored password without registering one in its own contract. */
const PROBE_USER: Check = {
  name: 'POST /auth/register creates the account the database check looks for',
  request: null,
  session: { action: 'register', user: 'learner', password: null },
  as: null,
  attempts: 1,
  expect: { status: [200, 201], json: [] },
  capture: [],
  hint: null,
};

/** Creates through the API what the database check looks for; the probe's failing steps are reported with the rest. */
async function probeApi(inputs: EvidenceInputs): Promise<{ probe: DatabaseProbe; failed: StepResult[] }> {
  const demands = inputs.evidence.database;
  const steps = [
    ...(demands.includes('todo-stored') ? [PROBE_TODO] : []),
    ...(demands.includes('password-hashed') && !inputs.contract ? [PROBE_USER] : []),
  ];
  const { runContract } = await import('./contract.js');
  const run = steps.length > 0 && inputs.api ? await runContract(steps, inputs.api) : null;
  const values = new Map([...(inputs.contract?.values ?? []), ...(run?.values ?? [])]);
  const probe: DatabaseProbe = {};
  const id = run?.values.get('id');
  if (demands.includes('todo-stored') && (typeof id === 'string' || typeof id === 'number'))
    probe.todo = { id: String(id), title: `Stored by backend-path ${String(run!.values.get('random'))}` };
  const email = values.get('email');
  const password = values.get('password');
  if (demands.includes('password-hashed') && typeof email === 'string' && typeof password === 'string')
    probe.user = { login: email, password };
  return { probe, failed: run?.results.filter((r) => !r.ok) ?? [] };
}

async function databaseSteps(inputs: EvidenceInputs): Promise<StepResult[]> {
  if (!inputs.database) {
    const frame: StepFrame = {
      kind: 'database',
      name: 'your database',
      sent: 'the database your API uses',
      expected: `what the stage asks of it: ${inputs.evidence.database.join(', ')}`,
    };
    return [
      notHere(
        frame,
        `no database was given: add --db ${DATABASE_URL_EXAMPLE} (the DATABASE_URL your API uses); the check remembers it`,
      ),
    ];
  }
  const { probe, failed } = await probeApi(inputs);
  const { readDatabase } = await import('./database/read.js');
  const { judgeDatabase } = await import('./database/judge.js');
  return [...failed, ...judgeDatabase(await readDatabase(inputs.database!, probe), probe, inputs.evidence.database)];
}

/** What the project folder was assumed to hold but does not, when no --repo said where it is: not judged here. */
function notInThisFolder(
  kind: StepFrame['kind'],
  name: string,
  expected: string,
  found: string,
  inputs: EvidenceInputs,
): StepResult {
  const frame: StepFrame = { kind, name, sent: inputs.repo, expected };
  return notHere(frame, `${found} Run the check in your project's folder, or name it with --repo <folder>.`);
}

async function repositorySteps(inputs: EvidenceInputs): Promise<StepResult[]> {
  const { readRepository } = await import('./repository/read.js');
  const { judgeRepository } = await import('./repository/judge.js');
  let facts;
  try {
    facts = await readRepository(inputs.repo);
  } catch (error) {
    // Run from another folder without --repo: the repository was not given, so it is not judged here.
    if (!(error instanceof EvidenceUnavailable) || inputs.repoGiven) throw error;
    return [
      notInThisFolder('repository', 'your repository', 'a git repository with your project', error.message, inputs),
    ];
  }
  return judgeRepository(facts, inputs.evidence.repository, { track: inputs.track, deployed: inputs.deployed });
}

async function openApiSteps(inputs: EvidenceInputs): Promise<StepResult[]> {
  const { readOpenApi } = await import('./openapi/read.js');
  const { judgeOpenApi } = await import('./openapi/judge.js');
  const facts = await readOpenApi(inputs.spec ? { spec: inputs.spec } : { base: inputs.api!.base });
  return judgeOpenApi(facts, inputs.evidence.openapi);
}

async function dockerfileSteps(inputs: EvidenceInputs): Promise<StepResult[]> {
  if (!inputs.evidence.container.includes('dockerfile')) return [];
  const { readContainer } = await import('./container/read.js');
  const { judgeDockerfile } = await import('./container/judge.js');
  const facts = await readContainer(inputs.repo, { engine: async () => ({ available: false, reason: 'not asked' }) });
  if (facts.dockerfile === null && !inputs.repoGiven) {
    const missing = `there is no Dockerfile in ${inputs.repo}.`;
    return [notInThisFolder('container', 'your Dockerfile', 'a Dockerfile for your API', missing, inputs)];
  }
  return judgeDockerfile(facts, inputs.track);
}

/** Every declared kind's steps, in the order a reviewer would look: data, code, document, image. */
export async function runEvidence(inputs: EvidenceInputs): Promise<StepResult[]> {
  const { evidence } = inputs;
  return [
    ...(evidence.database.length > 0 ? await databaseSteps(inputs) : []),
    ...(evidence.repository.length > 0 ? await repositorySteps(inputs) : []),
    ...(evidence.openapi.length > 0 ? await openApiSteps(inputs) : []),
    ...(evidence.container.length > 0 ? await dockerfileSteps(inputs) : []),
  ];
}

/**
 * For a stage that asks to run its container: builds and starts the image where a Docker engine
 * answers, so the stage's contract runs against it; elsewhere, the one step saying what could not
 * be tried.
 */
export async function startContainer(repo: string, port: number, again: string): Promise<Started> {
  const { readContainer } = await import('./container/read.js');
  const facts = await readContainer(repo);
  if (facts.dockerfile === null) return { steps: [] };
  if (!facts.engine.available) {
    const { engineMissingStep } = await import('./container/judge.js');
    return { steps: [engineMissingStep(facts, again)] };
  }
  const { buildAndStart } = await import('./container/engine.js');
  return buildAndStart(facts.folder, facts.dockerfile, { port });
}
