import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { RouteAccess } from '../context/fastify-augment.js';
import type { Actor } from '../context/types.js';
import { AppError } from '../errors/app-error.js';
import { authenticateDevice } from '../modules/devices/service.js';
import { lookupSessionOnce, SESSION_COOKIE } from './session-lookup.js';

export { SESSION_COOKIE };

export const CSRF_HEADER = 'x-csrf-token';
const OPENAPI_UI_PREFIX = '/api/docs';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const DEFAULT_ACCESS: RouteAccess = { kind: 'staff' };

/** Returns the actor of a request made with a staff session or a device key. */
export function actorOf(request: FastifyRequest): Actor {
  if (request.session) {
    return {
      userId: request.session.user.id,
      deviceId: null,
      role: request.session.user.role,
      scope: request.session.scope,
      requestId: request.id,
    };
  }
  if (request.device) {
    return { userId: null, deviceId: request.device.id, role: null, scope: request.device.scope, requestId: request.id };
  }
  throw new AppError('AUTH_REQUIRED');
}

/** Returns the staff session of a request whose route requires one. */
export function sessionOf(request: FastifyRequest) {
  if (!request.session) throw new AppError('AUTH_REQUIRED');
  return request.session;
}

/**
 * Resolves the caller of every /api request and enforces the route's access
 * rule (`config.access`, staff by default): session or device key, CSRF token
 * on cookie-authenticated writes, forced password change, and roles.
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('device', null);

  // Authentication runs before schema validation: an anonymous caller gets 401, not 400.
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.routeOptions.url;
    // The OpenAPI UI's own routes are registered by @fastify/swagger-ui without an access rule.
    if (!url?.startsWith('/api/') || url.startsWith(OPENAPI_UI_PREFIX)) return;
    const access = request.routeOptions.config.access ?? DEFAULT_ACCESS;

    const lookup = await lookupSessionOnce(app, request);
    if (lookup.state === 'valid') request.session = lookup.session;
    else if (request.cookies[SESSION_COOKIE]) {
      request.sessionExpired = lookup.state === 'expired';
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }

    if (access.kind === 'public') return;

    const header = request.headers['x-device-key'];
    const key = typeof header === 'string' ? header : undefined;
    if (access.kind === 'device' || (access.kind === 'device_or_staff' && key !== undefined)) {
      if (!key) throw new AppError('DEVICE_KEY_MISSING');
      // A request with a device key acts as the device, even when a staff session cookie comes with it.
      request.session = null;
      request.device = await authenticateDevice(app.services, key);
      return;
    }

    const session = request.session;
    if (!session && request.sessionExpired) throw new AppError('AUTH_SESSION_EXPIRED');
    // A checkpoint phone that lost its key lands here too, so the message names both ways in.
    if (!session) throw new AppError(access.kind === 'device_or_staff' ? 'DEVICE_OR_SESSION_REQUIRED' : 'AUTH_REQUIRED');

    // Synchronizer token: a page on another site can make the browser send
    // the cookie, but cannot read the token that this origin's pages hold.
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
      throw new AppError('CSRF_TOKEN_INVALID');
    }
    if (session.user.mustChangePassword && !(access.kind === 'staff' && access.allowPendingPasswordChange)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
  });

  // Roles are checked after schema validation, so a caller learns about a
  // malformed request (400) before learning that its role may not send it (403).
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const access = request.routeOptions.config.access;
    if ((access?.kind !== 'staff' && access?.kind !== 'device_or_staff') || !access.roles || !request.session) return;
    if (!access.roles.includes(request.session.user.role)) throw new AppError('FORBIDDEN');
  });
});
