import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import { revokePassesOfPerson } from '../gates/passes.js';
import { upsertTenancy } from '../households/tenancy-repository.js';
import { diffPersonColumns, fieldsOfNewPerson, type PersonRow } from '../persons/columns.js';
import { AuditBatch } from './audit-batch.js';
import { BATCH_ROWS } from './limits.js';
import { mergedPersonColumns, newPersonColumns, placementsOf } from './person-columns.js';
import * as repo from './repository.js';
import { documentIndexOfPerson, openPayload } from './staging.js';
import type { ImportRecord } from './validate.js';
import { ImportVerifyRule } from './verify-task.js';

export interface CommitCounts {
  created: number;
  updated: number;
  unchanged: number;
}

type Outcome = 'created' | 'updated' | 'unchanged';

interface StagedRecord {
  rowNumber: number;
  record: ImportRecord;
}

/**
 * Writes the valid rows of a previewed import in one transaction: person
 * files created or updated, leases for rentals, and their audit entries. All
 * reads inside go through the transaction, because SQLite has one connection.
 * A second commit finds the import no longer previewed and fails with
 * IMPORT_ALREADY_COMMITTED; a commit that meets a file moved out of scope, or
 * an address deleted, since the preview rolls back with IMPORT_PREVIEW_STALE.
 */
export async function commitStagedRows(ctx: ServiceContext, actor: Actor, importId: string, kind: string, communityCode: string) {
  const now = new Date().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.markImportCommitted(trx, importId, actor.userId, now))) throw new AppError('IMPORT_ALREADY_COMMITTED', 'id');

    const audit = new AuditBatch(trx, ctx, actor, now);
    const verifyRule = await ImportVerifyRule.load(trx, new Date(now));
    const counts: CommitCounts = { created: 0, updated: 0, unchanged: 0 };
    for (let after = 0; ;) {
      const page = await repo.listImportRows(trx, importId, true, after, BATCH_ROWS);
      if (page.length === 0) break;
      after = page[page.length - 1]?.row_number ?? after;

      const records = page.flatMap((row) => {
        const { record } = openPayload(ctx.keys, row.payload_enc);
        return record ? [{ rowNumber: row.row_number, record }] : [];
      });
      await checkAddressesExist(trx, records);
      verifyRule.count(records);
      const outcomes = await writePage(trx, ctx, actor, communityCode, records, audit, now);
      for (const outcome of outcomes) counts[outcome] += 1;
      await audit.flush();
    }

    await repo.updateImport(trx, importId, {
      created_count: counts.created,
      updated_count: counts.updated,
      unchanged_count: counts.unchanged,
    });
    await repo.deleteImportRows(trx, importId, true);
    await verifyRule.createTask(trx, audit, { importId, communityCode, createdBy: actor.userId, now });
    audit.add({ action: 'import.commit', entityType: 'import', entityId: importId, nodeCode: communityCode, fields: [kind] });
    await audit.flush();
    return counts;
  });
}

async function checkAddressesExist(trx: Transaction<Database>, records: StagedRecord[]) {
  const roomIds = [...new Set(records.flatMap(({ record }) => (record.roomId ? [record.roomId] : [])))];
  const placeIds = [...new Set(records.flatMap(({ record }) => (record.placeId ? [record.placeId] : [])))];
  const existing = await repo.findExistingAddressIds(trx, roomIds, placeIds);
  for (const { rowNumber, record } of records) {
    const addressId = record.roomId ?? record.placeId;
    if (addressId !== null && !existing.has(addressId)) throw new AppError('IMPORT_PREVIEW_STALE', 'id', { row: rowNumber });
  }
}

