// ical-generator gives every new event an id from the global crypto.randomUUID() before it takes
// the id backend-path passes (src/ui/export-ics.ts gives each event a stable one). Node's global
// crypto is its Web Crypto, which loads Node's crypto and stream modules on first use. This
// stand-in, injected in its place into dist/vendor/ical-generator.js only, makes an id of the
// same form (a version 4 UUID) from Math.random: unique enough for an id that is replaced at once.
export const crypto = {
  randomUUID: () =>
    'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) =>
      (c === 'x' ? Math.floor(Math.random() * 16) : 8 + Math.floor(Math.random() * 4)).toString(16),
    ),
};
