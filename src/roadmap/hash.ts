import { createHash } from 'node:crypto';

/**
 * The sha256 of a roadmap file's bytes: how a later run tells whether the file changed. A module
 * of its own, so the reads that find a compiled roadmap (store/compiled.ts checks it by its
 * bytes) never load node:crypto, about 3 ms of a start.
 */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
