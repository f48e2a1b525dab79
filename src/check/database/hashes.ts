/**
 * Recognises how a stored password was hashed from the text alone. Slow hashes carry their
 * algorithm in the stored string (the PHC and modular-crypt forms, and the `algorithm$...` forms
 * Django and Werkzeug store), so they can be named exactly; a bare hex digest can only be told
 * by its length, which is enough to say it is a fast hash.
 */

export type HashVerdict =
  { kind: 'slow'; algorithm: string } | { kind: 'fast'; algorithm: string } | { kind: 'unknown' };

const B64 = '[A-Za-z0-9+/.=_-]';

/** Slow, salted password hashes in the forms the track's libraries and frameworks store. */
const SLOW: readonly (readonly [string, RegExp])[] = [
  ['bcrypt', /^\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}$/],
  [
    'argon2',
    new RegExp(`^\\$argon2(?:id|i|d)\\$(?:v=\\d+\\$)?m=\\d+,t=\\d+,p=\\d+(?:,[a-z]+=[^$]*)*\\$${B64}+\\$${B64}+$`),
  ],
  ['scrypt', new RegExp(`^\\$scrypt\\$ln=\\d+,r=\\d+,p=\\d+\\$${B64}*\\$${B64}+$`)],
  ['scrypt', /^\$7\$[./A-Za-z0-9]{11,}\$[./A-Za-z0-9]+$/],
  ['PBKDF2', new RegExp(`^\\$pbkdf2(?:-sha(?:1|256|512))?\\$\\d+\\$${B64}+\\$${B64}+$`)],
  // Django: pbkdf2_sha256$600000$salt$hash, argon2$argon2id$..., bcrypt_sha256$$2b$..., scrypt$n$salt$r$p$hash;
  // hand-written Node code often stores scrypt$n$r$p$salt$hash, which names its algorithm as well.
  ['PBKDF2', new RegExp(`^pbkdf2_sha(?:1|256|512)\\$\\d+\\$[^$]+\\$${B64}+$`)],
  ['argon2', new RegExp(`^argon2\\$argon2(?:id|i|d)\\$v=\\d+\\$m=\\d+,t=\\d+,p=\\d+\\$${B64}+\\$${B64}+$`)],
  ['bcrypt', /^bcrypt(?:_sha256)?\$\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}$/],
  ['scrypt', new RegExp(`^scrypt\\$\\d+(?:\\$[^$]+){3,4}\\$${B64}{16,}$`)],
  // Werkzeug (Flask): scrypt:32768:8:1$salt$hex and pbkdf2:sha256:600000$salt$hex.
  ['scrypt', /^scrypt:\d+:\d+:\d+\$[^$]+\$[a-f0-9]+$/],
  ['PBKDF2', /^pbkdf2:sha(?:1|256|512)(?::\d+)?\$[^$]+\$[a-f0-9]+$/],
];

/** Unsalted or single-round digests: fast to compute, so fast to guess. */
const FAST_HEX: Readonly<Record<number, string>> = { 32: 'MD5', 40: 'SHA-1', 64: 'SHA-256', 128: 'SHA-512' };
const FAST_FRAMEWORK = /^(?:md5|sha1|unsalted_md5|unsalted_sha1)\$/;

export function recogniseHash(stored: string): HashVerdict {
  for (const [algorithm, pattern] of SLOW) if (pattern.test(stored)) return { kind: 'slow', algorithm };
  const fast = FAST_FRAMEWORK.exec(stored);
  if (fast)
    return {
      kind: 'fast',
      algorithm: fast[0]
        .slice(0, -1)
        .replace(/^unsalted_/, '')
        .toUpperCase(),
    };
  if (/^[a-f0-9]+$/i.test(stored) && FAST_HEX[stored.length])
    return { kind: 'fast', algorithm: FAST_HEX[stored.length]! };
  return { kind: 'unknown' };
}

/** The stored forms a learner can aim at, for messages. */
export const SLOW_HASH_NAMES = 'bcrypt, argon2, scrypt or PBKDF2';
