import { maskPhoneNumber, parsePhoneNumber } from '@cordon/core';
import { sql } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import { encryptField } from '../../crypto/field-encryption.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { containsPattern } from './admin-residents.js';
import type { PutManagersInput } from './admin-schemas.js';
import { requireCompoundAccess } from './compound-access.js';
import { GATE_MANAGER_ROLES } from './roles.js';

function managerQuery(ctx: ServiceContext, compoundId: string) {
  return ctx.db
    .selectFrom('compound_managers')
    .innerJoin('users', 'users.id', 'compound_managers.user_id')
    .select([
      'compound_managers.user_id',
      'compound_managers.phone_enc',
      'compound_managers.phone_masked',
      'compound_managers.sms_alerts',
      'compound_managers.assigned_by',
      'compound_managers.assigned_at',
      'users.display_name',
      'users.username',
      'users.role',
    ])
    .where('compound_managers.compound_id', '=', compoundId);
}

async function loadManagers(ctx: ServiceContext, compoundId: string) {
  const rows = await managerQuery(ctx, compoundId).orderBy('users.display_name').orderBy('users.id').execute();
  return rows.map((row) => ({
    userId: row.user_id,
    displayName: row.display_name,
    username: row.username,
    role: row.role,
    phoneMasked: row.phone_masked,
    smsAlerts: Number(row.sms_alerts) === 1,
  }));
}

/** Lists a compound's managers; gate guards of the compound read it too. */
export async function listManagers(ctx: ServiceContext, actor: Actor, compoundId: string) {
  await requireCompoundAccess(ctx, actor, compoundId, 'manage');
  return loadManagers(ctx, compoundId);
}

/**
 * Query of the users that may manage a compound: active accounts of a manager
 * role whose node is the compound's community, a grid of it or a jurisdiction
 * above it. Gate guards then see the compound and its alerts.
 */
async function eligibleUsersQuery(ctx: ServiceContext, communityCode: string) {
  const community = await ctx.db.selectFrom('jurisdictions').select('path').where('code', '=', communityCode).executeTakeFirstOrThrow();
  return ctx.db
    .selectFrom('users')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'users.node_code')
    .where('users.disabled', '=', 0)
    .where('users.role', 'in', GATE_MANAGER_ROLES)
    .where((eb) =>
      eb.or([
        // Paths are "/CN/320000/…/" built from codes, so they hold no LIKE wildcards.
        eb('jurisdictions.path', 'like', `${community.path}%`),
        sql<boolean>`${community.path} like ${eb.ref('jurisdictions.path')} || '%'`,
      ]),
    );
}

async function eligibleUsers(ctx: ServiceContext, communityCode: string, userIds: string[]) {
  if (userIds.length === 0) return new Set<string>();
  const rows = await (await eligibleUsersQuery(ctx, communityCode)).select('users.id').where('users.id', 'in', userIds).execute();
  return new Set(rows.map((row) => row.id));
}

/** Most candidates returned at once; the console narrows them with a search text. */
export const MAX_MANAGER_CANDIDATES = 50;

/**
 * Lists the accounts office staff may add as managers of a compound, by the
 * rule putManagers checks, filtered by a part of the username or display name.
 */
export async function listManagerCandidates(ctx: ServiceContext, actor: Actor, compoundId: string, q?: string) {
  const compound = await requireCompoundAccess(ctx, actor, compoundId, 'staff-only');
  let query = await eligibleUsersQuery(ctx, compound.communityCode);
  const text = q?.trim().toLowerCase() ?? '';
  if (text !== '') {
    const pattern = containsPattern(text);
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(${eb.ref('users.username')}) like ${pattern} escape '\\'`,
        sql<boolean>`lower(${eb.ref('users.display_name')}) like ${pattern} escape '\\'`,
      ]),
    );
  }
  const rows = await query
    .select(['users.id', 'users.display_name', 'users.username', 'users.role'])
    .orderBy('users.display_name')
    .orderBy('users.id')
    .limit(MAX_MANAGER_CANDIDATES)
    .execute();
  return rows.map((row) => ({ userId: row.id, displayName: row.display_name, username: row.username, role: row.role }));
}

/** Reads a manager's mobile number for SMS alerts; a landline or a bad number names the field. */
function requireMobile(input: string, field: string) {
  const parsed = parsePhoneNumber(input);
  if (!parsed.ok) throw new AppError(parsed.code, field);
  if (parsed.value.kind !== 'mobile') throw new AppError('COMPOUND_MANAGER_PHONE_REQUIRED', field);
  return parsed.value.national;
}

/**
 * Replaces a compound's managers (staff only). A manager's phone is kept
 * when omitted and cleared by null; SMS alerts need a mobile number.
 */
export async function putManagers(ctx: ServiceContext, actor: Actor, compoundId: string, input: PutManagersInput) {
  const compound = await requireCompoundAccess(ctx, actor, compoundId, 'staff-only');
  const current = new Map((await managerQuery(ctx, compound.id).execute()).map((row) => [row.user_id, row]));
  const eligible = await eligibleUsers(
    ctx,
    compound.communityCode,
    input.managers.map((manager) => manager.userId),
  );

  const seen = new Set<string>();
  const rows = input.managers.map((manager, index) => {
    const field = `managers.${index}`;
    if (seen.has(manager.userId)) throw new AppError('COMPOUND_MANAGER_DUPLICATE', `${field}.userId`);
    seen.add(manager.userId);
    if (!eligible.has(manager.userId)) throw new AppError('COMPOUND_MANAGER_INVALID', `${field}.userId`);

    const stored = current.get(manager.userId);
    let phone = { enc: stored?.phone_enc ?? null, masked: stored?.phone_masked ?? null };
    if (manager.phone === null || manager.phone?.trim() === '') phone = { enc: null, masked: null };
    else if (manager.phone !== undefined) {
      const national = requireMobile(manager.phone, `${field}.phone`);
      phone = { enc: encryptField(ctx.keys.fieldEncryption, national), masked: maskPhoneNumber(national) };
    }
    if (manager.smsAlerts && phone.enc === null) throw new AppError('COMPOUND_MANAGER_PHONE_REQUIRED', `${field}.phone`);
    return { userId: manager.userId, phone, smsAlerts: manager.smsAlerts, stored };
  });

  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('compound_managers').where('compound_id', '=', compound.id).execute();
    for (const row of rows) {
      await trx
        .insertInto('compound_managers')
        .values({
          compound_id: compound.id,
          user_id: row.userId,
          phone_enc: row.phone.enc,
          phone_masked: row.phone.masked,
          sms_alerts: row.smsAlerts ? 1 : 0,
          // A manager who stays keeps the record of who assigned him and when.
          assigned_by: row.stored ? row.stored.assigned_by : actor.userId,
          assigned_at: row.stored ? row.stored.assigned_at : now,
        })
        .execute();
    }
    const audit = {
      action: 'compound_managers.replace',
      entityType: 'compound',
      entityId: compound.id,
      nodeCode: compound.communityCode,
      fields: ['managers'],
    };
    await recordAudit(trx, ctx, actor, audit, now);
  });
  return loadManagers(ctx, compound.id);
}
