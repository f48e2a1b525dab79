// atomically, conf's writer, imports when-exit to remove its temporary files if the process ends
// in the middle of a write. when-exit listens for seventeen signals on Linux (thirteen on macOS)
// as it loads (SIGHUP, SIGINT, SIGTERM, SIGALRM, SIGQUIT and more), each one a signal handle Node
// starts and stops. conf writes synchronously, so no signal is ever handled while a temporary file
// exists; and a command killed in the middle of one leaves a file that the next command to take
// the lock clears (see sweep in src/store/lock.ts). This stand-in runs the callbacks when the
// process exits, as when-exit does, and leaves the signals to backend-path (src/cli/interrupt.ts)
// and their usual effect. Measured beside the stand-in in scripts/build.mjs.
const callbacks = new Set();
process.once('exit', () => {
  for (const callback of callbacks) callback();
});

module.exports = (callback) => {
  callbacks.add(callback);
  return () => callbacks.delete(callback);
};
