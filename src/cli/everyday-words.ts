/**
 * The reads a learner runs many times a day: the bare command, `next`, `status` and the prompt
 * line (`status --short`), each with or without `--json`. The loader (boot.ts) runs these from a
 * bundle of their own, which holds only their code; run.ts gives them the same fast path.
 */
const READS = new Set(['', 'next', 'status', 'status --short']);

/** The everyday read these arguments ask for (`words` without `--json`), or undefined for any other command. */
export function everydayRead(argv: readonly string[]): { words: string; json: boolean } | undefined {
  const words = argv.filter((word) => word !== '--json');
  if (words.length + 1 < argv.length || !READS.has(words.join(' '))) return undefined;
  return { words: words.join(' '), json: words.length < argv.length };
}
