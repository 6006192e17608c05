import { randomUUID } from 'node:crypto';
import { DEFAULT_LOCALE, type Locale, LOCALES, parsePhoneNumber } from '@cordon/core';
import type { Transaction } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { decryptField } from '../../crypto/field-encryption.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { findPersonRowInScope } from '../persons/repository.js';
import * as repo from './links-repository.js';
import { newLinkToken, tokenHashOf } from './links-token.js';
import { readDeclarationSettings } from './settings.js';

/** Most links a person's list shows; older ones stay stored. */
const LINK_LIST_LIMIT = 100;

type LinkRow = Awaited<ReturnType<typeof repo.listLinksOfPerson>>[number];

function linkOf(row: LinkRow) {
  return {
    id: row.id,
    personId: row.person_id,
    channel: row.channel as 'sms_link' | 'code',
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

/** Converts a person's preferred language to a message locale, or zh-CN when it is not one of the four. */
export function localeOf(preferredLanguage: string | null): Locale {
  return (LOCALES as readonly (string | null)[]).includes(preferredLanguage) ? (preferredLanguage as Locale) : DEFAULT_LOCALE;
}

/** URL of the phone page for a token. */
export function declarationUrlOf(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/d/${token}`;
}

/**
 * Reads the mobile number a link can be sent to. A person without a phone,
 * or with a landline only, cannot receive one: both errors name `phone`.
 */
function mobileOf(ctx: ServiceContext, phoneEnc: string | null): string {
  if (phoneEnc === null) throw new AppError('DECLARATION_PHONE_MISSING', 'phone');
  const parsed = parsePhoneNumber(decryptField(ctx.keys.fieldEncryption, phoneEnc));
  if (!parsed.ok || parsed.value.kind !== 'mobile') throw new AppError('DECLARATION_PHONE_NOT_MOBILE', 'phone');
  return parsed.value.national;
}

export interface IssuedLink {
  row: LinkRow & { token_hash: string; revoked_by: string | null };
  /** The secret part of the URL; only its keyed hash is stored. */
  token: string;
}

/**
 * Stores a new personal link (channel sms_link) in the caller's transaction,
 * valid for the days of the setting declaration.linkDays, and returns it with
 * its token. Reminders call it too, so every personal link follows one rule.
 */
export async function issuePersonalLink(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  options: { personId: string; createdBy: string | null; now: Date },
): Promise<IssuedLink> {
  const { linkDays } = await readDeclarationSettings(trx);
  const token = newLinkToken();
  const row = {
    id: randomUUID(),
    person_id: options.personId,
    channel: 'sms_link',
    token_hash: tokenHashOf(ctx.keys, token),
    created_by: options.createdBy,
    created_at: options.now.toISOString(),
    expires_at: new Date(options.now.getTime() + linkDays * 86_400_000).toISOString(),
    revoked_at: null,
    revoked_by: null,
    last_used_at: null,
  };
  await repo.insertLinks(trx, [row]);
  return { row, token };
}

/**
 * Creates a personal link for a person in the caller's scope and sends it by
 * SMS. The token leaves the server only in the message: the database keeps
 * its keyed hash and the response carries the link's id.
 */
export async function createDeclarationLink(ctx: ServiceContext, actor: Actor, personId: string, baseUrl: string) {
  const person = await repo.findLinkablePersonInScope(ctx.db, actor.scope, personId);
  if (!person) throw new AppError('PERSON_NOT_FOUND', 'personId');
  const phone = mobileOf(ctx, person.phone_enc);
  const now = ctx.clock();
  const { row, token } = await ctx.db.transaction().execute(async (trx) => {
    const link = await issuePersonalLink(trx, ctx, { personId: person.id, createdBy: actor.userId, now });
    const audit = {
      action: 'declaration_link.create',
      entityType: 'declaration_link',
      entityId: link.row.id,
      nodeCode: person.community_code,
    };
    await recordAudit(trx, ctx, actor, audit, now.toISOString());
    return link;
  });

  await ctx.sms.send({
    phone,
    template: 'declaration_link',
    params: { url: declarationUrlOf(baseUrl, token), name: person.name },
    locale: localeOf(person.preferred_language),
    nodeCode: person.community_code,
  });
  return linkOf(row);
}

export async function listDeclarationLinks(ctx: ServiceContext, actor: Actor, personId: string) {
  const person = await findPersonRowInScope(ctx.db, actor.scope, personId);
  if (!person) throw new AppError('PERSON_NOT_FOUND', 'personId');
  const rows = await repo.listLinksOfPerson(ctx.db, personId, LINK_LIST_LIMIT);
  return { items: rows.map(linkOf) };
}

/** Revokes a link of a person in scope; the token stops working at once. */
export async function revokeDeclarationLink(ctx: ServiceContext, actor: Actor, id: string) {
  const link = await repo.findLinkInScope(ctx.db, actor.scope, id);
  if (!link) throw new AppError('DECLARATION_LINK_NOT_FOUND', 'id');
  if (link.revoked_at !== null) throw new AppError('DECLARATION_LINK_ALREADY_REVOKED', 'id');

  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const changed = await repo.revokeLink(trx, id, actor.userId, now);
    // A concurrent revoke got there first.
    if (changed === 0) throw new AppError('DECLARATION_LINK_ALREADY_REVOKED', 'id');
    const audit = { action: 'declaration_link.revoke', entityType: 'declaration_link', entityId: id, nodeCode: link.community_code };
    await recordAudit(trx, ctx, actor, audit, now);
  });
  return linkOf({ ...link, revoked_at: now });
}
