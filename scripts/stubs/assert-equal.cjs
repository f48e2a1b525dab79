// signal-exit 3 (through proper-lockfile) loads node:assert for one argument check; node:assert
// loads the colour and stream machinery with it. The check itself is kept.
module.exports = {
  equal(actual, expected, message) {
    if (actual != expected) throw new Error(message);
  },
};
