import type { Writable } from 'node:stream';
import { fieldLabelOf, type Locale } from '@cordon/core';
import type { Kysely } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { recordAudit } from '../audit/service.js';
import { chinaDateTime, labelOf } from '../exports/columns.js';
import { type SheetCell, type SheetColumn, writeStreamedSheet } from '../exports/workbook.js';
import { chinaToday } from '../persons/input.js';
import { toRegistrationFilter, viewerOf } from './read.js';
import {
  filteredRegistrationQuery,
  listOccupantsOf,
  type OccupantRow,
  type RegistrationFilter,
  type RegistrationViewer,
} from './read-repository.js';
import type { RegistrationListFilter } from './read-schemas.js';

/** Registrations read per database query; the writer waits for the client after each page. */
const EXPORT_PAGE_SIZE = 500;

export interface RegistrationExportOptions {
  viewer: RegistrationViewer;
  filter: RegistrationFilter;
  locale: Locale;
}

/**
 * Checks an export of registrations and records it in the audit log before
 * the first byte leaves the server. The export has the list's filters, scope
 * and 31-day limit, and masked numbers only: it carries no names.
 */
export async function startRegistrationExport(
  ctx: ServiceContext,
  actor: Actor,
  query: RegistrationListFilter,
  locale: Locale,
): Promise<RegistrationExportOptions> {
  const filter = toRegistrationFilter(query, ctx.clock());
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const audit = {
      action: 'checkpoint.export',
      entityType: 'checkpoint_registration',
      entityId: null,
      nodeCode: actor.scope.nodeCode,
      fields: [],
    };
    await recordAudit(trx, ctx, actor, audit, now);
  });
  return { viewer: viewerOf(actor), filter, locale };
}

/** Loads the next page in time order, after the (registered_at, id) of the last row of the previous page. */
function listExportPage(db: Kysely<Database>, options: RegistrationExportOptions, after: { at: string; id: string } | null) {
  let query = filteredRegistrationQuery(db, options.viewer, options.filter);
  if (after !== null) {
    query = query.where((eb) =>
      eb.or([
        eb('checkpoint_registrations.registered_at', '>', after.at),
        eb.and([eb('checkpoint_registrations.registered_at', '=', after.at), eb('checkpoint_registrations.id', '>', after.id)]),
      ]),
    );
  }
  return query
    .select([
      'checkpoint_registrations.id',
      'checkpoint_registrations.registered_at',
      'checkpoints.name as checkpoint_name',
      'checkpoint_registrations.mode',
      'checkpoint_registrations.plate_number',
      'checkpoint_registrations.risk_level',
      'checkpoint_registrations.disposition',
      'checkpoint_registrations.disposition_reason',
      'destination.name as destination_community_name',
    ])
    .orderBy('checkpoint_registrations.registered_at')
    .orderBy('checkpoint_registrations.id')
    .limit(EXPORT_PAGE_SIZE)
    .execute();
}

type ExportRow = Awaited<ReturnType<typeof listExportPage>>[number];

interface ExportColumn {
  /** Key of the header in the core locale files (`fields.<key>`). */
  labelKey: string;
  width: number;
  cell(row: ExportRow, occupant: OccupantRow, locale: Locale): SheetCell;
}

function symptomsOf(occupant: OccupantRow, locale: Locale): SheetCell {
  const codes = JSON.parse(occupant.symptoms) as string[];
  return codes.length === 0 ? null : codes.map((code) => labelOf(locale, 'symptom', code)).join(', ');
}

/** One row per occupant, the registration's facts repeated on each, so that the sheet filters and counts by person. */
const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { labelKey: 'registeredAt', width: 18, cell: (row) => chinaDateTime(new Date(row.registered_at).toISOString()) },
  { labelKey: 'checkpointId', width: 24, cell: (row) => row.checkpoint_name },
  { labelKey: 'mode', width: 12, cell: (row, _occupant, locale) => labelOf(locale, 'mode', row.mode) },
  { labelKey: 'plate', width: 12, cell: (row) => row.plate_number },
  { labelKey: 'riskLevel', width: 10, cell: (row, _occupant, locale) => labelOf(locale, 'riskLevel', row.risk_level) },
  { labelKey: 'disposition', width: 10, cell: (row, _occupant, locale) => labelOf(locale, 'disposition', row.disposition) },
  { labelKey: 'dispositionReason', width: 24, cell: (row) => row.disposition_reason },
  { labelKey: 'destination', width: 20, cell: (row) => row.destination_community_name },
  { labelKey: 'occupantPosition', width: 6, cell: (_row, occupant) => String(Number(occupant.position) + 1) },
  { labelKey: 'occupantRole', width: 10, cell: (_row, occupant, locale) => labelOf(locale, 'occupantRole', occupant.role) },
  { labelKey: 'documentType', width: 16, cell: (_row, occupant, locale) => labelOf(locale, 'documentType', occupant.document_type) },
  { labelKey: 'documentNumber', width: 22, cell: (_row, occupant) => occupant.document_masked },
  { labelKey: 'phone', width: 16, cell: (_row, occupant) => occupant.phone_masked },
  { labelKey: 'sex', width: 6, cell: (_row, occupant, locale) => labelOf(locale, 'sex', occupant.sex) },
  {
    labelKey: 'temperature',
    width: 8,
    cell: (_row, occupant) => (occupant.temperature_tenths === null ? null : (Number(occupant.temperature_tenths) / 10).toFixed(1)),
  },
  { labelKey: 'symptoms', width: 20, cell: (_row, occupant, locale) => symptomsOf(occupant, locale) },
];

function sheetColumnsOf(locale: Locale): SheetColumn[] {
  return EXPORT_COLUMNS.map((column) => ({ header: fieldLabelOf(locale, column.labelKey), width: column.width }));
}

async function* exportPages(ctx: ServiceContext, options: RegistrationExportOptions): AsyncGenerator<SheetCell[][]> {
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const rows = await listExportPage(ctx.db, options, after);
    if (rows.length === 0) return;
    const occupants = await listOccupantsOf(
      ctx.db,
      rows.map((row) => row.id),
    );
    yield rows.flatMap((row) =>
      occupants
        .filter((occupant) => occupant.registration_id === row.id)
        .map((occupant) => EXPORT_COLUMNS.map((column) => column.cell(row, occupant, options.locale))),
    );
    if (rows.length < EXPORT_PAGE_SIZE) return;
    const last = rows[rows.length - 1] as ExportRow;
    after = { at: last.registered_at, id: last.id };
  }
}

/** Writes the registrations that match the options to `output` as an xlsx, one row per occupant, and returns the row count. */
export function writeRegistrationsWorkbook(ctx: ServiceContext, options: RegistrationExportOptions, output: Writable): Promise<number> {
  return writeStreamedSheet(
    output,
    fieldLabelOf(options.locale, 'registrationsSheet'),
    sheetColumnsOf(options.locale),
    exportPages(ctx, options),
  );
}

/** File name of the export in the locale, with the date in China, e.g. "卡口登记-2026-12-05.xlsx". */
export function registrationExportFileName(locale: Locale, now = new Date()): string {
  return `${fieldLabelOf(locale, 'registrationsSheet')}-${chinaToday(now)}.xlsx`;
}
