import { randomUUID } from 'node:crypto';
import { cleanName, maskPersonName } from '@cordon/core';
import type { Transaction } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import { decryptField, encryptField } from '../../crypto/field-encryption.js';
import type { Database } from '../../db/schema.js';
import type { AccessPassTable } from '../../db/schema-gates.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { AppError } from '../../errors/app-error.js';
import { type AuditEvent, recordAudit } from '../audit/service.js';
import { findPersonWithHome, isUnderHomeQuarantine, roomTextsOf } from './admin-residents.js';
import type { IssuePassInput, UpdatePassInput } from './admin-schemas.js';
import { requireCompoundAccess } from './compound-access.js';
import { generatePassSecret } from './pass-code.js';
import { requireCardNumber, requireValidUntil } from './passes-input.js';
import * as repo from './passes-repository.js';

/** Passes in one list; a large compound narrows it with a search text or the status. */
const PASS_LIST_LIMIT = 2000;
/** Serial allocations tried when concurrent issues take the same next serial. */
const SERIAL_ATTEMPTS = 3;

/**
 * Why a pass was revoked: by a manager, or automatically when its holder came
 * under home quarantine, moved away, or had his file merged into another.
 */
export type PassRevokeReason = 'manual' | 'home_quarantine' | 'moved_out' | 'merged';

/**
 * Writes one audit entry in the caller's transaction. A caller that batches its
 * audit entries (imports) passes its batch, so that the hash chain is
 * appended in order.
 */
export type AuditRecorder = (event: AuditEvent) => Promise<unknown> | void;

function toPass(row: repo.PassRow, roomTexts: Map<string, string>) {
  return {
    id: row.id,
    serial: row.serial,
    personId: row.person_id,
    // Gate volunteers read this list, so names are masked like on public pages.
    personName: maskPersonName(row.person_name),
    roomText: row.person_room_id === null ? null : (roomTexts.get(row.person_room_id) ?? null),
    cardNumber: row.card_number,
    status: row.status as 'active' | 'revoked',
    revokedReason: row.revoked_reason,
    revokedAt: row.revoked_at,
    validUntil: row.valid_until,
    createdAt: row.created_at,
    linkSent: row.link_token_hash !== null,
  };
}

export async function toPasses(ctx: ServiceContext, rows: repo.PassRow[]) {
  const roomTexts = await roomTextsOf(
    ctx.db,
    rows.map((row) => row.person_room_id),
  );
  return rows.map((row) => toPass(row, roomTexts));
}

async function loadPass(ctx: ServiceContext, id: string) {
  const row = await repo.findPass(ctx.db, id);
  if (!row) throw new AppError('PASS_NOT_FOUND', 'passId');
  const [pass] = await toPasses(ctx, [row]);
  return pass as ReturnType<typeof toPass>;
}

/** Loads a pass whose compound the actor manages, or throws PASS_NOT_FOUND (a pass elsewhere looks the same as none). */
export async function requirePass(ctx: ServiceContext, actor: Actor, passId: string, field = 'passId') {
  const row = await repo.findPass(ctx.db, passId);
  if (!row) throw new AppError('PASS_NOT_FOUND', field);
  try {
    const compound = await requireCompoundAccess(ctx, actor, row.compound_id, 'manage', field);
    return { row, compound };
  } catch (error) {
    if (error instanceof AppError && error.code === 'COMPOUND_NOT_FOUND') throw new AppError('PASS_NOT_FOUND', field);
    throw error;
  }
}

/** Decrypts the pass's secret, from which its e-pass and paper codes are derived. */
export function passSecretOf(ctx: ServiceContext, row: { secret_enc: string }): string {
  return decryptField(ctx.keys.fieldEncryption, row.secret_enc);
}

export async function listPasses(
  ctx: ServiceContext,
  actor: Actor,
  compoundId: string,
  filter: { status?: 'active' | 'revoked' | undefined; q?: string | undefined },
) {
  await requireCompoundAccess(ctx, actor, compoundId, 'manage');
  const text = filter.q === undefined ? '' : cleanName(filter.q);
  const rows = await repo.listPassesOfCompound(ctx.db, compoundId, { status: filter.status, text: text || undefined }, PASS_LIST_LIMIT);
  return toPasses(ctx, rows);
}

/** Rejects a card number that an active pass of the compound holds; a revoked pass's card may be given again. */
async function checkCardFree(ctx: ServiceContext, compoundId: string, cardNumber: string, exceptPassId: string | null) {
  const holder = await repo.findPassByCard(ctx.db, compoundId, cardNumber);
  if (holder && holder.id !== exceptPassId && holder.status === 'active')
    throw new AppError('PASS_CARD_TAKEN', 'cardNumber', { cardNumber });
}

