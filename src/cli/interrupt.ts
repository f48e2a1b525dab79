import { CancelledError } from '../errors.js';

/**
 * While a command waits for the progress file's lock, or holds it and has not saved yet, Ctrl-C
 * (SIGINT) and SIGTERM end it at once with nothing saved: the store aborts the wait or the save
 * and releases the lock, and the command exits 130 (143 for SIGTERM). Outside that time the
 * signals keep their usual effect, so a read is stopped as any program is.
 */
export function interruptible(): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort(new CancelledError('Cancelled: nothing was saved.'));
  const onTerminate = () => controller.abort(new CancelledError('Stopped: nothing was saved.', 143));
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  return {
    signal: controller.signal,
    done: () => {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onTerminate);
    },
  };
}
