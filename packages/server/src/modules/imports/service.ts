import { formatErrorMessage, type Locale, maskIdentityNumber, maskPhoneNumber, parsePhoneNumber } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { refreshPlannerStatistics, STATISTICS_REFRESH_ROWS } from '../../db/statistics.js';
import { AppError } from '../../errors/app-error.js';
import { commitStagedRows } from './commit.js';
import type { HeaderColumn } from './header.js';
import { DOCUMENT_FIELDS, PHONE_FIELDS } from './kinds.js';
import { BATCH_ROWS, MAX_PREVIEW_ERRORS, SAMPLE_ROWS } from './limits.js';
import { type ImportUpload, stageImport } from './preview.js';
import * as repo from './repository.js';
import { openPayload } from './staging.js';
import type { ImportRecord, PersonInput, RowError } from './validate.js';

/** Masks a value shown in an error: document numbers and phones keep only their ends. */
export function maskErrorValue(field: string | null, value: string): string {
  if (field !== null && DOCUMENT_FIELDS.has(field)) return maskIdentityNumber(value);
  if (field !== null && PHONE_FIELDS.has(field)) return maskPhoneNumber(value);
  return value;
}

// A roster's name column is a person's name (姓名), not the name of a thing (名称) as elsewhere.
const LABEL_OF_FIELD: Record<string, string> = { name: 'personName' };

export function errorMessageOf(locale: Locale, error: RowError): string {
  const label = error.field ? (LABEL_OF_FIELD[error.field] ?? error.field) : null;
  return formatErrorMessage(locale, error.code, {
    ...(label ? { field: label } : {}),
    ...(error.params ? { params: error.params } : {}),
  });
}

function maskedPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const parsed = parsePhoneNumber(phone);
  return maskPhoneNumber(parsed.ok ? parsed.value.national : phone);
}

function maskedPerson(prefix: '' | 'landlord' | 'tenant', person: PersonInput) {
  const key = (name: string) => (prefix === '' ? name : `${prefix}${name[0]?.toUpperCase()}${name.slice(1)}`);
  return {
    [key('name')]: person.name,
    [key('documentType')]: person.documentType,
    [key('documentMasked')]: maskIdentityNumber(person.documentNumber),
    [key('phoneMasked')]: maskedPhone(person.phone),
  };
}

/** Builds a sample row with document and phone numbers masked. */
function toSampleRow(row: number, record: ImportRecord, existing: boolean) {
  const notes = record.notes.map((note) => `${note.header}: ${note.value}`).join('; ') || null;
  if (record.kind === 'arrivals') {
    return {
      row,
      existing,
      ...maskedPerson('', record.person),
      originRegionCode: record.originRegionCode,
      arrivalDate: record.arrivalDate,
      travelMode: record.travelMode,
      travelNumber: record.travelNumber,
      addressText: record.addressText,
      householdRole: record.householdRole,
      notes,
    };
  }
  return {
    row,
    existing,
    addressText: record.addressText,
    ...maskedPerson('landlord', record.landlord),
    ...maskedPerson('tenant', record.tenant),
    startDate: record.startDate,
    endDate: record.endDate,
    notes,
  };
}

function toImportSummary(row: repo.ImportRecordRow) {
  const committed = row.created_count !== null;
  return {
    id: row.id,
    kind: row.kind as 'arrivals' | 'rentals',
    fileName: row.file_name,
    communityCode: row.community_code,
    communityName: row.community_name,
    status: row.status as 'previewed' | 'committed' | 'expired',
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
    createdByName: row.created_by_name ?? null,
    expiresAt: new Date(row.expires_at).toISOString(),
    committedAt: row.committed_at === null ? null : new Date(row.committed_at).toISOString(),
    totals: {
      rows: row.total_rows,
      valid: row.valid_rows,
      invalid: row.invalid_rows,
      duplicatesInFile: row.duplicate_rows,
      existing: row.existing_rows,
    },
    result: committed ? { created: row.created_count ?? 0, updated: row.updated_count ?? 0, unchanged: row.unchanged_count ?? 0 } : null,
  };
}

/** Loads an import of the scope, after deleting the staged rows of every expired one. */
async function requireImport(ctx: ServiceContext, actor: Actor, id: string) {
  await purgeExpiredImports(ctx);
  const row = await repo.findImportInScope(ctx.db, actor.scope, id);
  if (!row) throw new AppError('IMPORT_NOT_FOUND', 'id');
  return row;
}

