import { maskPersonName, parsePhoneNumber } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { blindIndex, decryptField } from '../../crypto/field-encryption.js';
import { generateToken } from '../../crypto/tokens.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { localeOf } from '../declarations/links.js';
import { PASS_CODE_STEP_SECONDS, rotatingPassCode } from './pass-code.js';
import { isPastValidity } from './passes-input.js';
import { passSecretOf, requirePass } from './passes.js';
import * as repo from './passes-repository.js';

/** Blind-index kind of e-pass tokens; part of the hashed input, so a token hash never equals another kind's index. */
const TOKEN_INDEX_KIND = 'gate_pass_token';
/** 32 random bytes: 256 bits, out of reach of guessing. */
const TOKEN_BYTES = 32;
/** base64url of 32 bytes is 43 characters from this alphabet; anything else is no token of ours. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** Keyed hash of an e-pass token, the only form of it that is stored. */
export function passTokenHashOf(ctx: Pick<ServiceContext, 'keys'>, token: string): string {
  return blindIndex(ctx.keys.blindIndex, TOKEN_INDEX_KIND, token);
}

/** URL of the e-pass page for a token. */
export function passUrlOf(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/p/${token}`;
}

/** Decrypts the holder's mobile number; null when the file has none (a landline cannot receive the link). */
function mobileOf(ctx: ServiceContext, phoneEnc: string | null): string | null {
  if (phoneEnc === null) return null;
  const parsed = parsePhoneNumber(decryptField(ctx.keys.fieldEncryption, phoneEnc));
  return parsed.ok && parsed.value.kind === 'mobile' ? parsed.value.national : null;
}

/**
 * Creates a new e-pass link for an active pass; the previous link stops
 * working. The link goes by SMS to the holder when the file has a mobile
 * number, and back to the manager in any case, to show or print as a QR code.
 * `smsFailed` reports a gateway error, for the caller's log.
 */
export async function createPassLink(ctx: ServiceContext, actor: Actor, passId: string, baseUrl: string) {
  const { row, compound } = await requirePass(ctx, actor, passId);
  if (row.status !== 'active') throw new AppError('PASS_ALREADY_REVOKED', 'passId');
  const holder = await ctx.db
    .selectFrom('persons')
    .select(['phone_enc', 'preferred_language'])
    .where('id', '=', row.person_id)
    .executeTakeFirstOrThrow();

  const token = generateToken(TOKEN_BYTES);
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updatePass(trx, row.id, { link_token_hash: passTokenHashOf(ctx, token), updated_at: now });
    const audit = { action: 'pass.link', entityType: 'access_pass', entityId: row.id, nodeCode: compound.communityCode, fields: ['link'] };
    await recordAudit(trx, ctx, actor, audit, now);
  });

  const url = passUrlOf(baseUrl, token);
  const phone = mobileOf(ctx, holder.phone_enc);
  if (phone === null) return { url, smsSent: false, smsFailed: false };
  try {
    await ctx.sms.send({
      phone,
      template: 'gate_pass_link',
      params: { compound: compound.name, link: url },
      locale: localeOf(holder.preferred_language),
      nodeCode: compound.communityCode,
    });
    return { url, smsSent: true, smsFailed: false };
  } catch {
    return { url, smsSent: false, smsFailed: true };
  }
}

async function findPassByToken(ctx: ServiceContext, token: string) {
  if (!TOKEN_FORMAT.test(token)) throw new AppError('PASS_LINK_NOT_FOUND', 'token');
  const row = await repo
    .passQuery(ctx.db)
    .innerJoin('compounds', 'compounds.id', 'access_passes.compound_id')
    .select('compounds.name as compound_name')
    .where('access_passes.link_token_hash', '=', passTokenHashOf(ctx, token))
    .executeTakeFirst();
  if (!row) throw new AppError('PASS_LINK_NOT_FOUND', 'token');
  return row;
}

function publicStatusOf(row: { status: string; valid_until: string | null }, now: Date): 'active' | 'revoked' | 'expired' {
  if (row.status !== 'active') return 'revoked';
  return isPastValidity(row.valid_until, now) ? 'expired' : 'active';
}

/** Loads what the holder's e-pass page shows: the compound, the masked name, the serial and the status. */
export async function getPublicPass(ctx: ServiceContext, token: string) {
  const row = await findPassByToken(ctx, token);
  return {
    compoundName: row.compound_name,
    holderName: maskPersonName(row.person_name),
    serial: row.serial,
    status: publicStatusOf(row, ctx.clock()),
    validUntil: row.valid_until,
  };
}

/** Computes the current rotating code of an active e-pass; a revoked or expired pass gets 403 with the reason. */
export async function getPublicPassCode(ctx: ServiceContext, token: string) {
  const row = await findPassByToken(ctx, token);
  const now = ctx.clock();
  const status = publicStatusOf(row, now);
  if (status === 'revoked') throw new AppError('PASS_REVOKED');
  if (status === 'expired') throw new AppError('PASS_EXPIRED', undefined, { validUntil: row.valid_until ?? '' });
  const { code, expiresAt } = rotatingPassCode(row.id, passSecretOf(ctx, row), now);
  return { passId: row.id, code, expiresAt, stepSeconds: PASS_CODE_STEP_SECONDS };
}