/** Runs a write that may hit the unique card number or serial of a compound's passes when two requests race. */
function isCardConflict(error: unknown, cardNumber: string | null): boolean {
  return cardNumber !== null && isUniqueViolation(error) && String((error as Error).message).includes('card_number');
}

/**
 * Issues a pass to a person who lives in the compound and is not under home
 * quarantine. The pass gets the next serial and a new secret; a person has at
 * most one active pass per compound.
 */
export async function issuePass(ctx: ServiceContext, actor: Actor, compoundId: string, input: IssuePassInput) {
  const compound = await requireCompoundAccess(ctx, actor, compoundId, 'manage');
  const now = ctx.clock();
  const cardNumber = requireCardNumber(input.cardNumber);
  const validUntil = requireValidUntil(input.validUntil, now);

  // A person elsewhere gets the same error as no person, so ids cannot be probed across compounds.
  const person = await findPersonWithHome(ctx.db, input.personId);
  if (!person || person.home_compound_id !== compound.id) {
    throw new AppError('PASS_PERSON_NOT_RESIDENT', 'personId', { compound: compound.name });
  }
  if (await isUnderHomeQuarantine(ctx.db, person.id)) throw new AppError('PASS_PERSON_UNDER_QUARANTINE', 'personId');
  if (await repo.findActivePassOfPerson(ctx.db, compound.id, person.id)) throw new AppError('PASS_ALREADY_ACTIVE', 'personId');
  if (cardNumber !== null) await checkCardFree(ctx, compound.id, cardNumber, null);

  const id = randomUUID();
  const at = now.toISOString();
  const secretEnc = encryptField(ctx.keys.fieldEncryption, generatePassSecret());
  for (let attempt = 1; ; attempt += 1) {
    try {
      await ctx.db.transaction().execute(async (trx) => {
        if (cardNumber !== null) await repo.releaseCardOfRevokedPass(trx, compound.id, cardNumber, at);
        await repo.insertPass(trx, {
          id,
          compound_id: compound.id,
          person_id: person.id,
          serial: await repo.nextSerial(trx, compound.id),
          card_number: cardNumber,
          secret_enc: secretEnc,
          link_token_hash: null,
          status: 'active',
          valid_until: validUntil,
          revoked_reason: null,
          revoked_at: null,
          revoked_by: null,
          created_by: actor.userId,
          created_at: at,
          updated_at: at,
        });
        const fields = ['personId', 'serial', ...(cardNumber ? ['cardNumber'] : []), ...(validUntil ? ['validUntil'] : [])];
        await recordAudit(
          trx,
          ctx,
          actor,
          { action: 'pass.issue', entityType: 'access_pass', entityId: id, nodeCode: compound.communityCode, fields },
          at,
        );
      });
      break;
    } catch (error) {
      if (isCardConflict(error, cardNumber)) throw new AppError('PASS_CARD_TAKEN', 'cardNumber', { cardNumber: cardNumber ?? '' });
      // Another issue took the same serial: take the next one.
      if (!isUniqueViolation(error) || attempt >= SERIAL_ATTEMPTS) throw error;
    }
  }
  return loadPass(ctx, id);
}

/** Changes a pass's card number or last day of validity; a revoked pass stays as it is. */
export async function updatePassDetails(ctx: ServiceContext, actor: Actor, passId: string, input: UpdatePassInput) {
  const { row, compound } = await requirePass(ctx, actor, passId);
  if (row.status !== 'active') throw new AppError('PASS_ALREADY_REVOKED', 'passId');
  const now = ctx.clock();
  const changes: Partial<AccessPassTable> = {};
  if (input.cardNumber !== undefined) {
    const cardNumber = requireCardNumber(input.cardNumber);
    if (cardNumber !== row.card_number) {
      if (cardNumber !== null) await checkCardFree(ctx, compound.id, cardNumber, row.id);
      changes.card_number = cardNumber;
    }
  }
  if (input.validUntil !== undefined) {
    const validUntil = requireValidUntil(input.validUntil, now);
    if (validUntil !== row.valid_until) changes.valid_until = validUntil;
  }
  const fields = Object.keys(changes).map((column) => (column === 'card_number' ? 'cardNumber' : 'validUntil'));
  if (fields.length === 0) return loadPass(ctx, row.id);

  const at = now.toISOString();
  const cardNumber = changes.card_number ?? null;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (cardNumber !== null) await repo.releaseCardOfRevokedPass(trx, compound.id, cardNumber, at);
      await repo.updatePass(trx, row.id, { ...changes, updated_at: at });
      await recordAudit(
        trx,
        ctx,
        actor,
        { action: 'pass.update', entityType: 'access_pass', entityId: row.id, nodeCode: compound.communityCode, fields },
        at,
      );
    });
  } catch (error) {
    if (isCardConflict(error, cardNumber)) throw new AppError('PASS_CARD_TAKEN', 'cardNumber', { cardNumber: cardNumber ?? '' });
    throw error;
  }
  return loadPass(ctx, row.id);
}

