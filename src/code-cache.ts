/**
 * What the program tells its loader (cli/boot.ts) about the compiled code a run leaves behind.
 * V8 keeps the first code cache a bundle is given, and it holds only the functions its run
 * called. A run that failed (the error report says so) or found no plan (the welcome, an empty
 * prompt line) called little of its command's code, so a cache kept from it would leave every
 * later run compiling the rest: `next` ran 142.2 M instructions after a first `next` without a
 * plan, against 121.2 M (callgrind), and the prompt line 125.9 M against 110.2 M.
 *
 * The loader and the program are separate bundles, each with its own copy of this module: they
 * meet at a global, which only a run that has nothing to keep sets.
 */
const SKIP = Symbol.for('backend-path.skip-code-cache');

type WithSkip = { [SKIP]?: true };

/** This run did little of its command's work: its compiled code is not worth keeping. */
export function skipCodeCache(): void {
  (globalThis as WithSkip)[SKIP] = true;
}

/** For the loader: whether the program said its run's code is not worth keeping. */
export function codeCacheSkipped(): boolean {
  return (globalThis as WithSkip)[SKIP] === true;
}
