import { buildUrl } from './request.js';

/** The person-list filter an export applies; the same fields as the person list query. */
export interface PersonExportFilter {
  q?: string | undefined;
  communityCode?: string | undefined;
  keyPerson?: boolean | undefined;
  closeContact?: boolean | undefined;
  riskLevel?: string | undefined;
}

export interface PersonExportOptions {
  /** Language of the column headers and values. */
  lang: string;
  /** Full document and phone numbers; the server allows it to office roles only and records the reason. */
  unmasked?: { reason: string };
}

/**
 * URL of the person export as xlsx. The server streams it, so the browser
 * downloads it through a link instead of holding it in memory.
 */
export function personExportUrl(filter: PersonExportFilter, options: PersonExportOptions): string {
  return buildUrl('/api/exports/persons.xlsx', {
    ...filter,
    lang: options.lang,
    ...(options.unmasked ? { unmasked: true, reason: options.unmasked.reason } : {}),
  });
}
