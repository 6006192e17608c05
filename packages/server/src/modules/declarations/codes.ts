import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { type Locale, maskPersonName, parsePhoneNumber, toHalfWidth } from '@cordon/core';
import type { ServiceContext } from '../../context/types.js';
import { blindIndex } from '../../crypto/field-encryption.js';
import { AppError } from '../../errors/app-error.js';
import { phoneIndexOf } from '../persons/input.js';
import { insertLinks } from './links-repository.js';
import { MAX_PERSONS_PER_SESSION, newLinkToken, tokenHashOf } from './links-token.js';
import { listPersonsByPhoneIndex } from './public-repository.js';
import * as repo from './codes-repository.js';

export const CODE_DIGITS = 6;
export const CODE_VALID_MINUTES = 10;
/** Seconds before the same phone may ask for another code. */
export const CODE_RESEND_SECONDS = 60;
/** Codes one phone may receive per hour. */
export const CODES_PER_PHONE_PER_HOUR = 5;
/** Wrong entries after which a code stops working. */
export const CODE_MAX_ATTEMPTS = 5;
/** Lifetime of the session a verified code opens. */
export const CODE_SESSION_HOURS = 2;

/** Blind-index kind of codes; the code's id is part of the input, so equal codes of two requests hash apart. */
const CODE_INDEX_KIND = 'declaration_code';

/** Parses the phone a resident typed (full-width digits allowed); only a mobile number can receive a code. */
function requireMobile(input: string) {
  const parsed = parsePhoneNumber(input);
  if (!parsed.ok) throw new AppError(parsed.code, 'phone');
  if (parsed.value.kind !== 'mobile') throw new AppError('DECLARATION_PHONE_NOT_MOBILE', 'phone');
  return parsed.value;
}

function codeHashOf(ctx: ServiceContext, codeId: string, code: string): string {
  return blindIndex(ctx.keys.blindIndex, CODE_INDEX_KIND, `${codeId}:${code}`);
}

function secondsUntil(instantMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((instantMs - nowMs) / 1000));
}

/**
 * Sends a one-time code to a phone that belongs to at least one person file.
 * The response and the limits are the same for a phone no file has, so the
 * endpoint does not tell which numbers are on file: a code row is stored in
 * both cases and only the SMS is left out.
 */
export async function requestDeclarationCode(ctx: ServiceContext, phoneInput: string, locale: Locale) {
  const phone = requireMobile(phoneInput);
  const phoneHash = phoneIndexOf(ctx.keys, phone);
  const now = ctx.clock();
  const nowMs = now.getTime();

  // NOTE: two requests for one phone in the same instant can both pass these checks and send two codes.
  const recent = await repo.listCodeTimesSince(ctx.db, phoneHash, new Date(nowMs - 3_600_000).toISOString());
  const latest = recent[0];
  if (latest && Date.parse(latest) > nowMs - CODE_RESEND_SECONDS * 1000) {
    throw new AppError('RATE_LIMITED', 'phone', { seconds: secondsUntil(Date.parse(latest) + CODE_RESEND_SECONDS * 1000, nowMs) });
  }
  if (recent.length >= CODES_PER_PHONE_PER_HOUR) {
    const oldest = recent[recent.length - 1] as string;
    throw new AppError('RATE_LIMITED', 'phone', { seconds: secondsUntil(Date.parse(oldest) + 3_600_000, nowMs) });
  }

  const id = randomUUID();
  const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
  await repo.insertCode(ctx.db, {
    id,
    phone_hash: phoneHash,
    code_hash: codeHashOf(ctx, id, code),
    created_at: now.toISOString(),
    expires_at: new Date(nowMs + CODE_VALID_MINUTES * 60_000).toISOString(),
    attempts: 0,
    consumed_at: null,
  });

  const persons = await listPersonsByPhoneIndex(ctx.db, phoneHash, 1);
  const first = persons[0];
  if (first) {
    await ctx.sms.send({
      phone: phone.national,
      template: 'declaration_code',
      params: { code, minutes: String(CODE_VALID_MINUTES) },
      locale,
      nodeCode: first.community_code,
    });
  }
  return { resendAfterSeconds: CODE_RESEND_SECONDS, expiresInMinutes: CODE_VALID_MINUTES, sent: first !== undefined };
}

function invalidCode(): AppError {
  return new AppError('DECLARATION_CODE_INVALID', 'code');
}

/**
 * Checks a code against the latest one sent to the phone. Every entry counts
 * as an attempt before the comparison, in one conditional update, so parallel
 * guesses cannot exceed the limit. The fifth wrong entry burns the code. A
 * right code opens a 2-hour session for every person file with that phone.
 */
export async function verifyDeclarationCode(ctx: ServiceContext, phoneInput: string, codeInput: string) {
  const phone = requireMobile(phoneInput);
  const code = toHalfWidth(codeInput).replace(/\s/g, '');
  if (!new RegExp(`^\\d{${CODE_DIGITS}}$`).test(code)) throw invalidCode();

  const phoneHash = phoneIndexOf(ctx.keys, phone);
  const now = ctx.clock();
  const at = now.toISOString();
  const pending = await repo.findLatestPendingCode(ctx.db, phoneHash, at);
  if (!pending) throw invalidCode();
  if (!(await repo.countAttempt(ctx.db, pending.id, CODE_MAX_ATTEMPTS))) throw invalidCode();

  const expected = Buffer.from(pending.code_hash, 'hex');
  const actual = Buffer.from(codeHashOf(ctx, pending.id, code), 'hex');
  if (!timingSafeEqual(expected, actual)) {
    if (pending.attempts + 1 >= CODE_MAX_ATTEMPTS) await repo.consumeCode(ctx.db, pending.id, at);
    throw invalidCode();
  }
  // Another request with the right code consumed it first.
  if (!(await repo.consumeCode(ctx.db, pending.id, at))) throw invalidCode();

  const persons = await listPersonsByPhoneIndex(ctx.db, phoneHash, MAX_PERSONS_PER_SESSION);
  // The phone was removed from its file after the code was sent.
  if (persons.length === 0) throw invalidCode();

  const token = newLinkToken();
  const expiresAt = new Date(now.getTime() + CODE_SESSION_HOURS * 3_600_000).toISOString();
  await insertLinks(
    ctx.db,
    persons.map((person, index) => ({
      id: randomUUID(),
      person_id: person.id,
      channel: 'code',
      token_hash: tokenHashOf(ctx.keys, token, index),
      created_by: null,
      created_at: at,
      expires_at: expiresAt,
      revoked_at: null,
      revoked_by: null,
      last_used_at: null,
    })),
  );

  if (persons.length === 1) return { token, expiresAt };
  return { token, expiresAt, persons: persons.map((person, index) => ({ index, maskedName: maskPersonName(person.name) })) };
}
