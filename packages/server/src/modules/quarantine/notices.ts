import { setImmediate as nextTick } from 'node:timers/promises';
import { chinaCalendarDate, formatNoticeNumber, type NoticeFacts, type NoticeKind, noticePagesOf, quarantineLengthOf } from '@cordon/core';
import type { Transaction } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { addressTextOf } from './mapping.js';
import { createNoticeDocument, writeNoticePage } from './pdf.js';
import * as repo from './repository.js';
import { chinaDaysOf, requireCalendarDate, scopeOf } from './service.js';
import { loadNoticePrefix } from './settings.js';

type NoticeRow = repo.QuarantineDetailRow;

const NUMBER_COLUMN = { notice: 'notice_number', release: 'release_notice_number' } as const;
const AUDIT_FIELD = { notice: 'noticeNumber', release: 'releaseNoticeNumber' } as const;
const PRINT_ACTION = { notice: 'quarantine.notice_print', release: 'quarantine.release_notice_print' } as const;
const FILE_PREFIX = { notice: 'home-quarantine-notice', release: 'release-notice' } as const;

/**
 * Returns the document number of a notice, giving one in this transaction
 * when the row has none, such as a row another module inserted without it.
 * A number, once given, is printed on every reprint.
 */
async function ensureNoticeNumber(trx: Transaction<Database>, row: NoticeRow, kind: NoticeKind, today: string): Promise<string> {
  const column = NUMBER_COLUMN[kind];
  const stored = row[column];
  if (stored !== null) return stored;
  const year = Number(today.slice(0, 4));
  const number = formatNoticeNumber(await loadNoticePrefix(trx, kind), year, await repo.allocateNoticeSequence(trx, kind, year));
  const result = await trx
    .updateTable('home_quarantines')
    .set({ [column]: number })
    .where('id', '=', row.id)
    .where(column, 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 1) return number;
  // Another print gave the number first; this transaction's allocation rolls back with the error.
  throw new AppError('QUARANTINE_CHANGED_CONCURRENTLY');
}

function factsOf(row: NoticeRow, kind: NoticeKind, number: string): NoticeFacts {
  return {
    number,
    name: row.person_name,
    documentMasked: row.document_masked,
    address: addressTextOf(row),
    community: row.community_name,
    startOn: row.start_on,
    plannedEndOn: row.planned_end_on,
    endedOn: row.ended_on,
    days: quarantineLengthOf(row.start_on, row.planned_end_on),
    // A reprint carries the day of the original: the start for the notice, the release for the release notice.
    issuedOn: kind === 'release' && row.ended_on !== null ? row.ended_on : chinaCalendarDate(new Date(row.created_at)),
  };
}

function requirePrintable(row: NoticeRow, kind: NoticeKind): void {
  if (kind === 'release' && row.status !== 'released') throw new AppError('QUARANTINE_RELEASE_NOTICE_UNAVAILABLE');
}

/** Records the printing of each notice, giving missing numbers, and returns the facts to print. */
async function recordPrints(ctx: ServiceContext, actor: Actor, rows: NoticeRow[], kind: NoticeKind) {
  const { today } = chinaDaysOf(ctx);
  const now = ctx.clock().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const printed: Array<{ facts: NoticeFacts; preferredLanguage: string }> = [];
    for (const row of rows) {
      const number = await ensureNoticeNumber(trx, row, kind, today);
      const audit = {
        action: PRINT_ACTION[kind],
        entityType: 'home_quarantine',
        entityId: row.id,
        nodeCode: row.community_code,
        fields: [AUDIT_FIELD[kind]],
      };
      await recordAudit(trx, ctx, actor, audit, now);
      printed.push({ facts: factsOf(row, kind, number), preferredLanguage: row.preferred_language });
    }
    return printed;
  });
}

export interface NoticePdf {
  fileName: string;
  document: PDFKit.PDFDocument;
  /** Writes the pages and ends the document; call it after the document is piped or sent. */
  write(): Promise<void>;
}

function noticePdfOf(
  kind: NoticeKind,
  printed: Array<{ facts: NoticeFacts; preferredLanguage: string }>,
  fileName: string,
  compress: boolean,
): NoticePdf {
  const first = printed[0];
  // The document title is the Chinese page's title, from the locale files, with the number when there is one notice.
  const kindTitle = (first && noticePagesOf(kind, first.facts, null)[0]?.title) ?? kind;
  const title = printed.length === 1 && first ? `${kindTitle} ${first.facts.number}` : kindTitle;
  const document = createNoticeDocument({ title, compress });
  return {
    fileName,
    document,
    write: async () => {
      for (const [index, item] of printed.entries()) {
        for (const page of noticePagesOf(kind, item.facts, item.preferredLanguage)) writeNoticePage(document, page);
        // Let the pages written so far flow to the client before the next notice of a bulk print.
        if (index < printed.length - 1) await nextTick();
      }
      document.end();
    },
  };
}

/**
 * Prepares the notice or the release notice of one quarantine: Chinese page,
 * then a page in the person's language when it is English, Japanese or Korean.
 */
export async function prepareNoticePdf(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  kind: NoticeKind,
  options: { compress?: boolean } = {},
): Promise<NoticePdf> {
  const row = await repo.findQuarantineInScope(ctx.db, actor.scope, id);
  if (!row) throw new AppError('QUARANTINE_NOT_FOUND', 'id');
  requirePrintable(row, kind);
  const printed = await recordPrints(ctx, actor, [row], kind);
  return noticePdfOf(kind, printed, `${FILE_PREFIX[kind]}-${id}.pdf`, options.compress ?? true);
}

/** Prepares one PDF with the release notice of every quarantine of the scope released on a day. */
export async function prepareReleaseNoticesPdf(
  ctx: ServiceContext,
  actor: Actor,
  query: { day: string; nodeCode?: string | undefined },
  options: { compress?: boolean } = {},
): Promise<NoticePdf & { count: number }> {
  const day = requireCalendarDate(query.day, 'day');
  const scope = await scopeOf(ctx, actor, query.nodeCode);
  const rows = await repo.listReleasedOnDay(ctx.db, scope, day);
  if (rows.length === 0) throw new AppError('QUARANTINE_NO_RELEASES', 'day', { day });
  const printed = await recordPrints(ctx, actor, rows, 'release');
  return { ...noticePdfOf('release', printed, `release-notices-${day}.pdf`, options.compress ?? true), count: rows.length };
}
