import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ProcessFailed, runBounded } from '../process.js';
import { EvidenceUnavailable } from '../step.js';
import type { ContainerFacts, EngineFacts } from './facts.js';

const MAX_FILE_BYTES = 256 * 1024;
const ENGINE_TIMEOUT_MS = 10_000;

async function optionalText(path: string): Promise<string | null> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return null;
  if (info.size > MAX_FILE_BYTES)
    throw new EvidenceUnavailable(`${path} is larger than ${MAX_FILE_BYTES / 1024} KB, which no Dockerfile needs.`);
  return readFile(path, 'utf8');
}

/** Whether `docker info` reaches an engine: its version, or docker's own first line of complaint. */
export async function probeEngine(options: { timeoutMs?: number; command?: string } = {}): Promise<EngineFacts> {
  try {
    const { text } = await runBounded(options.command ?? 'docker', ['info', '--format', '{{.ServerVersion}}'], {
      cwd: process.cwd(),
      timeoutMs: options.timeoutMs ?? ENGINE_TIMEOUT_MS,
      maxBytes: 4096,
    });
    return { available: true, version: text.trim() };
  } catch (error) {
    if (!(error instanceof ProcessFailed)) throw error;
    return { available: false, reason: error.missing ? 'the docker command is not installed' : error.message };
  }
}

/** Reads the project folder's Dockerfile and .dockerignore, and asks whether an engine is here to build with. */
export async function readContainer(
  folder: string,
  options: { engine?: () => Promise<EngineFacts> } = {},
): Promise<ContainerFacts> {
  const absolute = resolve(folder);
  const info = await stat(absolute).catch(() => undefined);
  if (!info?.isDirectory())
    throw new EvidenceUnavailable(`There is no folder ${absolute}.`, 'Name your project folder with --repo PATH.');
  return {
    folder: absolute,
    dockerfile: await optionalText(join(absolute, 'Dockerfile')),
    dockerignore: await optionalText(join(absolute, '.dockerignore')),
    files: (await readdir(absolute)).slice(0, 1000),
    engine: await (options.engine ?? probeEngine)(),
  };
}
