import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
export const binPath = fileURLToPath(new URL('../../bin/backend-path.js', import.meta.url));
/** The fixture roadmap the CLI and end-to-end tests plan with: the shipped roadmaps are only read by content tests. */
export const COURSE = fixture('roadmaps/course.yaml');
