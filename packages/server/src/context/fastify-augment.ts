import type { Role } from '@cordon/core';
import type { DeviceContext, ServiceContext, SessionContext } from './types.js';

/** Access rule of a route. Routes under /api require a staff session unless their config sets another kind. */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'device' }
  | { kind: 'staff'; roles?: readonly Role[]; allowPendingPasswordChange?: boolean }
  // A device key when the request carries one, otherwise a staff session with one of the roles.
  | { kind: 'device_or_staff'; roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyInstance {
    services: ServiceContext;
  }
  interface FastifyRequest {
    session: SessionContext | null;
    sessionExpired: boolean;
    device: DeviceContext | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Label keys (in the locale files' `fields`) that replace a body field's own name in this route's error messages. */
    fieldLabels?: Record<string, string>;
    /** Content types the route parses, named in its 415 error; without it the error requests JSON. */
    acceptedContentTypes?: readonly string[];
  }
}
