import { DockerfileParser, type Dockerfile, type From } from 'dockerfile-ast';
import { dependencyFolders, notIgnored } from '../project.js';
import { secretIn } from '../repository/secrets.js';
import { judged, listed, notJudged, type EvidenceStep } from '../step.js';
import type { ContainerFacts } from './facts.js';

const PINNED = 'the base image is pinned to a version';
const SMALL = 'the final image starts from a small base';
const NON_ROOT = 'the container does not run as root';
const IGNORED = 'a .dockerignore keeps dependencies and secrets out of the image';
const NO_SECRET = 'no secret is written into the image';

/** A setting name that says it holds a secret. */
const SECRET_NAME = /secret|passw(or)?d|passwd|token|api_?key|private_?key|access_?key|credential/i;
/** Base images made small: Alpine, Debian slim, distroless, Chainguard/Wolfi, or nothing at all. */
const SMALL_BASE = /alpine|slim|distroless|chainguard|wolfi|^scratch$/i;

/** The FROM lines that name an image from a registry, not an earlier stage of the same file. */
function imageFroms(file: Dockerfile): From[] {
  const stages = new Set<string>();
  const images: From[] = [];
  for (const from of file.getFROMs()) {
    const name = from.getImageName() ?? '';
    if (!stages.has(name.toLowerCase()) && name !== 'scratch') images.push(from);
    const stage = from.getBuildStage();
    if (stage) stages.add(stage.toLowerCase());
  }
  return images;
}

/** The image a FROM names, with ${VAR} replaced by the ARG default above the first FROM. */
function imageOf(file: Dockerfile, from: From): string {
  const defaults = new Map(
    file.getInitialARGs().flatMap((arg) => arg.getProperties().map((p) => [p.getName(), p.getValue() ?? ''] as const)),
  );
  return (from.getImage() ?? '').replace(/\$\{?(\w+)\}?/g, (whole, name: string) => defaults.get(name) || whole);
}

function pinnedStep(file: Dockerfile): EvidenceStep {
  const images = imageFroms(file).map((from) => imageOf(file, from));
  const loose = images.filter((image) => {
    if (image.includes('@sha256:')) return false;
    const tag = /:([^/:]+)$/.exec(image)?.[1];
    return !tag || !/\d/.test(tag);
  });
  const got =
    loose.length === 0
      ? `${listed(images)} ${images.length === 1 ? 'names a version' : 'name versions'}`
      : `${listed(loose)} ${loose.length === 1 ? 'moves' : 'move'} with every release (no tag means latest); name a version such as node:22-alpine or python:3.12-slim`;
  return judged(
    PINNED,
    'the FROM lines of the Dockerfile',
    'every base image with a version tag or a digest, never latest',
    images.length > 0 && loose.length === 0,
    images.length === 0 ? 'no FROM line names an image' : got,
  );
}

function smallStep(file: Dockerfile): EvidenceStep {
  const froms = file.getFROMs();
  const last = froms.at(-1);
  const image = last ? imageOf(file, last) : '';
  const stages = new Map(froms.map((from) => [from.getBuildStage()?.toLowerCase() ?? '', from] as const));
  // A final stage built FROM an earlier stage is as small as that stage's base.
  const base = stages.has(image.toLowerCase()) ? imageOf(file, stages.get(image.toLowerCase())!) : image;
  const ok = SMALL_BASE.test(base) || base === 'scratch';
  const got = ok
    ? `the final stage starts from ${base}`
    : `${base || 'nothing'} is a full image; the -slim or -alpine variant of the same version is a fraction of its size`;
  return judged(
    SMALL,
    'the last FROM line of the Dockerfile',
    'an alpine, slim or distroless base for the image that runs',
    ok,
    got,
  );
}