async function revokeOne(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  actor: Actor | null,
  pass: { id: string; communityCode: string },
  reason: PassRevokeReason,
  note: string | undefined,
  now: string,
  record: AuditRecorder = (event) => recordAudit(trx, ctx, actor, event, now),
): Promise<boolean> {
  const result = await trx
    .updateTable('access_passes')
    .set({ status: 'revoked', revoked_reason: reason, revoked_at: now, revoked_by: actor?.userId ?? null, updated_at: now })
    .where('id', '=', pass.id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  const audit = {
    action: 'pass.revoke',
    entityType: 'access_pass',
    entityId: pass.id,
    nodeCode: pass.communityCode,
    fields: ['status', 'revokedReason'],
    reason: note ?? reason,
  };
  await record(audit);
  return true;
}

/** Revokes a pass by a manager's decision; the note goes to the audit log only. */
export async function revokePass(ctx: ServiceContext, actor: Actor, passId: string, note: string | undefined) {
  const { row, compound } = await requirePass(ctx, actor, passId);
  if (row.status !== 'active') throw new AppError('PASS_ALREADY_REVOKED', 'passId');
  const cleanNote = note?.trim() ? note.trim() : undefined;
  const now = ctx.clock().toISOString();
  const revoked = await ctx.db
    .transaction()
    .execute((trx) => revokeOne(trx, ctx, actor, { id: row.id, communityCode: compound.communityCode }, 'manual', cleanNote, now));
  if (!revoked) throw new AppError('PASS_ALREADY_REVOKED', 'passId');
  return loadPass(ctx, row.id);
}

/**
 * Gives a pass a new secret: every paper pass printed before and every
 * e-pass link sent before stop working, and a new link must be sent.
 */
export async function reissuePass(ctx: ServiceContext, actor: Actor, passId: string) {
  const { row, compound } = await requirePass(ctx, actor, passId);
  if (row.status !== 'active') throw new AppError('PASS_ALREADY_REVOKED', 'passId');
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const secretEnc = encryptField(ctx.keys.fieldEncryption, generatePassSecret());
    await repo.updatePass(trx, row.id, { secret_enc: secretEnc, link_token_hash: null, updated_at: now });
    const audit = {
      action: 'pass.reissue',
      entityType: 'access_pass',
      entityId: row.id,
      nodeCode: compound.communityCode,
      fields: ['secret', 'link'],
    };
    await recordAudit(trx, ctx, actor, audit, now);
  });
  return loadPass(ctx, row.id);
}

/**
 * Revokes a person's active passes in the caller's transaction, and returns
 * the ids revoked. For 'home_quarantine' and 'merged' every active pass goes.
 * For 'moved_out' the passes of compounds other than the one of the person's
 * room (as read in the transaction, after the move) go, and all of them when
 * the room was cleared. The actor, when given, is recorded as the revoker.
 * Audit entries go through recordAudit unless the caller passes its own recorder.
 */
export async function revokePassesOfPerson(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  personId: string,
  reason: Exclude<PassRevokeReason, 'manual'>,
  now: string,
  actor: Actor | null = null,
  record?: AuditRecorder,
): Promise<string[]> {
  const passes = await repo.listActivePassesOfPerson(trx, personId);
  if (passes.length === 0) return [];
  let keepCompoundId: string | null = null;
  if (reason === 'moved_out') keepCompoundId = (await findPersonWithHome(trx, personId))?.home_compound_id ?? null;

  const revoked: string[] = [];
  for (const pass of passes) {
    if (pass.compound_id === keepCompoundId) continue;
    const target = { id: pass.id, communityCode: pass.community_code };
    if (await revokeOne(trx, ctx, actor, target, reason, undefined, now, record)) revoked.push(pass.id);
  }
  return revoked;
}
