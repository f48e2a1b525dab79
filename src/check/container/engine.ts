import { randomBytes } from 'node:crypto';
import { DockerfileParser } from 'dockerfile-ast';
import { ProcessFailed, runBounded } from '../process.js';
import { judged, type EvidenceStep, type StepFrame } from '../step.js';

const BUILD_TIMEOUT_MS = 15 * 60_000;
const START_TIMEOUT_MS = 60_000;
const POLL_MS = 500;

const BUILD: StepFrame = {
  kind: 'container',
  name: 'the image builds',
  sent: 'docker build',
  expected: 'a built image',
};
const START: StepFrame = {
  kind: 'container',
  name: 'the container starts and answers',
  sent: 'docker run',
  expected: 'an HTTP answer on the exposed port',
};

export interface EngineOptions {
  /** The port the app listens on when the Dockerfile exposes none: the track's port. */
  port: number;
  /** The docker program (tests give a stand-in). */
  command?: string;
  startTimeoutMs?: number;
}

export interface Started {
  steps: EvidenceStep[];
  /** Where the running container answers, and how to remove it and its image; absent when it did not start. */
  running?: { url: URL; stop: () => Promise<void> };
}

/** The port a Dockerfile's first EXPOSE names, if any. */
function exposedPort(dockerfile: string): number | undefined {
  const expose = DockerfileParser.parse(dockerfile)
    .getInstructions()
    .find((i) => i.getKeyword() === 'EXPOSE');
  const port = Number(/^(\d+)/.exec(expose?.getArguments()[0]?.getValue() ?? '')?.[1]);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/** docker's last line of complaint: a build's error comes at the end of what it printed. */
const lastComplaint = (error: unknown) =>
  error instanceof ProcessFailed
    ? (error.stderr
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .at(-1) ?? error.message)
    : String(error);

async function answers(url: URL): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/** Waits until the container answers HTTP, stops running, or the time is up. */
async function waitForAnswer(
  docker: (args: string[]) => Promise<string>,
  id: string,
  url: URL,
  timeoutMs: number,
): Promise<string | null> {
  for (let waited = 0; waited < timeoutMs; waited += POLL_MS) {
    if (await answers(url)) return null;
    if ((await docker(['inspect', '--format', '{{.State.Running}}', id]).catch(() => 'false')).trim() !== 'true') {
      const logs = await docker(['logs', '--tail', '5', id]).catch(() => '');
      return `it stopped${logs.trim() ? `; its last words: ${logs.trim().split('\n').join(' | ')}` : ''}`;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return `nothing answered at ${url.origin} within ${timeoutMs / 1000} seconds`;
}

/**
 * Builds the project's image and starts it with its port published on 127.0.0.1, as the learner
 * would with docker build and docker run, so the todo contract can be run against it. Whatever
 * happens, the container and the image it made are removed by `stop` (or before returning).
 */
export async function buildAndStart(folder: string, dockerfile: string, options: EngineOptions): Promise<Started> {
  const docker = async (args: string[], timeoutMs = 60_000) =>
    (await runBounded(options.command ?? 'docker', args, { cwd: folder, timeoutMs, maxBytes: 1024 * 1024 })).text;
  const tag = `backend-path-check:${randomBytes(4).toString('hex')}`;
  const removeImage = () =>
    docker(['image', 'rm', '--force', tag]).then(
      () => undefined,
      () => undefined,
    );
  try {
    await docker(['build', '--quiet', '--tag', tag, '.'], BUILD_TIMEOUT_MS);
  } catch (error) {
    return {
      steps: [judged(BUILD, false, lastComplaint(error), 'Run docker build . yourself to see the whole output.')],
    };
  }
  const port = exposedPort(dockerfile) ?? options.port;
  let id: string;
  try {
    id = (await docker(['run', '--detach', '--publish', `127.0.0.1::${port}`, tag])).trim();
  } catch (error) {
    await removeImage();
    return {
      steps: [judged(BUILD, true, tag), judged({ ...START, sent: `docker run ${tag}` }, false, lastComplaint(error))],
    };
  }
  const stop = async () => {
    await docker(['rm', '--force', id]).catch(() => undefined);
    await removeImage();
  };
  const published = (await docker(['port', id, `${port}/tcp`]).catch(() => '')).trim().split('\n')[0] ?? '';
  const url = new URL(`http://${published.replace(/^0\.0\.0\.0:/, '127.0.0.1:')}/`);
  const problem = published
    ? await waitForAnswer(docker, id, url, options.startTimeoutMs ?? START_TIMEOUT_MS)
    : `port ${port} was not published`;
  const start = { ...START, sent: `docker run ${tag}, port ${port}`, expected: `an HTTP answer on port ${port}` };
  if (problem) {
    await stop();
    return {
      steps: [
        judged(BUILD, true, tag),
        judged(
          start,
          false,
          problem,
          'Does the app listen on 0.0.0.0 (not localhost) and on the port the Dockerfile EXPOSEs?',
        ),
      ],
    };
  }
  return { steps: [judged(BUILD, true, tag), judged(start, true, `answers at ${url.origin}`)], running: { url, stop } };
}
