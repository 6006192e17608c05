import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { ServiceContext } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { declarationUrlOf, issuePersonalLink } from './links.js';

/** Origin of the public pages: CORDON_PUBLIC_URL, else the one the staff member's browser used. */
export function publicOriginOf(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}

/**
 * Origin of the public pages for messages sent without a request (the
 * reminder job): CORDON_PUBLIC_URL, else the server's own host and port,
 * which only a resident on the same network reaches.
 */
export function serverOriginOf(ctx: ServiceContext): string {
  if (ctx.config.publicUrl) return ctx.config.publicUrl;
  const host = ctx.config.host === '0.0.0.0' || ctx.config.host === '::' ? 'localhost' : ctx.config.host;
  return `http://${host}:${ctx.config.port}`;
}

/**
 * Creates a fresh personal link for a reminder and returns its URL. Only the
 * keyed hash of a token is stored, so an older link's URL cannot be rebuilt
 * and every reminder carries a new one.
 */
export async function issueReminderLink(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  personId: string,
  source: { actor: { userId: string | null }; publicOrigin: string },
  now: string,
): Promise<string> {
  const { token } = await issuePersonalLink(trx, ctx, { personId, createdBy: source.actor.userId, now: new Date(now) });
  return declarationUrlOf(source.publicOrigin, token);
}
