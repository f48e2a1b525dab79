// commander requires child_process at load time but uses it only to run executable subcommands,
// which backend-path does not have. This stand-in loads the real module on first use, so a start
// does not pay for it (and for the net and dgram modules it pulls in).
let real;
module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });
