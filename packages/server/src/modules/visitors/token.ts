import { blindIndex } from '../../crypto/field-encryption.js';
import type { Keys } from '../../crypto/keys.js';
import { generateToken } from '../../crypto/tokens.js';

/** Blind-index kind of confirmation tokens, so a token's hash never equals another index. */
const TOKEN_INDEX_KIND = 'visitor_confirmation_token';
/** 32 random bytes (256 bits), base64url: 43 characters. */
const TOKEN_BYTES = 32;
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;
/** The host has this long to answer; the visitor waits at the gate. */
export const CONFIRMATION_TTL_MS = 30 * 60_000;

export function newConfirmationToken(): string {
  return generateToken(TOKEN_BYTES);
}

export function isConfirmationTokenFormat(token: string): boolean {
  return TOKEN_FORMAT.test(token);
}

/** Keyed hash stored for a token: a copy of the database alone does not give working links. */
export function confirmationTokenHashOf(keys: Keys, token: string): string {
  return blindIndex(keys.blindIndex, TOKEN_INDEX_KIND, token);
}

/** URL of the host's confirmation page. */
export function confirmationUrlOf(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/v/${token}`;
}
