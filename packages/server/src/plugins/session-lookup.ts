import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolveSession, type SessionLookup } from '../modules/auth/service.js';

export const SESSION_COOKIE = 'cordon_session';

const lookups = new WeakMap<FastifyRequest, Promise<SessionLookup>>();

/**
 * Resolves the request's session cookie once per request. The rate limiter
 * needs to know whether a session is real before authentication runs, and
 * authentication then reuses the same lookup.
 */
export function lookupSessionOnce(app: FastifyInstance, request: FastifyRequest): Promise<SessionLookup> {
  let lookup = lookups.get(request);
  if (!lookup) {
    const token = request.cookies?.[SESSION_COOKIE];
    lookup = token ? resolveSession(app.services, token) : Promise.resolve({ state: 'none' });
    lookups.set(request, lookup);
  }
  return lookup;
}
