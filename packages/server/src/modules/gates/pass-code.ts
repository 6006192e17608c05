import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Codes a gate reader scans. The e-pass code on a phone changes every
// PASS_CODE_STEP_SECONDS, so a screenshot stops working within two steps;
// the code on a paper pass is fixed and stops working when the pass is
// revoked or reissued with a new secret. Both are keyed with the pass's own
// secret, which never leaves the server.

export const PASS_CODE_STEP_SECONDS = 30;
/** Steps either side of the current one that still count, for clock drift and a slow scan. */
const ALLOWED_STEP_DRIFT = 1;
const ROTATING_PREFIX = 'CPE1';
const PAPER_PREFIX = 'CPP1';
const ROTATING_MAC_LENGTH = 16;
const PAPER_MAC_LENGTH = 22;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Generates a new pass secret, stored encrypted in access_passes.secret_enc. */
export function generatePassSecret(): string {
  return randomBytes(32).toString('base64url');
}

function mac(secret: string, message: string, length: number): string {
  return createHmac('sha256', Buffer.from(secret, 'base64url')).update(message).digest('base64url').slice(0, length);
}

function stepOf(at: Date): number {
  return Math.floor(at.getTime() / 1000 / PASS_CODE_STEP_SECONDS);
}

/** Returns the e-pass code shown at `at`, and when the next one replaces it. */
export function rotatingPassCode(passId: string, secret: string, at: Date): { code: string; expiresAt: string } {
  const step = stepOf(at);
  const code = `${ROTATING_PREFIX}.${passId}.${step}.${mac(secret, `${passId}.${step}`, ROTATING_MAC_LENGTH)}`;
  return { code, expiresAt: new Date((step + 1) * PASS_CODE_STEP_SECONDS * 1000).toISOString() };
}

/** Returns the fixed code printed on a paper pass. */
export function paperPassCode(passId: string, secret: string): string {
  return `${PAPER_PREFIX}.${passId}.${mac(secret, `${passId}.paper`, PAPER_MAC_LENGTH)}`;
}

export type ParsedPassCode =
  { kind: 'rotating'; passId: string; step: number; mac: string } | { kind: 'paper'; passId: string; mac: string };

/** Reads a scanned code without checking it; null for anything that is not a Cordon pass code. */
export function parsePassCode(raw: string): ParsedPassCode | null {
  if (raw.length > 120) return null;
  const parts = raw.trim().split('.');
  const [prefix, passId] = parts;
  if (passId === undefined || !UUID.test(passId)) return null;
  if (prefix === ROTATING_PREFIX && parts.length === 4) {
    const step = Number(parts[2]);
    if (!Number.isSafeInteger(step) || step < 0) return null;
    return { kind: 'rotating', passId, step, mac: parts[3] ?? '' };
  }
  if (prefix === PAPER_PREFIX && parts.length === 3) return { kind: 'paper', passId, mac: parts[2] ?? '' };
  return null;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Why a parsed code with its pass's secret is or is not valid at `at`:
 * 'valid', 'expired' (a rotating code outside the allowed steps, such as a
 * screenshot) or 'forged' (the MAC does not match the secret).
 */
export function checkPassCode(parsed: ParsedPassCode, secret: string, at: Date): 'valid' | 'expired' | 'forged' {
  if (parsed.kind === 'paper') {
    return sameText(parsed.mac, mac(secret, `${parsed.passId}.paper`, PAPER_MAC_LENGTH)) ? 'valid' : 'forged';
  }
  if (!sameText(parsed.mac, mac(secret, `${parsed.passId}.${parsed.step}`, ROTATING_MAC_LENGTH))) return 'forged';
  return Math.abs(stepOf(at) - parsed.step) <= ALLOWED_STEP_DRIFT ? 'valid' : 'expired';
}
