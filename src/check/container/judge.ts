import { DockerfileParser, type Dockerfile, type From } from 'dockerfile-ast';
import { dependencyFolders, notIgnored } from '../project.js';
import { secretIn } from '../repository/secrets.js';
import { judged, listed, notHere, notJudged, type EvidenceStep, type StepFrame } from '../step.js';
import type { ContainerFacts } from './facts.js';

const frame = (name: string, sent: string, expected: string): StepFrame => ({
  kind: 'container',
  name,
  sent,
  expected,
});
const PINNED = frame(
  'the base image is pinned to a version',
  'the FROM lines of the Dockerfile',
  'every base image with a version tag or a digest, never latest',
);
const SMALL = frame(
  'the final image starts from a small base',
  'the last FROM line of the Dockerfile',
  'an alpine, slim or distroless base for the image that runs',
);
const NON_ROOT = frame(
  'the container does not run as root',
  'the USER lines of the final stage',
  'a USER line that switches to a user other than root',
);
const NO_SECRET = frame(
  'no secret is written into the image',
  'the ENV and ARG lines of the Dockerfile',
  'no password, token or key in an ENV or ARG line',
);

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
  if (images.length === 0)
    return judged(
      PINNED,
      false,
      'no FROM line names an image',
      'Start from an official image with a version, such as node:22-alpine.',
    );
  // An image with no tag is latest; a tag without a version (slim, lts-alpine, nonroot) moves too.
  const named = loose.map((image) => (/:[^/:]+$/.test(image) ? image : `${image} (no tag: latest)`));
  const got =
    loose.length === 0
      ? `${listed(images)} ${images.length === 1 ? 'names a version' : 'name versions'}`
      : `${listed(named)} ${loose.length === 1 ? 'moves' : 'move'} with every release`;
  // Distroless publishes no version tags: a digest is its only pin.
  const distroless = loose.some((image) => /distroless/i.test(image));
  return judged(
    PINNED,
    loose.length === 0,
    got,
    `Name a version, such as node:22-alpine or python:3.12-slim, so a rebuild gives the same image${distroless ? '; distroless publishes no version tags, so pin its digest (image@sha256:…)' : ''}.`,
  );
}

/** The image the final stage starts from: a final stage built FROM an earlier stage starts from that stage's base. */
function finalBase(file: Dockerfile): string {
  const froms = file.getFROMs();
  const last = froms.at(-1);
  const image = last ? imageOf(file, last) : '';
  const stages = new Map(froms.map((from) => [from.getBuildStage()?.toLowerCase() ?? '', from] as const));
  return stages.has(image.toLowerCase()) ? imageOf(file, stages.get(image.toLowerCase())!) : image;
}

function smallStep(file: Dockerfile): EvidenceStep {
  const base = finalBase(file);
  const ok = SMALL_BASE.test(base);
  return judged(
    SMALL,
    ok,
    ok ? `the final stage starts from ${base}` : `${base || 'nothing'} is a full image`,
    'The -slim or -alpine variant of the same version is a fraction of its size.',
  );
}

function nonRootStep(file: Dockerfile): EvidenceStep {
  const finalStart = file.getFROMs().at(-1)?.getRange().start.line ?? 0;
  const users = file
    .getInstructions()
    .filter((i) => i.getKeyword() === 'USER' && i.getRange().start.line >= finalStart);
  const user = users.at(-1)?.getArgumentsContent()?.trim();
  const root = user !== undefined && /^(root|0)(:.*)?$/.test(user);
  // The official node images and distroless come with an unprivileged user; the others need one made.
  const base = finalBase(file);
  const how = /(^|\/)node([:@]|$)/i.test(base)
    ? 'the node image has one called node: USER node'
    : /distroless/i.test(base)
      ? 'distroless images have one: USER nonroot'
      : /alpine/i.test(base)
        ? 'e.g. RUN adduser -D app, then USER app'
        : 'e.g. RUN useradd --create-home app, then USER app';
  // Distroless's nonroot tags run as their nonroot user (65532) with no USER line.
  const nonrootImage = user === undefined && /distroless\/.*:(debug-)?nonroot\b/i.test(base);
  if (nonrootImage) return judged(NON_ROOT, true, `no USER line: ${base} runs as its nonroot user (uid 65532)`, null);
  const got =
    user === undefined
      ? 'no USER in the final stage, so the app runs as root'
      : root
        ? `the last USER is ${user}`
        : `USER ${user}`;
  return judged(
    NON_ROOT,
    user !== undefined && !root,
    got,
    `Switch to an unprivileged user before CMD (${how}), so a hole in the app is not root in the container.`,
  );
}

