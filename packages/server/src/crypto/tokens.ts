import { createHash, randomBytes } from 'node:crypto';

/** Random URL-safe token with the given number of random bytes. */
export function generateToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
