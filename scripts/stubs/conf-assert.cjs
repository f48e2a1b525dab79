// conf calls assert.deepEqual once, as it opens the file, to see whether the file lacks a default
// value (backend-path gives none, so the two objects always hold the same values). Loading
// node:assert builds its error machinery, which creates process.stderr and with it Node's stream
// modules. This stand-in makes the same comparison with util.isDeepStrictEqual, key by key, so the
// null prototype of conf's copy does not count, as it does not for deepEqual.
const { isDeepStrictEqual } = require('node:util');

function deepEqual(actual, expected) {
  const keys = Object.keys(actual);
  const same =
    keys.length === Object.keys(expected).length &&
    keys.every((key) => Object.hasOwn(expected, key) && isDeepStrictEqual(actual[key], expected[key]));
  if (!same) throw new Error('The values differ.');
}

module.exports = { deepEqual };
