import { fieldLabelOf, maskPersonName } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { roomTextsOf } from './admin-residents.js';
import { MAX_PAPER_PASSES } from './admin-schemas.js';
import { requireCompoundAccess } from './compound-access.js';
import { paperPassCode } from './pass-code.js';
import { type PaperPass, renderPaperPasses } from './paper-pass-pdf.js';
import { passSecretOf, requirePass } from './passes.js';
import * as repo from './passes-repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the comma-separated pass ids of a print request, without repeats, in the order given. */
export function parsePassIds(text: string): string[] {
  const ids = [
    ...new Set(
      text
        .split(',')
        .map((id) => id.trim().toLowerCase())
        .filter((id) => id !== ''),
    ),
  ];
  if (ids.length === 0) throw new AppError('FIELD_REQUIRED', 'ids');
  if (ids.length > MAX_PAPER_PASSES) throw new AppError('FIELD_TOO_MANY_ITEMS', 'ids', { limit: MAX_PAPER_PASSES });
  if (!ids.every((id) => UUID.test(id))) throw new AppError('FIELD_FORMAT_INVALID', 'ids');
  return ids;
}

async function toPaperPasses(ctx: ServiceContext, compoundName: string, rows: repo.PassRow[]): Promise<PaperPass[]> {
  const roomTexts = await roomTextsOf(
    ctx.db,
    rows.map((row) => row.person_room_id),
  );
  return rows.map((row) => ({
    compoundName,
    holderName: maskPersonName(row.person_name),
    serial: row.serial,
    roomText: row.person_room_id === null ? null : (roomTexts.get(row.person_room_id) ?? null),
    validUntil: row.valid_until,
    code: paperPassCode(row.id, passSecretOf(ctx, row)),
  }));
}

/** Builds the document title from the compound and the kind, never a person. */
function titleOf(compoundName: string): string {
  return `${compoundName} ${fieldLabelOf('zh-CN', 'paperPassTitle')}`;
}

/** Records a print: it shows codes derived from the passes' secrets, so it is audited like a write. */
async function auditPrint(ctx: ServiceContext, actor: Actor, communityCode: string, passIds: string[]) {
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const id of passIds) {
      await recordAudit(trx, ctx, actor, { action: 'pass.print', entityType: 'access_pass', entityId: id, nodeCode: communityCode }, now);
    }
  });
}

/** Renders the PDF of one active pass. */
export async function paperPassPdf(ctx: ServiceContext, actor: Actor, passId: string, options: { compress?: boolean } = {}) {
  const { row, compound } = await requirePass(ctx, actor, passId);
  if (row.status !== 'active') throw new AppError('PASS_ALREADY_REVOKED', 'passId');
  const passes = await toPaperPasses(ctx, compound.name, [row]);
  await auditPrint(ctx, actor, compound.communityCode, [row.id]);
  return { pdf: await renderPaperPasses(passes, { title: titleOf(compound.name), ...options }), fileName: `pass-${row.serial}.pdf` };
}

/** Renders the PDF of several active passes of one compound, in the order of the ids; an id of another compound is PASS_NOT_FOUND. */
export async function paperPassesPdf(
  ctx: ServiceContext,
  actor: Actor,
  compoundId: string,
  idsText: string,
  options: { compress?: boolean } = {},
) {
  const compound = await requireCompoundAccess(ctx, actor, compoundId, 'manage');
  const ids = parsePassIds(idsText);
  const rows = await repo
    .passQuery(ctx.db)
    .where('access_passes.compound_id', '=', compound.id)
    .where('access_passes.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = ids.map((id) => {
    const row = byId.get(id);
    if (!row) throw new AppError('PASS_NOT_FOUND', 'ids');
    if (row.status !== 'active') throw new AppError('PASS_ALREADY_REVOKED', 'ids');
    return row;
  });
  const passes = await toPaperPasses(ctx, compound.name, ordered);
  await auditPrint(ctx, actor, compound.communityCode, ids);
  return { pdf: await renderPaperPasses(passes, { title: titleOf(compound.name), ...options }), fileName: `passes-${ordered.length}.pdf` };
}
