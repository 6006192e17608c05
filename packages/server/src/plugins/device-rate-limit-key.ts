import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sha256Hex } from '../crypto/tokens.js';
import { AppError } from '../errors/app-error.js';
import { authenticateDevice } from '../modules/devices/service.js';

/** Reads the key a device sends: the X-Device-Key header, or on gate device routes the `key` query parameter. */
function deviceKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-device-key'];
  if (typeof header === 'string' && header !== '') return header;
  // Gate cameras that cannot set a header put the key in the push URL.
  if (request.routeOptions.config.access?.kind !== 'device') return undefined;
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.key === 'string' && query.key !== '' ? query.key : undefined;
}

/**
 * Returns the rate-limit bucket of a device request, `device:<key hash>`, or
 * undefined when the route takes no device key or the key is missing, unknown
 * or revoked. Gate cameras and checkpoint phones then have a bucket each, so
 * public pages hammered from the same address (one proxy, one NAT) cannot make
 * a camera's events fail with 429. Only a valid key gets a bucket of its own:
 * made-up keys count against the address like anonymous requests.
 */
export async function deviceRateLimitKey(app: FastifyInstance, request: FastifyRequest): Promise<string | undefined> {
  const access = request.routeOptions.config.access;
  if (access?.kind !== 'device' && access?.kind !== 'device_or_staff') return undefined;
  const key = deviceKeyOf(request);
  if (!key) return undefined;
  try {
    // The lookup is cached, and the authentication that follows reuses it.
    await authenticateDevice(app.services, key);
  } catch (error) {
    if (error instanceof AppError) return undefined;
    throw error;
  }
  return `device:${sha256Hex(key.trim())}`;
}
