import type { Role } from '@cordon/core';
import type { ImportKind, ImportPreview, ImportRowError, ImportSampleRow, ImportStatus, ImportSummary } from '../../api/imports.js';
import type { TableColumn } from '../../utils/table.js';

/** Roles the server lets import rosters. */
export const IMPORT_ROLES: readonly Role[] = ['admin', 'subdistrict_staff', 'community_staff'];

/** The server's upload limit (IMPORT_LIMITS.maxFileBytes), in MiB. */
export const MAX_UPLOAD_MIB = 32;
const MEBIBYTE = 1024 * 1024;

/** File types the server reads: xlsx from Excel or WPS, and CSV in UTF-8 or GB18030. Old .xls files are rejected. */
export const ACCEPTED_EXTENSIONS = ['.xlsx', '.csv'] as const;

/** Import fields in the order of the roster columns, for the mapping's labels (`imports.fields.<field>`). */
export const IMPORT_FIELDS: Record<ImportKind, readonly string[]> = {
  arrivals: [
    'name',
    'documentType',
    'documentNumber',
    'nationality',
    'phone',
    'originRegion',
    'arrivalDate',
    'travelMode',
    'travelNumber',
    'address',
    'householdRole',
    'notes',
  ],
  rentals: [
    'address',
    'landlordName',
    'landlordDocumentType',
    'landlordDocumentNumber',
    'landlordPhone',
    'tenantName',
    'tenantDocumentType',
    'tenantDocumentNumber',
    'tenantPhone',
    'startDate',
    'endDate',
    'notes',
  ],
};

/** Reason a chosen file cannot be uploaded, as a locale key with its parameters; null when it can. */
export function checkUploadFile(file: { name: string; size: number }): { key: string; params?: Record<string, unknown> } | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xls')) return { key: 'imports.upload.xlsNotSupported' };
  if (!ACCEPTED_EXTENSIONS.some((extension) => name.endsWith(extension))) {
    return { key: 'imports.upload.typeNotAccepted', params: { types: ACCEPTED_EXTENSIONS.join(', ') } };
  }
  if (file.size === 0) return { key: 'imports.upload.empty' };
  if (file.size > MAX_UPLOAD_MIB * MEBIBYTE) return { key: 'imports.upload.tooLarge', params: { limit: MAX_UPLOAD_MIB } };
  return null;
}

/**
 * Reads the file name of a Content-Disposition header: the UTF-8 `filename*`
 * (RFC 5987) when present, else the plain `filename`; null when neither is.
 */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // A malformed percent-encoding falls through to the plain name.
    }
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header)?.[1];
  if (quoted !== undefined) return quoted.replace(/\\(.)/g, '$1');
  const bare = /filename\s*=\s*([^;\s]+)/i.exec(header)?.[1];
  return bare ?? null;
}

/** True when the preview can still be committed and has rows to write. */
export function canCommit(preview: Pick<ImportPreview, 'status' | 'totals'>): boolean {
  return preview.status === 'previewed' && preview.totals.valid > 0;
}

/** Element Plus tag type of an import status. */
export function statusTagType(status: ImportStatus): 'success' | 'info' | 'warning' {
  if (status === 'committed') return 'success';
  if (status === 'expired') return 'info';
  return 'warning';
}

/** Locale key of the field a header was matched to, or of "kept as notes" for an unmatched header. */
export function mappingLabelKey(field: string | null): string {
  return field === null ? 'imports.mapping.keptAsNotes' : `imports.fields.${field}`;
}

export const errorColumns: TableColumn<ImportRowError>[] = [
  { key: 'row', prop: 'row', labelKey: 'imports.errors.row', kind: 'text', width: 70, essential: true },
  { key: 'column', prop: 'column', labelKey: 'imports.errors.column', kind: 'text', minWidth: 110 },
  { key: 'value', prop: 'value', labelKey: 'imports.errors.value', kind: 'mono', minWidth: 150 },
  { key: 'message', prop: 'message', labelKey: 'imports.errors.reason', kind: 'text', minWidth: 260, essential: true },
];

export const sampleColumns: Record<ImportKind, TableColumn<ImportSampleRow>[]> = {
  arrivals: [
    { key: 'row', prop: 'row', labelKey: 'imports.sample.row', kind: 'text', width: 70 },
    { key: 'name', prop: 'name', labelKey: 'imports.fields.name', kind: 'text', minWidth: 100, essential: true },
    { key: 'documentMasked', prop: 'documentMasked', labelKey: 'imports.fields.documentNumber', kind: 'mono', minWidth: 180 },
    { key: 'phoneMasked', prop: 'phoneMasked', labelKey: 'imports.fields.phone', kind: 'mono', minWidth: 130 },
    { key: 'arrivalDate', prop: 'arrivalDate', labelKey: 'imports.fields.arrivalDate', kind: 'text', width: 110 },
    { key: 'addressText', prop: 'addressText', labelKey: 'imports.fields.address', kind: 'text', minWidth: 160 },
    { key: 'existing', labelKey: 'imports.sample.existing', kind: 'custom', width: 100, essential: true },
  ],
  rentals: [
    { key: 'row', prop: 'row', labelKey: 'imports.sample.row', kind: 'text', width: 70 },
    { key: 'addressText', prop: 'addressText', labelKey: 'imports.fields.address', kind: 'text', minWidth: 160, essential: true },
    { key: 'landlordName', prop: 'landlordName', labelKey: 'imports.fields.landlordName', kind: 'text', minWidth: 100 },
    { key: 'tenantName', prop: 'tenantName', labelKey: 'imports.fields.tenantName', kind: 'text', minWidth: 100, essential: true },
    {
      key: 'tenantDocumentMasked',
      prop: 'tenantDocumentMasked',
      labelKey: 'imports.fields.tenantDocumentNumber',
      kind: 'mono',
      minWidth: 180,
    },
    { key: 'startDate', prop: 'startDate', labelKey: 'imports.fields.startDate', kind: 'text', width: 110 },
    { key: 'existing', labelKey: 'imports.sample.existing', kind: 'custom', width: 100 },
  ],
};

export const recordColumns: TableColumn<ImportSummary>[] = [
  { key: 'createdAt', prop: 'createdAt', labelKey: 'imports.records.createdAt', kind: 'datetime', width: 150, essential: true },
  { key: 'createdByName', prop: 'createdByName', labelKey: 'imports.records.createdBy', kind: 'text', minWidth: 100 },
  { key: 'kind', labelKey: 'imports.records.kind', kind: 'custom', minWidth: 130 },
  { key: 'fileName', prop: 'fileName', labelKey: 'imports.records.fileName', kind: 'text', minWidth: 180, essential: true },
  { key: 'communityName', prop: 'communityName', labelKey: 'imports.records.community', kind: 'text', minWidth: 130 },
  { key: 'counts', labelKey: 'imports.records.counts', kind: 'custom', minWidth: 220 },
  { key: 'status', labelKey: 'imports.records.status', kind: 'custom', width: 100, essential: true },
];
