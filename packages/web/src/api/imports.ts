import type { Page } from './addresses.js';
import { ApiError, buildUrl, get, post } from './request.js';

/** Rosters an office imports: 返苏人员登记表 (arrivals) and 出租房屋登记表 (rentals). */
export const IMPORT_KINDS = ['arrivals', 'rentals'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ImportStatus = 'previewed' | 'committed' | 'expired';

export interface ImportTotals {
  rows: number;
  valid: number;
  invalid: number;
  /** Rows repeating a document or lease of an earlier row; counted in `invalid`. */
  duplicatesInFile: number;
  /** Valid rows whose person file exists in scope and will be updated. */
  existing: number;
}

export interface ImportCommitResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** An import record of the list. */
export interface ImportSummary {
  id: string;
  kind: ImportKind;
  fileName: string;
  communityCode: string;
  communityName: string;
  status: ImportStatus;
  createdAt: string;
  createdBy: string | null;
  createdByName: string | null;
  /** When the staged rows are deleted; an uncommitted import cannot be committed after it. */
  expiresAt: string;
  committedAt: string | null;
  totals: ImportTotals;
  /** Counts of the commit; null before it. */
  result: ImportCommitResult | null;
}

/** A header of the file and the field it was matched to; null for a column kept as notes. */
export interface ImportColumn {
  header: string;
  field: string | null;
}

/** A rejected cell or row; document and phone numbers arrive masked, the message translated. */
export interface ImportRowError {
  row: number;
  column: string | null;
  field: string | null;
  value: string;
  code: string;
  message: string;
}

/** A valid row with masked numbers. Arrivals fill the person fields, rentals the landlord, tenant and lease ones. */
export interface ImportSampleRow {
  row: number;
  existing: boolean;
  name?: string;
  documentType?: string;
  documentMasked?: string;
  phoneMasked?: string | null;
  originRegionCode?: string | null;
  arrivalDate?: string | null;
  travelMode?: string | null;
  travelNumber?: string | null;
  householdRole?: string | null;
  addressText?: string | null;
  landlordName?: string;
  landlordDocumentMasked?: string;
  landlordPhoneMasked?: string | null;
  tenantName?: string;
  tenantDocumentMasked?: string;
  tenantPhoneMasked?: string | null;
  startDate?: string;
  endDate?: string | null;
  notes: string | null;
}

export interface ImportPreview extends ImportSummary {
  columns: ImportColumn[];
  /** The first 1,000 row errors; the error workbook lists all. */
  errors: ImportRowError[];
  /** The first 20 valid rows; empty after the commit. */
  sample: ImportSampleRow[];
}

export interface ImportUpload {
  kind: ImportKind;
  communityCode: string;
  file: File;
}

const BASE = '/api/imports';

/** URL of the empty roster template of a kind, with headers, an example row and drop-downs. */
export function importTemplateUrl(kind: ImportKind): string {
  return buildUrl(`${BASE}/template`, { kind });
}

/** URL of the workbook of an import's rejected rows, with their original columns and the reason. */
export function importErrorsUrl(id: string): string {
  return `${BASE}/${encodeURIComponent(id)}/errors.xlsx`;
}

/** Uploads a roster; the server checks every row and returns the preview without writing any person file. */
export function uploadImport(upload: ImportUpload, signal?: AbortSignal): Promise<ImportPreview> {
  const form = new FormData();
  form.append('kind', upload.kind);
  form.append('communityCode', upload.communityCode);
  form.append('file', upload.file, upload.file.name);
  return post<ImportPreview>(BASE, form, signal ? { signal } : {});
}

export function getImportList(query: { communityCode?: string; page?: number; pageSize?: number }): Promise<Page<ImportSummary>> {
  return get<Page<ImportSummary>>(BASE, { ...query });
}

export function getImport(id: string): Promise<ImportPreview> {
  return get<ImportPreview>(`${BASE}/${encodeURIComponent(id)}`);
}

/** Writes the valid rows of a previewed import, all in one transaction. */
export function commitImport(id: string): Promise<ImportCommitResult> {
  return post<ImportCommitResult>(`${BASE}/${encodeURIComponent(id)}/commit`);
}

/**
 * Downloads a generated workbook through fetch, so the request carries the
 * console language (the error workbook's reason column follows it). Returns
 * the body and the Content-Disposition header; throws ApiError on a failure.
 */
export async function fetchWorkbook(url: string, locale: string): Promise<{ blob: Blob; disposition: string | null }> {
  const response = await fetch(url, { headers: { 'Accept-Language': locale }, credentials: 'same-origin' });
  if (!response.ok) {
    const envelope = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError({
      code: envelope?.error?.code ?? 'UNEXPECTED_RESPONSE',
      message: envelope?.error?.message ?? response.statusText,
      status: response.status,
    });
  }
  return { blob: await response.blob(), disposition: response.headers.get('content-disposition') };
}
