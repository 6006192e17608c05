import { cleanName } from '@cordon/core';
import type { Updateable } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import type { PersonTable } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { revokePassesOfPerson } from '../gates/passes.js';
import type { PersonRow } from './columns.js';
import { appendNotes } from './input.js';
import * as repo from './repository.js';
import { getPerson } from './service.js';

const MIN_MERGE_REASON_LENGTH = 2;

/**
 * Fields a merge copies from the source when the target has none, each with
 * the columns that travel together. Grid, room and place belong to a
 * community, so they are copied only between files of the same community.
 */
const FILLABLE_FIELDS: ReadonlyArray<{ field: string; columns: ReadonlyArray<keyof PersonTable>; sameCommunity?: boolean }> = [
  { field: 'phone', columns: ['phone_enc', 'phone_index', 'phone_masked'] },
  { field: 'gridCode', columns: ['grid_code'], sameCommunity: true },
  { field: 'roomId', columns: ['room_id'], sameCommunity: true },
  { field: 'placeId', columns: ['place_id'], sameCommunity: true },
  { field: 'householdRole', columns: ['household_role'] },
  { field: 'originRegionCode', columns: ['origin_region_code'] },
  { field: 'arrivalDate', columns: ['arrival_date'] },
  { field: 'travelMode', columns: ['travel_mode'] },
  { field: 'travelNumber', columns: ['travel_number'] },
];

/** Empty fields of the target that the source fills, and the column values to write. */
export function fillFromSource(target: PersonRow, source: PersonRow) {
  const changes: Updateable<PersonTable> = {};
  const fields: string[] = [];

  for (const { field, columns, sameCommunity } of FILLABLE_FIELDS) {
    if (sameCommunity && target.community_code !== source.community_code) continue;
    const [first] = columns;
    if (first === undefined || target[first] !== null || source[first] === null) continue;
    for (const column of columns) (changes as Record<string, unknown>)[column] = source[column];
    fields.push(field);
  }

  // A marker set on either file stays set, with the reason of the file that set it.
  if (target.key_person === 0 && source.key_person === 1) {
    Object.assign(changes, { key_person: 1, key_person_reason: source.key_person_reason });
    fields.push('keyPerson', 'keyPersonReason');
  }
  if (target.close_contact === 0 && source.close_contact === 1) {
    Object.assign(changes, { close_contact: 1, close_contact_reason: source.close_contact_reason });
    fields.push('closeContact', 'closeContactReason');
  }

  // Notes are the one field where both files' values survive: the source's text goes after the target's, on a new line.
  const notes = appendNotes(target.notes, source.notes);
  if (notes !== target.notes) {
    changes.notes = notes;
    fields.push('notes');
  }
  return { changes, fields };
}

/**
 * Merges the source file into the target, both in the actor's scope (a file
 * outside is PERSON_NOT_FOUND). The target keeps its document and gains the
 * source's values for its empty fields, and the source's notes after its own. References in other modules move to
 * the target, and the source stays as a pointer to the target, hidden from lists.
 * Both files get a person.merge audit entry with the reason, in one transaction.
 */
export async function mergePersons(ctx: ServiceContext, actor: Actor, targetId: string, sourceId: string, reasonInput: string) {
  const reason = cleanName(reasonInput);
  if (Array.from(reason).length < MIN_MERGE_REASON_LENGTH)
    throw new AppError('FIELD_TOO_SHORT', 'reason', { limit: MIN_MERGE_REASON_LENGTH });
  if (sourceId === targetId) throw new AppError('PERSON_MERGE_SELF', 'sourceId');

  const target = await repo.findPersonRowInScope(ctx.db, actor.scope, targetId);
  if (!target) throw new AppError('PERSON_NOT_FOUND', 'id');
  const source = await repo.findPersonRowInScope(ctx.db, actor.scope, sourceId);
  if (!source) throw new AppError('PERSON_NOT_FOUND', 'sourceId');
  if (target.merged_into_id !== null) throw new AppError('PERSON_MERGED', 'id');
  if (source.merged_into_id !== null) throw new AppError('PERSON_MERGED', 'sourceId');

  const { changes, fields } = fillFromSource(target, source);
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updatePerson(trx, targetId, { ...changes, updated_at: now });
    await repo.markPersonMerged(trx, sourceId, targetId, now);
    await repo.movePersonReferences(trx, ctx.dbKind, sourceId, targetId);
    // The source file is hidden from now on, so its access passes end, and a manager issues a new pass on the kept file.
    // The kept file's passes stay, because it gains a room only when it had none, and a file without a room has no active pass.
    await revokePassesOfPerson(trx, ctx, sourceId, 'merged', now, actor);

    const entry = { action: 'person.merge', entityType: 'person', reason };
    await recordAudit(trx, ctx, actor, { ...entry, entityId: targetId, nodeCode: target.community_code, fields }, now);
    await recordAudit(trx, ctx, actor, { ...entry, entityId: sourceId, nodeCode: source.community_code, fields: ['mergedIntoId'] }, now);
  });
  return { person: await getPerson(ctx, actor, targetId), filledFields: fields };
}
