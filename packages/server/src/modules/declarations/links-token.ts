import type { Keys } from '../../crypto/keys.js';
import { blindIndex } from '../../crypto/field-encryption.js';
import { generateToken } from '../../crypto/tokens.js';

/** Blind-index kind of link tokens; part of the hashed input, so a token hash never equals a phone or document index. */
const TOKEN_INDEX_KIND = 'declaration_token';
/** 32 random bytes: 256 bits, out of reach of guessing. */
const TOKEN_BYTES = 32;
/** base64url of 32 bytes is 43 characters from this alphabet; anything else is no token of ours. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;
/** Maximum number of persons one phone's code session covers (a family sharing a number). */
export const MAX_PERSONS_PER_SESSION = 10;

export function newLinkToken(): string {
  return generateToken(TOKEN_BYTES);
}

export function isLinkTokenFormat(token: string): boolean {
  return TOKEN_FORMAT.test(token);
}

/**
 * Keyed hash stored for the token of position `index` of a session. A code
 * session covering several persons stores one row per person: the first
 * under the token's hash, the others under the hash of "token#index", so a
 * single token reaches the whole family while each row keeps one person.
 */
export function tokenHashOf(keys: Keys, token: string, index = 0): string {
  return blindIndex(keys.blindIndex, TOKEN_INDEX_KIND, index === 0 ? token : `${token}#${index}`);
}
