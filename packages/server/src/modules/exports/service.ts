import type { Writable } from 'node:stream';
import { cleanName, fieldLabelOf, type Locale, type Role } from '@cordon/core';
import type { Actor, Scope, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { requireNodeInScope } from '../jurisdictions/scope.js';
import { chinaToday } from '../persons/input.js';
import type { PersonFilter } from '../persons/repository.js';
import { loadRiskContext, riskPrefixFilterOf } from '../persons/risk.js';
import { toPersonRepoFilter } from '../persons/service.js';
import { personExportCells, personExportSheetColumns } from './columns.js';
import { listPersonExportPage } from './repository.js';
import type { PersonExportQuery } from './schemas.js';
import { type SheetCell, writeStreamedSheet } from './workbook.js';

/** Roles that may export full document and phone numbers; every other staff role exports masked values only. */
export const UNMASKED_EXPORT_ROLES: readonly Role[] = ['admin', 'subdistrict_staff', 'community_staff'];

const MIN_REASON_LENGTH = 2;

/** Rows read per database query; the writer also waits for the client after each page. */
export const EXPORT_PAGE_SIZE = 1000;

export interface PersonExportOptions {
  scope: Scope;
  filter: PersonFilter;
  unmasked: boolean;
  locale: Locale;
}

/**
 * Checks an export request and records it in the audit log, so the entry
 * exists before the first byte leaves the server. A full-number export needs
 * an office role and a reason of at least two characters. A community filter
 * outside the scope matches no file, as in the person list, so the sheet is
 * empty rather than a 404.
 */
export async function startPersonExport(
  ctx: ServiceContext,
  actor: Actor,
  query: PersonExportQuery,
  locale: Locale,
): Promise<PersonExportOptions> {
  const { unmasked = false, reason: reasonInput, ...listFilter } = query;
  const reason = reasonInput === undefined ? undefined : cleanName(reasonInput);
  if (unmasked && reason === undefined) throw new AppError('FIELD_REQUIRED', 'reason');
  if (reason !== undefined && Array.from(reason).length < MIN_REASON_LENGTH) {
    throw new AppError('FIELD_TOO_SHORT', 'reason', { limit: MIN_REASON_LENGTH });
  }
  if (unmasked && (actor.role === null || !UNMASKED_EXPORT_ROLES.includes(actor.role))) throw new AppError('FORBIDDEN', 'unmasked');

  const filter = toPersonRepoFilter(ctx, listFilter);
  if (listFilter.riskLevel) filter.risk = riskPrefixFilterOf(await loadRiskContext(ctx), listFilter.riskLevel);

  // The entry is filed under the filtered community only when it is in scope, so a guessed code lands nowhere else.
  const community = listFilter.communityCode
    ? await requireNodeInScope(ctx.db, actor.scope, listFilter.communityCode, 'communityCode').catch(() => undefined)
    : undefined;

  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const audit = {
      action: 'person.export',
      entityType: 'person',
      entityId: null,
      nodeCode: community?.code ?? actor.scope.nodeCode,
      fields: unmasked ? ['documentNumber', 'phone'] : [],
      ...(reason === undefined ? {} : { reason }),
    };
    await recordAudit(trx, ctx, actor, audit, now);
  });

  return { scope: actor.scope, filter, unmasked, locale };
}

async function* personExportPages(ctx: ServiceContext, options: PersonExportOptions): AsyncGenerator<SheetCell[][]> {
  const cellOptions = { locale: options.locale, unmasked: options.unmasked, fieldEncryptionKey: ctx.keys.fieldEncryption };
  let afterId: string | null = null;
  for (;;) {
    const rows = await listPersonExportPage(ctx.db, options.scope, options.filter, afterId, EXPORT_PAGE_SIZE);
    if (rows.length === 0) return;
    yield rows.map((row) => personExportCells(row, cellOptions));
    if (rows.length < EXPORT_PAGE_SIZE) return;
    afterId = rows[rows.length - 1]?.id ?? null;
  }
}

/**
 * Writes the person files that match the options to `output` as an xlsx and
 * ends it; returns the number of rows. Usable with any Writable (an HTTP
 * reply, a file, a counting sink for a memory benchmark). It neither checks
 * roles nor writes the audit entry: `startPersonExport` does both.
 */
export function writePersonsWorkbook(ctx: ServiceContext, options: PersonExportOptions, output: Writable): Promise<number> {
  const sheetName = fieldLabelOf(options.locale, 'personsSheet');
  return writeStreamedSheet(output, sheetName, personExportSheetColumns(options.locale), personExportPages(ctx, options));
}

/**
 * File name of an export, in the locale, with the date in China, e.g. "人员档案-2026-12-04.xlsx".
 * A file with full numbers states it in its name ("人员档案-完整号码-…"), so it is not shared by mistake.
 */
export function personExportFileName(locale: Locale, unmasked: boolean, now = new Date()): string {
  const marker = unmasked ? `-${fieldLabelOf(locale, 'unmaskedFile')}` : '';
  return `${fieldLabelOf(locale, 'personsSheet')}${marker}-${chinaToday(now)}.xlsx`;
}
