// stubborn-fs wraps sixteen of node:fs's callback functions in util.promisify as it loads;
// conf writes through atomically's synchronous writer, which calls none of them. This stand-in
// promisifies each function on its first call.
const { promisify } = require('node:util');

exports.promisify = (fn) => {
  let promised;
  return (...args) => (promised ??= promisify(fn))(...args);
};