function nonRootStep(file: Dockerfile): EvidenceStep {
  const froms = file.getFROMs();
  const finalStart = froms.at(-1)?.getRange().start.line ?? 0;
  const users = file
    .getInstructions()
    .filter((i) => i.getKeyword() === 'USER' && i.getRange().start.line >= finalStart);
  const user = users.at(-1)?.getArgumentsContent()?.trim();
  const root = user !== undefined && /^(root|0)(:.*)?$/.test(user);
  const got =
    user === undefined
      ? 'no USER in the final stage, so the app runs as root'
      : root
        ? `the last USER is ${user}`
        : `USER ${user}`;
  return judged(
    NON_ROOT,
    'the USER lines of the final stage',
    'a USER line that switches to a user other than root',
    user !== undefined && !root,
    got,
  );
}

function secretStep(file: Dockerfile): EvidenceStep {
  const found: string[] = [];
  for (const instruction of [...file.getENVs(), ...file.getARGs()]) {
    for (const property of instruction.getProperties()) {
      const value = property.getValue() ?? '';
      const literal = value !== '' && !/^\$\{?\w+\}?$/.test(value);
      const line = instruction.getRange().start.line + 1;
      if (
        (SECRET_NAME.test(property.getName()) && literal) ||
        /:\/\/[^/:@\s]+:[^@\s$]+@/.test(value) ||
        secretIn(value)
      )
        found.push(`${instruction.getKeyword()} ${property.getName()} (line ${line})`);
    }
  }
  const got =
    found.length === 0
      ? 'no ENV or ARG holds a secret'
      : `${listed(found)} ${found.length === 1 ? 'holds a value' : 'hold values'} that anyone who pulls the image can read; pass secrets when the container starts (docker run -e, or env_file in Compose)`;
  return judged(
    NO_SECRET,
    'the ENV and ARG lines of the Dockerfile',
    'no password, token or key in an ENV or ARG line',
    found.length === 0,
    got,
  );
}

function ignoreStep(facts: ContainerFacts, track: string | null): EvidenceStep {
  const wanted = dependencyFolders(facts.files, track);
  const expected = `a .dockerignore that leaves out ${listed([...wanted.map((w) => w.label), '.env'])}`;
  if (facts.dockerignore === null)
    return judged(
      IGNORED,
      `${facts.folder}/.dockerignore`,
      expected,
      false,
      'there is no .dockerignore, so COPY . . copies your dependencies and .env into the image',
    );
  const missing = notIgnored(facts.dockerignore, wanted);
  return judged(
    IGNORED,
    `${facts.folder}/.dockerignore`,
    expected,
    missing.length === 0,
    missing.length === 0 ? 'leaves them out' : `${listed(missing)} ${missing.length === 1 ? 'is' : 'are'} not left out`,
  );
}

/** The Dockerfile as a reviewer reads it: pinned and small bases, a non-root user, nothing secret baked in, a .dockerignore. */
export function judgeDockerfile(facts: ContainerFacts, track: string | null): EvidenceStep[] {
  if (facts.dockerfile === null) {
    const why = 'there is no Dockerfile';
    return [
      judged(
        'the project has a Dockerfile',
        facts.folder,
        'a Dockerfile at the top of the project',
        false,
        `no Dockerfile in ${facts.folder}`,
      ),
      ...[PINNED, SMALL, NON_ROOT, NO_SECRET].map((name) =>
        notJudged(name, `${facts.folder}/Dockerfile`, 'a Dockerfile to read', why),
      ),
      ignoreStep(facts, track),
    ];
  }
  const file = DockerfileParser.parse(facts.dockerfile);
  return [pinnedStep(file), smallStep(file), nonRootStep(file), secretStep(file), ignoreStep(facts, track)];
}

export const RUN_STEP = 'the image builds, starts and answers the todo contract';

/** What a machine without a Docker engine could not try, and how the learner tries it instead. */
export function engineMissingStep(facts: ContainerFacts, again: string): EvidenceStep {
  const reason = facts.engine.available ? '' : facts.engine.reason;
  return notJudged(
    RUN_STEP,
    'the Docker engine of this machine',
    'docker build, docker run, then the todo contract against the container',
    `no Docker engine answers here (docker info: ${reason}), so the image was neither built nor run. Start your stack yourself (docker compose up), then run \`${again}\``,
  );
}
