import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {}

/**
 * Encrypts a personal field (identity or phone number) with AES-256-GCM.
 * Output: "v1:" + base64(iv ‖ tag ‖ ciphertext). A fresh IV per value means
 * equal numbers encrypt differently; use blindIndex for lookups.
 */
export function encryptField(key: Buffer, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
}

/** Decrypts a value of encryptField; throws DecryptionError when it was altered or the key differs. */
export function decryptField(key: Buffer, stored: string): string {
  const [version, payload] = stored.split(':', 2);
  if (version !== VERSION || !payload) throw new DecryptionError('unsupported encrypted field format');
  const raw = Buffer.from(payload, 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new DecryptionError('encrypted field is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError('encrypted field failed authentication');
  }
}

/**
 * Keyed HMAC-SHA-256 of a normalised value, stored beside the ciphertext for
 * exact lookup and deduplication. The kind ("id_number", "phone") is part of
 * the input so equal strings of different kinds do not collide.
 */
export function blindIndex(key: Buffer, kind: string, normalizedValue: string): string {
  return createHmac('sha256', key).update(`${kind}\u0000${normalizedValue}`).digest('hex');
}
