import { type Static, Type } from 'typebox';
import { JurisdictionCode, Pagination, Timestamp } from '../../http/common-schemas.js';
import { IMPORT_KINDS } from './kinds.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

export const ImportKindSchema = Type.Enum(IMPORT_KINDS);

export const TemplateQuery = Type.Object({ kind: ImportKindSchema });

export const ImportListQuery = Type.Object({ communityCode: Type.Optional(JurisdictionCode), ...Pagination });

/** Multipart fields of an upload, besides the file; checked by the route after the stream is read. */
export const UploadFields = Type.Object({ kind: ImportKindSchema, communityCode: JurisdictionCode });
export type UploadFields = Static<typeof UploadFields>;

const Totals = Type.Object({
  rows: Type.Integer(),
  valid: Type.Integer(),
  invalid: Type.Integer(),
  /** Rows repeating a document (arrivals) or a lease (rentals) of an earlier row; counted in `invalid`. */
  duplicatesInFile: Type.Integer(),
  /** Valid rows whose person file (or one of the two, for a lease) exists in scope and will be updated. */
  existing: Type.Integer(),
});

const CommitResult = Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() });

export const ImportSummary = Type.Object({
  id: Type.String(),
  kind: ImportKindSchema,
  fileName: Type.String(),
  communityCode: Type.String(),
  communityName: Type.String(),
  status: Type.Enum(['previewed', 'committed', 'expired']),
  createdAt: Timestamp,
  createdBy: NullableString,
  createdByName: NullableString,
  /** When the staged rows are deleted: an uncommitted import can no longer be committed, and the error rows go. */
  expiresAt: Timestamp,
  committedAt: NullableTimestamp,
  totals: Totals,
  /** Counts of the commit; null before it. */
  result: Type.Union([CommitResult, Type.Null()]),
});

export const ImportList = Type.Object({ items: Type.Array(ImportSummary), total: Type.Integer() });

const ImportColumn = Type.Object({
  header: Type.String(),
  /** Field the header was matched to; null for a column kept as notes. */
  field: NullableString,
});

const ImportRowErrorSchema = Type.Object({
  row: Type.Integer(),
  column: NullableString,
  field: NullableString,
  /** The cell's text; document and phone numbers masked. */
  value: Type.String(),
  code: Type.String(),
  message: Type.String(),
});

/** A valid row with document and phone numbers masked. Arrivals fill the unprefixed person fields, rentals the landlord and tenant ones. */
const SampleRow = Type.Object({
  row: Type.Integer(),
  existing: Type.Boolean(),
  name: Type.Optional(Type.String()),
  documentType: Type.Optional(Type.String()),
  documentMasked: Type.Optional(Type.String()),
  phoneMasked: Type.Optional(NullableString),
  originRegionCode: Type.Optional(NullableString),
  arrivalDate: Type.Optional(NullableString),
  travelMode: Type.Optional(NullableString),
  travelNumber: Type.Optional(NullableString),
  householdRole: Type.Optional(NullableString),
  addressText: Type.Optional(NullableString),
  landlordName: Type.Optional(Type.String()),
  landlordDocumentType: Type.Optional(Type.String()),
  landlordDocumentMasked: Type.Optional(Type.String()),
  landlordPhoneMasked: Type.Optional(NullableString),
  tenantName: Type.Optional(Type.String()),
  tenantDocumentType: Type.Optional(Type.String()),
  tenantDocumentMasked: Type.Optional(Type.String()),
  tenantPhoneMasked: Type.Optional(NullableString),
  startDate: Type.Optional(Type.String()),
  endDate: Type.Optional(NullableString),
  /** Notes column and unknown columns as "header: value", joined by "; ". */
  notes: NullableString,
});

export const ImportPreview = Type.Object({
  ...ImportSummary.properties,
  columns: Type.Array(ImportColumn),
  /** The first 1,000 row errors; the error workbook lists all. */
  errors: Type.Array(ImportRowErrorSchema),
  /** The first 20 valid rows; empty after the commit. */
  sample: Type.Array(SampleRow),
});

export { CommitResult };
