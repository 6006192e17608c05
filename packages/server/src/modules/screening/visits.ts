import type { Locale } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { blindIndex } from '../../crypto/field-encryption.js';
import { AppError } from '../../errors/app-error.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { canonicalJson, compileBodyValidator, runBatch } from '../../http/batch.js';
import { recordAudit } from '../audit/service.js';
import { registerPerson } from '../persons/service.js';
import * as repo from './repository.js';
import { CreateVisitBody, type CreateVisitInput, type VisitResult } from './schemas.js';
import {
  type CheckedVisitPerson,
  checkVisitedAt,
  checkVisitPersons,
  resolveRevisitOn,
  resolveVisitAddress,
  type VisitAddress,
} from './visit-input.js';

/** Blind-index kind of a visit's request body; changing it makes every stored visit look different from its resend. */
const REQUEST_HASH_KIND = 'screening_visit_request';

export interface VisitOutcome {
  visit: VisitResult;
  /** False when the id was already stored with the same body, and the stored visit is returned. */
  created: boolean;
}

async function loadVisit(ctx: ServiceContext, id: string): Promise<VisitResult> {
  const row = await repo.findVisitById(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const persons = await repo.listVisitPersons(ctx.db, id);
  return {
    id: row.id,
    roomId: row.room_id,
    placeId: row.place_id,
    buildingId: row.building_id,
    communityCode: row.community_code,
    gridCode: row.grid_code,
    visitedBy: row.visited_by,
    visitedAt: new Date(row.visited_at).toISOString(),
    outcome: row.outcome as VisitResult['outcome'],
    revisitOn: row.revisit_on,
    notes: row.notes,
    createdAt: new Date(row.created_at).toISOString(),
    persons: persons.map((person) => ({
      personId: person.person_id,
      name: person.name,
      documentMasked: person.document_masked,
      present: Number(person.present) === 1,
      temperature: person.temperature_tenths === null ? null : Number(person.temperature_tenths) / 10,
      symptoms: JSON.parse(person.symptoms) as string[],
      arrivalDate: person.arrival_date,
      originRegionCode: person.origin_region_code,
    })),
  };
}

/**
 * Returns the stored visit when the same user sent the same body before.
 * Another body, or another user, with the id is a conflict, and the response
 * reveals nothing about the stored visit.
 */
async function findResend(ctx: ServiceContext, actor: Actor, id: string, requestHash: string): Promise<VisitOutcome | undefined> {
  const existing = await repo.findVisitById(ctx.db, id);
  if (!existing) return undefined;
  if (existing.request_hash !== requestHash || existing.visited_by !== actor.userId) throw new AppError('SCREENING_VISIT_CONFLICT', 'id');
  return { visit: await loadVisit(ctx, id), created: false };
}

/** Creates or updates the files of new persons, with the visited address, and returns the file id of every entry. */
async function registerVisitPersons(ctx: ServiceContext, actor: Actor, address: VisitAddress, persons: CheckedVisitPerson[]) {
  const ids: string[] = [];
  for (const [index, entry] of persons.entries()) {
    if (entry.person === undefined) {
      ids.push(entry.personId as string);
      continue;
    }
    const { person } = entry;
    const registration = {
      ...person,
      communityCode: address.communityCode,
      ...(address.gridCode ? { gridCode: address.gridCode } : {}),
      ...(address.roomId ? { roomId: address.roomId } : {}),
      ...(address.placeId ? { placeId: address.placeId } : {}),
      ...(entry.arrivalDate ? { arrivalDate: entry.arrivalDate } : {}),
      ...(entry.originRegionCode ? { originRegionCode: entry.originRegionCode } : {}),
    };
    const result = await registerPerson(ctx, actor, registration, 'screening').catch((error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      throw new AppError(error.code, `persons.${index}.person${error.field ? `.${error.field}` : ''}`, error.params);
    });
    ids.push(result.person.id);
  }
  return ids;
}

/**
 * Stores one visit. Retries are idempotent: the id comes from the phone, and
 * the same id with the same body returns the stored visit (created false).
 * Every entry is checked before any file is written. New persons are then
 * registered through the persons module, each file in its own transaction,
 * and the visit with its audit entry is written in one more.
 * TODO: a failure between the registrations and the visit's transaction leaves
 * the files written; a resend of the visit registers them again as updates.
 */
export async function createVisit(ctx: ServiceContext, actor: Actor, input: CreateVisitInput): Promise<VisitOutcome> {
  const requestHash = blindIndex(ctx.keys.blindIndex, REQUEST_HASH_KIND, canonicalJson(input));
  const resend = await findResend(ctx, actor, input.id, requestHash);
  if (resend) return resend;

  const now = new Date();
  const address = await resolveVisitAddress(ctx, actor, input);
  const visitedAt = checkVisitedAt(input.visitedAt, now);
  const revisitOn = resolveRevisitOn(input, visitedAt);
  const checked = await checkVisitPersons(ctx, actor, input);
  const personIds = await registerVisitPersons(ctx, actor, address, checked);
  // A new person's document may have matched a file that another entry names by id.
  const duplicate = personIds.findIndex((id, index) => personIds.indexOf(id) !== index);
  if (duplicate >= 0) throw new AppError('SCREENING_PERSON_DUPLICATE', `persons.${duplicate}`);

  const createdAt = now.toISOString();
  const visitedBy = actor.userId ?? '';
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const visit = {
        id: input.id,
        room_id: address.roomId,
        place_id: address.placeId,
        building_id: address.buildingId,
        community_code: address.communityCode,
        grid_code: address.gridCode,
        visited_by: visitedBy,
        visited_at: visitedAt,
        outcome: input.outcome,
        revisit_on: revisitOn,
        notes: input.notes?.trim() || null,
        request_hash: requestHash,
        created_at: createdAt,
      };
      const persons = checked.map((entry, position) => ({
        visit_id: input.id,
        person_id: personIds[position] as string,
        position,
        present: entry.present ? 1 : 0,
        arrival_date: entry.arrivalDate ?? null,
        origin_region_code: entry.originRegionCode ?? null,
        temperature_tenths: entry.temperatureTenths,
        symptoms: JSON.stringify(entry.symptomList),
      }));
      await repo.insertVisit(trx, visit, persons);
      const fields = [
        'outcome',
        'visitedAt',
        ...(revisitOn ? ['revisitOn'] : []),
        ...(visit.notes ? ['notes'] : []),
        ...(persons.length ? ['persons'] : []),
      ];
      const audit = {
        action: 'screening.visit',
        entityType: 'screening_visit',
        entityId: input.id,
        nodeCode: address.communityCode,
        fields,
      };
      await recordAudit(trx, ctx, actor, audit, createdAt);
    });
  } catch (error) {
    // Two sends of one visit raced, and the other one stored it first.
    if (!isUniqueViolation(error)) throw error;
    const stored = await findResend(ctx, actor, input.id, requestHash);
    if (stored) return stored;
    throw error;
  }
  return { visit: await loadVisit(ctx, input.id), created: true };
}

const validateVisit = compileBodyValidator(CreateVisitBody, '/api/screening/visits');

/**
 * Stores queued visits one after another; see runBatch for the status and
 * error of each item and for the failures that propagate.
 */
export function createVisitBatch(ctx: ServiceContext, actor: Actor, items: unknown[], locale: Locale) {
  return runBatch<{ visit: VisitResult }>(items, locale, validateVisit, async (body) => {
    const outcome = await createVisit(ctx, actor, body as CreateVisitInput);
    return { status: outcome.created ? 201 : 200, visit: outcome.visit };
  });
}