/** An ENV or ARG value that is a secret: a literal under a secret's name, a URL with a password, or a token's shape. */
function holdsSecret(name: string, value: string): boolean {
  const literal = value !== '' && !/^\$\{?\w+\}?$/.test(value);
  return (SECRET_NAME.test(name) && literal) || /:\/\/[^/:@\s]+:[^@\s$]+@/.test(value) || secretIn(value) !== undefined;
}

function secretStep(file: Dockerfile): EvidenceStep {
  const found = [...file.getENVs(), ...file.getARGs()].flatMap((instruction) =>
    instruction
      .getProperties()
      .filter((property) => holdsSecret(property.getName(), property.getValue() ?? ''))
      .map(
        (property) =>
          `${instruction.getKeyword()} ${property.getName()} (line ${instruction.getRange().start.line + 1})`,
      ),
  );
  const got =
    found.length === 0
      ? 'no ENV or ARG holds a secret'
      : `${listed(found)} ${found.length === 1 ? 'holds a value' : 'hold values'} that anyone who pulls the image can read`;
  return judged(
    NO_SECRET,
    found.length === 0,
    got,
    'Pass secrets when the container starts (docker run -e, or env_file in Compose), never in the Dockerfile.',
  );
}

function ignoreStep(facts: ContainerFacts, track: string | null): EvidenceStep {
  const wanted = dependencyFolders(facts.files, track);
  const f = frame(
    'a .dockerignore keeps dependencies and secrets out of the image',
    `${facts.folder}/.dockerignore`,
    `a .dockerignore that leaves out ${listed([...wanted.map((w) => w.label), '.env'])}`,
  );
  const why = 'Without it COPY . . puts your local dependencies and your .env into the image.';
  if (facts.dockerignore === null) return judged(f, false, 'there is no .dockerignore', why);
  const missing = notIgnored(facts.dockerignore, wanted);
  return judged(
    f,
    missing.length === 0,
    missing.length === 0 ? 'leaves them out' : `${listed(missing)} ${missing.length === 1 ? 'is' : 'are'} not left out`,
    why,
  );
}

/** The Dockerfile as a reviewer reads it: pinned and small bases, a non-root user, nothing secret baked in, a .dockerignore. */
export function judgeDockerfile(facts: ContainerFacts, track: string | null): EvidenceStep[] {
  if (facts.dockerfile === null) {
    const exists = frame('the project has a Dockerfile', facts.folder, 'a Dockerfile at the top of the project');
    return [
      judged(
        exists,
        false,
        `no Dockerfile in ${facts.folder}`,
        'Run the check in your project folder, or name it with --repo PATH.',
      ),
      ...[PINNED, SMALL, NON_ROOT, NO_SECRET].map((f) => notJudged(f, 'there is no Dockerfile')),
      ignoreStep(facts, track),
    ];
  }
  const file = DockerfileParser.parse(facts.dockerfile);
  return [pinnedStep(file), smallStep(file), nonRootStep(file), secretStep(file), ignoreStep(facts, track)];
}

const RUN = frame(
  'the image builds, starts and answers the todo contract',
  'the Docker engine of this machine',
  'docker build, docker run, then the todo contract against the container',
);

/** What a machine without a Docker engine could not try, and how the learner tries it instead. */
export function engineMissingStep(facts: ContainerFacts, again: string): EvidenceStep {
  const reason = facts.engine.available ? '' : facts.engine.reason;
  return notHere(
    RUN,
    `no Docker engine answers here (docker info: ${reason}), so the image was neither built nor run. Start your stack yourself (docker compose up), then run \`${again}\``,
  );
}
