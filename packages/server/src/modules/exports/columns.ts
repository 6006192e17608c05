import { DEFAULT_LOCALE, fieldLabelOf, type Locale, MESSAGES } from '@cordon/core';
import { decryptField } from '../../crypto/field-encryption.js';
import { roomTextOf } from '../addresses/service.js';
import { regionNamesOf } from '../persons/input.js';
import type { PersonExportRow } from './repository.js';
import type { SheetCell, SheetColumn } from './workbook.js';

export interface CellOptions {
  locale: Locale;
  /** True writes the decrypted document and phone numbers instead of the masked ones. */
  unmasked: boolean;
  fieldEncryptionKey: Buffer;
}

interface PersonExportColumn {
  /** Key of the header in the core locale files (`fields.<key>`). */
  labelKey: string;
  width: number;
  cell(row: PersonExportRow, options: CellOptions): SheetCell;
}

/**
 * Translated label of a stored code, from the `fields` section of the core
 * export locale (e.g. `householdRole_owner`). Falls back to zh-CN, then to the code itself.
 */
export function labelOf(locale: Locale, group: string, code: string | null): SheetCell {
  if (code === null) return null;
  const key = `${group}_${code}`;
  return MESSAGES[locale].fields[key] ?? MESSAGES[DEFAULT_LOCALE].fields[key] ?? code;
}

function yesNo(locale: Locale, flag: number): SheetCell {
  return labelOf(locale, 'boolean', flag === 1 ? 'true' : 'false');
}

function addressOf(row: PersonExportRow): SheetCell {
  if (row.compound_name !== null && row.building_number !== null && row.unit_number !== null && row.room_number !== null) {
    return roomTextOf({
      compound_name: row.compound_name,
      building_number: row.building_number,
      unit_number: row.unit_number,
      number: row.room_number,
    });
  }
  return row.place_text;
}

/** Region names from the province down, e.g. "湖北省武汉市", or the stored code when the table has no such region. */
function originRegionOf(row: PersonExportRow): SheetCell {
  if (row.origin_region_code === null) return null;
  const names = regionNamesOf(row.origin_region_code);
  return names.length > 0 ? names.join('') : row.origin_region_code;
}

/** Columns of the person export, in sheet order. */
export /** Writes a stored UTC timestamp as the office reads it: Beijing time (UTC+8, no daylight saving), "2026-12-05 07:57". */
function chinaDateTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const PERSON_EXPORT_COLUMNS: readonly PersonExportColumn[] = [
  { labelKey: 'personName', width: 12, cell: (row) => row.name },
  { labelKey: 'documentType', width: 16, cell: (row, options) => labelOf(options.locale, 'documentType', row.document_type) },
  {
    labelKey: 'documentNumber',
    width: 22,
    cell: (row, options) => (options.unmasked ? decryptField(options.fieldEncryptionKey, row.document_number_enc) : row.document_masked),
  },
  {
    labelKey: 'phone',
    width: 16,
    cell: (row, options) => {
      if (!options.unmasked || row.phone_enc === null) return row.phone_masked;
      return decryptField(options.fieldEncryptionKey, row.phone_enc);
    },
  },
  { labelKey: 'birthDate', width: 12, cell: (row) => row.birth_date },
  { labelKey: 'sex', width: 6, cell: (row, options) => labelOf(options.locale, 'sex', row.sex) },
  { labelKey: 'nationality', width: 8, cell: (row) => row.nationality },
  { labelKey: 'communityCode', width: 20, cell: (row) => row.community_name },
  { labelKey: 'gridCode', width: 14, cell: (row) => row.grid_name },
  { labelKey: 'address', width: 28, cell: addressOf },
  { labelKey: 'householdRole', width: 10, cell: (row, options) => labelOf(options.locale, 'householdRole', row.household_role) },
  { labelKey: 'originRegionCode', width: 20, cell: originRegionOf },
  { labelKey: 'arrivalDate', width: 12, cell: (row) => row.arrival_date },
  { labelKey: 'travelMode', width: 10, cell: (row, options) => labelOf(options.locale, 'travelMode', row.travel_mode) },
  { labelKey: 'travelNumber', width: 14, cell: (row) => row.travel_number },
  { labelKey: 'keyPerson', width: 10, cell: (row, options) => yesNo(options.locale, row.key_person) },
  { labelKey: 'keyPersonReason', width: 20, cell: (row) => row.key_person_reason },
  { labelKey: 'closeContact', width: 10, cell: (row, options) => yesNo(options.locale, row.close_contact) },
  { labelKey: 'closeContactReason', width: 20, cell: (row) => row.close_contact_reason },
  { labelKey: 'notes', width: 40, cell: (row) => row.notes },
  { labelKey: 'recordSource', width: 10, cell: (row, options) => labelOf(options.locale, 'source', row.source) },
  { labelKey: 'updatedAt', width: 18, cell: (row) => chinaDateTime(row.updated_at) },
];

/** Header and width of each column, in the locale. */
export function personExportSheetColumns(locale: Locale): SheetColumn[] {
  return PERSON_EXPORT_COLUMNS.map((column) => ({
    header: fieldLabelOf(locale, column.labelKey),
    width: column.width,
  }));
}

export function personExportCells(row: PersonExportRow, options: CellOptions): SheetCell[] {
  return PERSON_EXPORT_COLUMNS.map((column) => column.cell(row, options));
}
