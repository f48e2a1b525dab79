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

/**
 * Whether these arguments ask for help or the version, which the loader runs from the help
 * bundle (boot.ts) and which builds the whole commander program (program.ts), so that the help
 * bundle's one code cache holds all of it.
 */
export function asksHelp(argv: readonly string[]): boolean {
  return argv[0] === 'help' || argv.some((word) => ['--help', '-h', '--version', '-v'].includes(word));
}

/** An output the loader keeps between runs (kept.ts), each in a file of its own in the cache folder. */
export type KeptOutput = 'prompt-line' | 'help';

/** The output these arguments ask for that may be kept, if any: the loader asks before loading anything else. */
export function keptOutput(argv: readonly string[]): KeptOutput | undefined {
  if (argv.length === 2 && argv[0] === 'status' && argv[1] === '--short') return 'prompt-line';
  if (argv.length === 1 && ['--help', '-h', 'help'].includes(argv[0]!)) return 'help';
  return undefined;
}
