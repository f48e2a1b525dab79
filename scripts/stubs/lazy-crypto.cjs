// conf imports node:crypto at load time but uses it only to encrypt a store, which backend-path
// never asks for. This stand-in loads the real module on first use, so a write does not pay for
// it (and for the stream modules it pulls in).
let real;
module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:crypto'))[key] });
