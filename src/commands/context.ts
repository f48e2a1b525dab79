import type { IsoDate } from '../plan/dates.js';
import type { ProgressStore } from '../store/store.js';

/** What every command gets from the CLI layer besides its own flags. */
export interface CommandContext {
  store: ProgressStore;
  today: IsoDate;
  /** stdin and stdout are both terminals, so questions can be asked. */
  interactive: boolean;
  /** Tells the learner something on the side (stderr), without touching the command's result. */
  warn: (message: string) => void;
}
