import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/** Seal a stored secret with AES-256-GCM: the database holds only `v1:<iv|tag|ciphertext>`. */
export function sealSecret(key: Buffer, plaintext: string, associated: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The entry's identity is bound in, so a sealed value copied to another key or installation does not open.
  cipher.setAAD(Buffer.from(associated));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** Open a sealed secret; throws when the key or the entry's identity does not match. */
export function openSecret(key: Buffer, sealed: string, associated: string): string {
  if (!sealed.startsWith(`${VERSION}:`)) throw new Error('not a sealed value');
  const raw = Buffer.from(sealed.slice(VERSION.length + 1), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(associated));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
