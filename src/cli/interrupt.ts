import { CancelledError } from '../errors.js';

/**
 * While a command waits for the progress file's lock, or holds it and has not saved yet, Ctrl-C
 * (SIGINT) and SIGTERM end it at once with nothing saved: the store aborts the wait or the save
 * and releases the lock, and the command exits 130 (143 for SIGTERM). Once a change is saved
 * (`done(true)`), the run's outcome is decided: the signals are ignored while it says what it
 * did, so a script never sees 130 for a change that was made and makes it again. Otherwise the
 * signals keep their usual effect, so a read is stopped as any program is.
 */
export function interruptible(): { signal: AbortSignal; done: (saved?: boolean) => void } {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort(new CancelledError('Cancelled: nothing was saved.'));
  const onTerminate = () => controller.abort(new CancelledError('Stopped: nothing was saved.', 143));
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  return {
    signal: controller.signal,
    done: (saved = false) => {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onTerminate);
      // Once, however many changes a run saves.
      if (saved && !process.listeners('SIGINT').includes(ignore)) {
        process.on('SIGINT', ignore);
        process.on('SIGTERM', ignore);
      }
    },
  };
}

const ignore = () => {};
