import { randomUUID } from 'node:crypto';
import { cleanName, parseIdentityDocument, parsePhoneNumber } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { decryptField } from '../../crypto/field-encryption.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { revokePassesOfPerson } from '../gates/passes.js';
import { buildPersonColumns, diffPersonColumns, fieldsOfNewPerson } from './columns.js';
import { documentIndexOf, parseDocument, phoneIndexOf } from './input.js';
import { toPersonDetail, toPersonSummary } from './mapping.js';
import * as repo from './repository.js';
import { describePersonRisk, loadRiskContext, type RiskLevelFilter, riskPrefixFilterOf } from './risk.js';
import type { PERSON_SOURCES, RegisterPersonInput, REVEALABLE_FIELDS, UpdatePersonInput } from './schemas.js';

type PersonSource = (typeof PERSON_SOURCES)[number];
type RevealableField = (typeof REVEALABLE_FIELDS)[number];

const MIN_REVEAL_REASON_LENGTH = 2;

/**
 * Reads a file in scope with its risk level and the rules that matched. A
 * merged file is still returned, with `mergedIntoId` naming the file to show.
 */
export async function getPerson(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await repo.findPersonInScope(ctx.db, actor.scope, id);
  if (!row) throw new AppError('PERSON_NOT_FOUND', 'id');
  const risk = await loadRiskContext(ctx);
  return toPersonDetail(row, risk, await describePersonRisk(ctx, risk, row));
}

/** True for a violation of a unique constraint, on PostgreSQL (23505) or SQLite. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Registers a person: creates the file, or updates the file that already
 * has the document when that file is in the actor's scope. A file elsewhere
 * gets PERSON_EXISTS_ELSEWHERE, and the response reveals nothing about it.
 */
export async function registerPerson(ctx: ServiceContext, actor: Actor, input: RegisterPersonInput, source: PersonSource = 'manual') {
  try {
    return await registerPersonOnce(ctx, actor, input, source);
  } catch (error) {
    // Two registrations of a new document raced, and the other one created the file: update it instead.
    if (!isUniqueViolation(error)) throw error;
    return registerPersonOnce(ctx, actor, input, source);
  }
}

async function registerPersonOnce(ctx: ServiceContext, actor: Actor, input: RegisterPersonInput, source: PersonSource) {
  const document = parseDocument(input.documentNumber, input.documentType, input.nationality);
  const existing = await findRegisteredFile(ctx, actor, documentIndexOf(ctx.keys, document));
  if (existing && !existing.inScope) throw new AppError('PERSON_EXISTS_ELSEWHERE', 'documentNumber');

  // A document of a file merged into another updates that other file, which keeps its own document.
  const { documentNumber, documentType, ...rest } = input;
  const request = existing?.viaMerge ? rest : { ...rest, documentNumber, ...(documentType ? { documentType } : {}) };

  // Validation reads through ctx.db, so it runs before the transaction: SQLite has one connection.
  const columns = await buildPersonColumns(ctx, actor, request, existing?.row);
  const now = new Date().toISOString();

  if (existing) {
    const { row } = existing;
    const { changes, fields } = diffPersonColumns(row, columns);
    if (fields.length > 0) {
      await ctx.db.transaction().execute(async (trx) => {
        await repo.updatePerson(trx, row.id, { ...changes, updated_at: now });
        const audit = { action: 'person.update', entityType: 'person', entityId: row.id, nodeCode: columns.community_code, fields };
        await recordAudit(trx, ctx, actor, audit, now);
        if ('room_id' in changes) await revokePassesOfPerson(trx, ctx, row.id, 'moved_out', now, actor);
      });
    }
    return { person: await getPerson(ctx, actor, row.id), created: false };
  }

  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertPerson(trx, { id, ...columns, source, created_at: now, updated_at: now });
    const audit = {
      action: 'person.create',
      entityType: 'person',
      entityId: id,
      nodeCode: columns.community_code,
      fields: fieldsOfNewPerson(columns),
    };
    await recordAudit(trx, ctx, actor, audit, now);
  });
  return { person: await getPerson(ctx, actor, id), created: true };
}

/** Finds the file that has a document, following a merged file to the file it was merged into. */
async function findRegisteredFile(ctx: ServiceContext, actor: Actor, documentIndex: string) {
  const holder = await repo.findPersonByDocumentIndex(ctx.db, actor.scope, documentIndex);
  if (!holder?.row.merged_into_id) return holder && { ...holder, viaMerge: false };

  const target = await repo.findPersonRowInScope(ctx.db, actor.scope, holder.row.merged_into_id);
  if (!target) return { row: holder.row, inScope: false, viaMerge: true };
  return { row: target, inScope: true, viaMerge: true };
}

/**
 * Edits a file in scope. Only the changed fields' names go to the audit log.
 * NOTE: two concurrent edits of one file both apply, and the later write wins per column.
 */
