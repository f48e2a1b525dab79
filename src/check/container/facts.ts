/** What the container check reads from the learner's project folder and this machine. */

export type EngineFacts = { available: true; version: string } | { available: false; reason: string };

export interface ContainerFacts {
  folder: string;
  /** The Dockerfile's text, or null when the folder has none. */
  dockerfile: string | null;
  /** The .dockerignore's text, or null when the folder has none. */
  dockerignore: string | null;
  /** The names at the top of the folder, which say what kind of project it is. */
  files: string[];
  /** Whether a Docker engine answers here, and if not, what docker said. */
  engine: EngineFacts;
}
