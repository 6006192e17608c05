import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { ServiceContext } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { declarationUrlOf, issuePersonalLink } from './links.js';

/** Origin of the public pages as the staff member's browser reached the server. */
export function publicOriginOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * Origin of the public pages for messages sent without a request (the
 * reminder job). TODO: read a configured public address once Config has one;
 * until then the job's links point at the server's own host and port.
 */
export function serverOriginOf(ctx: ServiceContext): string {
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