/**
 * Builds the preview of an import: totals, the column mapping, the first row
 * errors with messages in the request's language, and a masked sample of the
 * first valid rows. After a commit the sample is empty, because the valid
 * rows are deleted; after expiry the errors are too.
 */
export async function getImportPreview(ctx: ServiceContext, actor: Actor, id: string, locale: Locale) {
  const row = await requireImport(ctx, actor, id);

  const errors = [];
  for (let after = 0; errors.length < MAX_PREVIEW_ERRORS;) {
    const page = await repo.listImportRows(ctx.db, id, false, after, BATCH_ROWS);
    if (page.length === 0) break;
    after = page[page.length - 1]?.row_number ?? after;
    for (const staged of page) {
      for (const error of openPayload(ctx.keys, staged.payload_enc).errors ?? []) {
        if (errors.length >= MAX_PREVIEW_ERRORS) break;
        errors.push({
          row: staged.row_number,
          column: error.column,
          field: error.field,
          value: maskErrorValue(error.field, error.value),
          code: error.code,
          message: errorMessageOf(locale, error),
        });
      }
    }
  }

  const sample = (await repo.listImportRows(ctx.db, id, true, 0, SAMPLE_ROWS)).flatMap((staged) => {
    const payload = openPayload(ctx.keys, staged.payload_enc);
    return payload.record ? [toSampleRow(staged.row_number, payload.record, payload.existing === true)] : [];
  });

  return {
    ...toImportSummary(row),
    columns: (JSON.parse(row.columns) as HeaderColumn[])
      .filter((column) => !column.ignored)
      .map((column) => ({ header: column.header, field: column.field })),
    errors,
    sample,
  };
}

/** Stages an uploaded roster and returns its preview. */
export async function createImport(ctx: ServiceContext, actor: Actor, upload: ImportUpload, locale: Locale) {
  await purgeExpiredImports(ctx);
  const id = await stageImport(ctx, actor, upload);
  return getImportPreview(ctx, actor, id, locale);
}

export async function listImports(ctx: ServiceContext, actor: Actor, communityCode: string | undefined, page: number, pageSize: number) {
  await purgeExpiredImports(ctx);
  const { rows, total } = await repo.listImportsInScope(ctx.db, actor.scope, communityCode, (page - 1) * pageSize, pageSize);
  return { items: rows.map(toImportSummary), total };
}

/** Commits the valid rows of a previewed import; see commitStagedRows. */
export async function commitImport(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await requireImport(ctx, actor, id);
  if (row.status === 'committed') throw new AppError('IMPORT_ALREADY_COMMITTED', 'id');
  if (row.status === 'expired') throw new AppError('IMPORT_EXPIRED', 'id');
  const counts = await commitStagedRows(ctx, actor, id, row.kind, row.community_code);
  if (counts.created + counts.updated >= STATISTICS_REFRESH_ROWS) await refreshPlannerStatistics(ctx.db, ['persons', 'tenancies']);
  return counts;
}

/** Error rows of an import in row order, for the error workbook. */
export async function* readErrorRows(ctx: ServiceContext, actor: Actor, id: string) {
  await requireImport(ctx, actor, id);
  for (let after = 0; ;) {
    const page = await repo.listImportRows(ctx.db, id, false, after, BATCH_ROWS);
    if (page.length === 0) return;
    after = page[page.length - 1]?.row_number ?? after;
    for (const staged of page) {
      const payload = openPayload(ctx.keys, staged.payload_enc);
      yield { row: staged.row_number, cells: payload.cells, errors: payload.errors ?? [] };
    }
  }
}

/** Loads the import record an error workbook is built for. */
export async function getImportForErrors(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await requireImport(ctx, actor, id);
  return { fileName: row.file_name, kind: row.kind, columns: JSON.parse(row.columns) as HeaderColumn[] };
}

/**
 * Deletes the staged rows of imports past their expiry time: a previewed
 * import can no longer be committed, and the error rows of a committed one
 * go too. Imports that never finished reading are deleted whole. Runs before
 * each import request, and can run from a scheduled job.
 */
export async function purgeExpiredImports(ctx: ServiceContext, now = new Date()) {
  const expired = await repo.listExpiredImports(ctx.db, now.toISOString());
  for (const row of expired) {
    await ctx.db.transaction().execute(async (trx) => {
      if (row.status === 'parsing') await repo.deleteImport(trx, row.id);
      else {
        await repo.deleteImportRows(trx, row.id);
        if (row.status === 'previewed') await repo.updateImport(trx, row.id, { status: 'expired' });
      }
    });
  }
  return expired.length;
}