export async function updatePerson(ctx: ServiceContext, actor: Actor, id: string, input: UpdatePersonInput) {
  const current = await repo.findPersonRowInScope(ctx.db, actor.scope, id);
  if (!current) throw new AppError('PERSON_NOT_FOUND', 'id');
  if (current.merged_into_id !== null) throw new AppError('PERSON_MERGED', 'id');
  const next = await buildPersonColumns(ctx, actor, input, current);
  const { changes, fields } = diffPersonColumns(current, next);
  if (fields.length === 0) return getPerson(ctx, actor, id);

  if ('document_index' in changes) {
    const holder = await repo.findPersonByDocumentIndex(ctx.db, actor.scope, next.document_index);
    if (holder) throw new AppError(holder.inScope ? 'PERSON_DOCUMENT_TAKEN' : 'PERSON_EXISTS_ELSEWHERE', 'documentNumber');
  }

  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updatePerson(trx, id, { ...changes, updated_at: now });
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'person.update', entityType: 'person', entityId: id, nodeCode: next.community_code, fields },
      now,
    );
    // A resident who moved out of a compound, or whose room was cleared, loses its gate passes.
    if ('room_id' in changes) await revokePassesOfPerson(trx, ctx, id, 'moved_out', now, actor);
  });
  return getPerson(ctx, actor, id);
}

export interface PersonListFilter {
  q?: string | undefined;
  communityCode?: string | undefined;
  keyPerson?: boolean | undefined;
  closeContact?: boolean | undefined;
  /** Applied by listPersons only, because it needs the risk-region entries of the day. */
  riskLevel?: RiskLevelFilter | undefined;
}

/**
 * Turns the list filter into the repository's: search text becomes a blind
 * index or a name fragment. The risk level is left out (see listPersons).
 */
export function toPersonRepoFilter(ctx: ServiceContext, filter: PersonListFilter): repo.PersonFilter {
  const { q, riskLevel: _riskLevel, ...rest } = filter;
  const repoFilter: repo.PersonFilter = { ...rest };
  if (q === undefined) return repoFilter;

  const document = parseIdentityDocument(q);
  const phone = document.ok ? undefined : parsePhoneNumber(q);
  if (document.ok) repoFilter.documentIndex = documentIndexOf(ctx.keys, document.value);
  else if (phone?.ok) repoFilter.phoneIndex = phoneIndexOf(ctx.keys, phone.value);
  else repoFilter.nameText = cleanName(q);
  return repoFilter;
}

/**
 * Lists files of the scope. A search text that parses as an identity
 * document or a phone number matches its blind index exactly. Any other
 * text matches part of the name.
 */
export async function listPersons(ctx: ServiceContext, actor: Actor, filter: PersonListFilter, page: number, pageSize: number) {
  const risk = await loadRiskContext(ctx);
  const repoFilter = toPersonRepoFilter(ctx, filter);
  if (filter.riskLevel) repoFilter.risk = riskPrefixFilterOf(risk, filter.riskLevel);
  const { rows, total } = await repo.listPersonsInScope(ctx.db, actor.scope, repoFilter, (page - 1) * pageSize, pageSize);
  return { items: rows.map((row) => toPersonSummary(row, risk)), total };
}

/** Decrypts one personal field of a file in scope, recording who asked, and why, in the same transaction. */
export async function revealPersonField(ctx: ServiceContext, actor: Actor, id: string, field: RevealableField, reasonInput: string) {
  const reason = cleanName(reasonInput);
  if (Array.from(reason).length < MIN_REVEAL_REASON_LENGTH)
    throw new AppError('FIELD_TOO_SHORT', 'reason', { limit: MIN_REVEAL_REASON_LENGTH });

  const row = await repo.findPersonSecretsInScope(ctx.db, actor.scope, id);
  if (!row) throw new AppError('PERSON_NOT_FOUND', 'id');
  const stored = field === 'documentNumber' ? row.document_number_enc : row.phone_enc;
  if (stored === null) throw new AppError('PERSON_FIELD_NOT_RECORDED', field);
  const value = decryptField(ctx.keys.fieldEncryption, stored);

  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const audit = { action: 'person.reveal', entityType: 'person', entityId: id, nodeCode: row.community_code, fields: [field], reason };
    await recordAudit(trx, ctx, actor, audit, now);
  });
  return { field, value };
}

/** Lists the audit entries of a file and of the files merged into it, oldest first. */
export async function getPersonHistory(ctx: ServiceContext, actor: Actor, id: string) {
  if (!(await repo.findPersonIdInScope(ctx.db, actor.scope, id))) throw new AppError('PERSON_NOT_FOUND', 'id');
  const sourceIds = await repo.listMergedSourceIds(ctx.db, id);
  const rows = await repo.listPersonAuditEntries(ctx.db, [id, ...sourceIds]);
  return {
    items: rows.map((row) => ({
      seq: Number(row.seq),
      personId: row.entity_id ?? id,
      at: row.at,
      action: row.action,
      actorUserId: row.actor_user_id,
      actorName: row.actor_name ?? null,
      fields: JSON.parse(row.fields) as string[],
      reason: row.reason,
    })),
  };
}
