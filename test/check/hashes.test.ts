import { execFileSync } from 'node:child_process';
import { createHash, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { argon2d, argon2i, argon2id, bcrypt } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { recogniseHash } from '../../src/check/database/hashes.js';

const salt = randomBytes(16);

/** Django's own hashers, run by Debian's python3-django where it is installed. */
function djangoHashes(): Record<string, string> | undefined {
  const script = `
from django.conf import settings
settings.configure(PASSWORD_HASHERS=['django.contrib.auth.hashers.' + n for n in ['PBKDF2PasswordHasher', 'MD5PasswordHasher', 'SHA1PasswordHasher', 'UnsaltedMD5PasswordHasher']])
from django.contrib.auth.hashers import make_password
import json
print(json.dumps({h: make_password('Correct-horse-1', hasher=h) for h in ['pbkdf2_sha256', 'md5', 'sha1', 'unsalted_md5']}))`;
  try {
    return JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    ) as Record<string, string>;
  } catch {
    return undefined;
  }
}
const django = djangoHashes();

describe('recogniseHash names the slow hashes the track libraries store', () => {
  it('bcrypt and the three argon2 variants, made by a real implementation (hash-wasm)', async () => {
    const argon = {
      password: 'Correct-horse-1',
      salt,
      iterations: 2,
      parallelism: 1,
      memorySize: 1024,
      hashLength: 32,
      outputType: 'encoded',
    } as const;
    expect(recogniseHash(await argon2id(argon))).toEqual({ kind: 'slow', algorithm: 'argon2' });
    expect(recogniseHash(await argon2i(argon))).toEqual({ kind: 'slow', algorithm: 'argon2' });
    expect(recogniseHash(await argon2d(argon))).toEqual({ kind: 'slow', algorithm: 'argon2' });
    const hashed = await bcrypt({ password: 'Correct-horse-1', salt, costFactor: 4, outputType: 'encoded' });
    expect(hashed).toMatch(/^\$2[aby]\$04\$/);
    expect(recogniseHash(hashed)).toEqual({ kind: 'slow', algorithm: 'bcrypt' });
  });

  // Stored values as each library writes them: passlib's documentation examples, the scrypt
  // crypt test vector (Openwall/libsodium), and values found in public projects' seed data.
  it.each([
    [
      'passlib pbkdf2_sha256',
      '$pbkdf2-sha256$29000$N2YMIWQsBWBMae09x1jrPQ$1t8iyB2A.WF/Z5JZv.lfCIhXXN33N23OSgQYThBYRfk',
      'PBKDF2',
    ],
    [
      'passlib scrypt',
      '$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E',
      'scrypt',
    ],
    ['crypt-style scrypt', '$7$C6..../....SodiumChloride$kBGj9fHznVYFQMEn/qDCfrDevf9YDtcDdKvEqHJLV8D', 'scrypt'],
    [
      'Django argon2',
      'argon2$argon2id$v=19$m=102400,t=2,p=8$M0hTWW83UGRrU3dlRTloelB2b3BuRw$8WrcZco7aJP8hg+beel/rmDILtERykBGKM8u4tW8YBI',
      'argon2',
    ],
    ['Django bcrypt_sha256', 'bcrypt_sha256$$2b$12$LZSJchsWG/DrBy1erNs4eeYo6tZNlLFQmONdxN9HPesa1EyXVcTXK', 'bcrypt'],
    [
      'Django scrypt (n, salt, r, p, key)',
      `scrypt$16384$MFYLUh6ZszpqYzJ6LmpMCf$8$5$${scryptSync('pw', 'MFYLUh6ZszpqYzJ6LmpMCf', 64).toString('base64')}`,
      'scrypt',
    ],
    [
      'hand-written Node scrypt (n, r, p, salt, key)',
      'scrypt$16384$8$1$K9RaWiNGXelywFnfrh36mQ$ZsEOmn0cuOqbRgjH9Vd0p3B8jQZp5NXohMbjyeQVbKxF0Z4ZbS2ECc31qDyL74_ofoj8G6Llvp5d8Xm_XGJ8eA',
      'scrypt',
    ],
    [
      'Werkzeug scrypt',
      'scrypt:32768:8:1$ghJgr04UK5bhvvrj$a7aca761cf924a2d266cafe164c7d42b9bc3a1839cddfcbe70f105b7741e48d272a83fe977872b55d7a03efa4dbe0ca71e4433790ad0d6efb3a0b0b0c4019aa9',
      'scrypt',
    ],
    [
      'Werkzeug pbkdf2',
      'pbkdf2:sha256:600000$p6U7W7Wv$8f8a379c65697d81747864f19b26618451733675f922759e691238626f212234',
      'PBKDF2',
    ],
  ])('%s', (_name, stored, algorithm) => {
    expect(recogniseHash(stored)).toEqual({ kind: 'slow', algorithm });
  });

  it.skipIf(!django)(
    "Django's default PBKDF2 form, made by Django itself (skipped: Debian's python3-django is not installed)",
    () => {
      expect(recogniseHash(django!.pbkdf2_sha256!)).toEqual({ kind: 'slow', algorithm: 'PBKDF2' });
    },
  );
});

describe('recogniseHash calls fast digests fast, and does not guess at the rest', () => {
  it.each([
    ['MD5', createHash('md5').update('Correct-horse-1').digest('hex')],
    ['SHA-1', createHash('sha1').update('Correct-horse-1').digest('hex')],
    ['SHA-256', createHash('sha256').update('Correct-horse-1').digest('hex').toUpperCase()],
    ['SHA-512', createHash('sha512').update('Correct-horse-1').digest('hex')],
  ])('a bare %s hex digest', (algorithm, stored) => {
    expect(recogniseHash(stored)).toEqual({ kind: 'fast', algorithm });
  });

  it.skipIf(!django)(
    "Django's md5, sha1 and unsalted md5 hashers (skipped: Debian's python3-django is not installed)",
    () => {
      expect(recogniseHash(django!.md5!)).toEqual({ kind: 'fast', algorithm: 'MD5' });
      expect(recogniseHash(django!.sha1!)).toEqual({ kind: 'fast', algorithm: 'SHA1' });
      expect(recogniseHash(django!.unsalted_md5!)).toEqual({ kind: 'fast', algorithm: 'MD5' });
    },
  );

  it.each([
    ['the password itself', 'Correct-horse-1'],
    ['base64 of the password', Buffer.from('Correct-horse-1').toString('base64')],
    [
      'a salt:key pair that does not say how it was made',
      `${salt.toString('hex')}:${scryptSync('Correct-horse-1', salt, 64).toString('hex')}`,
    ],
    [
      'raw PBKDF2 output without its parameters',
      pbkdf2Sync('Correct-horse-1', salt, 1000, 20, 'sha256').toString('base64'),
    ],
    ['a bcrypt hash cut short', '$2b$12$LZSJchsWG/DrBy1erNs4eeYo6tZNlLFQmONdxN9HPesa1EyXVcT'],
    ['an empty string', ''],
  ])('%s is unknown', (_name, stored) => {
    expect(recogniseHash(stored)).toEqual({ kind: 'unknown' });
  });
});
