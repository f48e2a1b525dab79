// conf checks, when it opens a store, that applying its defaults changed nothing, with
// assert.deepEqual; node:assert loads the colour and stream machinery with it. The two objects
// differ only in their prototype (conf copies the store's keys into a null-prototype object),
// so a strict comparison of their own properties is the same test.
import { isDeepStrictEqual } from 'node:util';

export default {
  deepEqual(actual, expected) {
    if (!isDeepStrictEqual({ ...actual }, { ...expected })) throw new Error('Expected values to be loosely deep-equal.');
  },
};
