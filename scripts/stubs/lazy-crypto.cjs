// conf imports node:crypto when it loads, for encrypted stores, which backend-path does not use.
// This stand-in loads the real module on first use, so a write does not pay for it.
let real;
module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:crypto'))[key] });
