import type { CommandContext } from './context.js';
import { UsageError } from '../errors.js';

export interface ResetResult {
  reset: boolean;
  /** Where the old file was moved; null when there was nothing to move. */
  movedTo: string | null;
  /** The progress file: moving `movedTo` back there undoes the reset. */
  file: string;
}

/**
 * Forgets the plan and progress by moving the file aside, never deleting it. It does not read
 * the file first, so it is also the way out of a damaged one.
 */
export async function resetCommand(options: { yes?: boolean }, context: CommandContext): Promise<ResetResult> {
  if (!options.yes) {
    if (!context.interactive)
      throw new UsageError('reset forgets your plan and progress; pass --yes to confirm it without a terminal.');
    const { askConfirm } = await import('../ui/prompts.js');
    const sure = await askConfirm(
      'Forget your plan and all progress?',
      false,
      'Cancelled: nothing was reset.',
      'The progress file is moved aside, not deleted.',
    );
    if (!sure) return { reset: false, movedTo: null, file: context.store.path };
  }
  const movedTo = await context.store.moveAside(context.clock.now);
  return { reset: true, movedTo: movedTo ?? null, file: context.store.path };
}