/** Writes the persons of one page of rows, then their leases, and returns each row's outcome. */
async function writePage(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  actor: Actor,
  communityCode: string,
  records: StagedRecord[],
  audit: AuditBatch,
  now: string,
): Promise<Outcome[]> {
  // A landlord with several rooms appears on several rows: each document is written once per page, the last row winning.
  const latest = new Map<string, { rowNumber: number; entry: ReturnType<typeof placementsOf>[number] }>();
  const indexesOfRow = records.map(({ rowNumber, record }) =>
    placementsOf(record, communityCode).map((entry) => {
      const index = documentIndexOfPerson(ctx.keys, entry.person);
      latest.set(index, { rowNumber, entry });
      return index;
    }),
  );

  const storedOfIndex: Map<string, PersonRow> = await repo.findPersonsByDocumentIndexes(trx, [...latest.keys()]);
  const inScope = await repo.findPersonIdsInScope(
    trx,
    actor.scope,
    [...storedOfIndex.values()].map((row) => row.id),
  );

  const personOf = new Map<string, { id: string; outcome: Outcome }>();
  const inserts = [];
  for (const [index, { rowNumber, entry }] of latest) {
    const current = storedOfIndex.get(index);
    if (current && !inScope.has(current.id)) throw new AppError('IMPORT_PREVIEW_STALE', 'id', { row: rowNumber });

    if (!current) {
      const id = randomUUID();
      const columns = newPersonColumns(ctx.keys, entry.person, entry.placement);
      inserts.push({ id, ...columns, source: 'import', created_at: now, updated_at: now });
      audit.add({
        action: 'person.create',
        entityType: 'person',
        entityId: id,
        nodeCode: communityCode,
        fields: fieldsOfNewPerson(columns),
      });
      personOf.set(index, { id, outcome: 'created' });
      continue;
    }

    const next = mergedPersonColumns(ctx.keys, current, entry.person, entry.placement);
    const { changes, fields } = diffPersonColumns(current, next);
    if (fields.length === 0) {
      personOf.set(index, { id: current.id, outcome: 'unchanged' });
      continue;
    }
    await repo.updatePerson(trx, current.id, { ...changes, updated_at: now });
    audit.add({ action: 'person.update', entityType: 'person', entityId: current.id, nodeCode: next.community_code, fields });
    // A move out of a compound ends the access passes there. Their audit entries go into the batch, so the hash chain stays in order.
    if ('room_id' in changes) await revokePassesOfPerson(trx, ctx, current.id, 'moved_out', now, actor, (event) => audit.add(event));
    personOf.set(index, { id: current.id, outcome: 'updated' });
  }
  // Rows of up to 30 columns: 200 rows stay below the bound-parameter limits of SQLite (32,766) and PostgreSQL (65,535).
  for (let start = 0; start < inserts.length; start += 200) await repo.insertPersons(trx, inserts.slice(start, start + 200));

  const outcomes: Outcome[] = [];
  for (const [position, { record }] of records.entries()) {
    const persons = (indexesOfRow[position] ?? []).map((index) => personOf.get(index) as { id: string; outcome: Outcome });
    if (record.kind === 'arrivals') {
      outcomes.push(persons[0]?.outcome ?? 'unchanged');
      continue;
    }
    const [landlord, tenant] = persons as [{ id: string; outcome: Outcome }, { id: string; outcome: Outcome }];
    const tenancy = await upsertTenancy(trx, {
      roomId: record.roomId,
      placeId: record.placeId,
      landlordPersonId: landlord.id,
      tenantPersonId: tenant.id,
      startDate: record.startDate,
      endDate: record.endDate,
      communityCode,
      now,
    });
    if (tenancy.created) {
      const fields = [record.roomId ? 'roomId' : 'placeId', 'landlordPersonId', 'tenantPersonId', 'startDate'];
      if (record.endDate !== null) fields.push('endDate');
      audit.add({ action: 'tenancy.create', entityType: 'tenancy', entityId: tenancy.id, nodeCode: communityCode, fields });
      outcomes.push('created');
    } else if (tenancy.changed) {
      // The only column an import changes on a known lease is its end date.
      audit.add({ action: 'tenancy.update', entityType: 'tenancy', entityId: tenancy.id, nodeCode: communityCode, fields: ['endDate'] });
      outcomes.push('updated');
    } else {
      outcomes.push(persons.some((person) => person.outcome !== 'unchanged') ? 'updated' : 'unchanged');
    }
  }
  return outcomes;
}
