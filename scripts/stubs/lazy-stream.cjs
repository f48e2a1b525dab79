// atomically (conf's writer) imports Readable from node:stream to accept a stream as the data to
// write; conf always writes a string. This stand-in loads node:stream on first use (an
// `instanceof` test included), so a write does not pay for the stream machinery.
let real;
const readable = () => (real ??= require('node:stream')).Readable;
module.exports = {
  Readable: new Proxy(function Readable() {}, {
    get: (_, key) => readable()[key],
    getPrototypeOf: () => Object.getPrototypeOf(readable()),
  }),
};
