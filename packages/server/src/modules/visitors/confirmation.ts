import type { ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { decideVisitor, expireWaitingVisitors, findVisitorByTokenHash, type VisitorRow } from './repository.js';
import type { VisitorStatus } from './schemas.js';
import { effectiveStatus } from './service.js';
import { confirmationTokenHashOf, isConfirmationTokenFormat } from './token.js';

/** Loads the visitor of a confirmation link; 404 for an unknown token, 410 once the 30 minutes have passed unanswered. */
async function requireVisitorOfToken(ctx: ServiceContext, token: string): Promise<VisitorRow> {
  if (!isConfirmationTokenFormat(token)) throw new AppError('VISITOR_CONFIRMATION_NOT_FOUND', 'token');
  const row = await findVisitorByTokenHash(ctx.db, confirmationTokenHashOf(ctx.keys, token));
  if (!row) throw new AppError('VISITOR_CONFIRMATION_NOT_FOUND', 'token');
  if (effectiveStatus(row, ctx.clock()) === 'expired') {
    await expireWaitingVisitors(ctx.db, { id: row.id }, ctx.clock().toISOString());
    throw new AppError('VISITOR_CONFIRMATION_EXPIRED', 'token');
  }
  return row;
}

/** What the host's page shows: the visitor's masked name, purpose, temperature and the state of the request. */
export async function getConfirmation(ctx: ServiceContext, token: string) {
  const row = await requireVisitorOfToken(ctx, token);
  return {
    compoundName: row.compound_name,
    visitorName: row.name_masked,
    purpose: row.purpose,
    temperature: row.temperature_tenths / 10,
    registeredAt: new Date(row.created_at).toISOString(),
    status: effectiveStatus(row, ctx.clock()),
    expiresAt: new Date(row.confirm_expires_at).toISOString(),
  };
}

/** Records the host's answer once; a second answer (a replayed request) gets 409 VISITOR_ALREADY_DECIDED. */
export async function decideConfirmation(
  ctx: ServiceContext,
  token: string,
  decision: 'confirm' | 'decline',
  requestId: string,
): Promise<{ status: VisitorStatus; visitorId: string }> {
  const row = await requireVisitorOfToken(ctx, token);
  const status = decision === 'confirm' ? 'confirmed' : 'declined';
  const now = ctx.clock().toISOString();
  const decided = await ctx.db.transaction().execute(async (trx) => {
    if (!(await decideVisitor(trx, row.id, status, now))) return false;
    const actor = { userId: null, deviceId: null, role: null, scope: { nodeCode: row.node_code, nodePath: '' }, requestId };
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: `visitor.${decision}`, entityType: 'visitor', entityId: row.id, nodeCode: row.node_code, fields: ['status'] },
      now,
    );
    return true;
  });
  if (!decided) {
    // The window may have closed between the read and the update.
    if (effectiveStatus(row, ctx.clock()) === 'expired') throw new AppError('VISITOR_CONFIRMATION_EXPIRED', 'token');
    throw new AppError('VISITOR_ALREADY_DECIDED', 'token');
  }
  return { status, visitorId: row.id };
}
