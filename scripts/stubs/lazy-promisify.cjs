// stubborn-fs wraps sixteen of node:fs's callback functions in util.promisify as it loads; conf
// writes through atomically's synchronous writer, and a write that succeeds calls none of them (one
// that fails removes its temporary file with one). This stand-in promisifies each function on its
// first call; every other export of node:util is node:util's own.
const util = require('node:util');

function promisify(fn) {
  let promised;
  return (...args) => (promised ??= util.promisify(fn))(...args);
}

module.exports = Object.create(util, { promisify: { value: promisify, enumerable: true } });
