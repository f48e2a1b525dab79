import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
export const binPath = fileURLToPath(new URL('../../bin/backend-path.js', import.meta.url));
/** The CLI tests' roadmap: the built-in backend roadmap frozen at v2, so content edits never move their dates. */
export const jobPath = fixture('roadmaps/job-path.yaml');
