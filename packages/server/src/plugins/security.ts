import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import type { Config } from '../config.js';
import { AppError } from '../errors/app-error.js';
import { deviceRateLimitKey } from './device-rate-limit-key.js';
import { lookupSessionOnce } from './session-lookup.js';

/** Cookies, security headers and rate limits, registered before any route. */
export const securityPlugin = fp(async (app: FastifyInstance, options: { config: Config }) => {
  const { config } = options;

  // Rate-limit key: the device of a valid device key, else the user of a valid
  // session, else the client address. A made-up cookie or key counts against
  // the address, so it cannot escape the limit.
  async function rateLimitKey(request: FastifyRequest): Promise<string> {
    const deviceKey = await deviceRateLimitKey(app, request);
    if (deviceKey) return deviceKey;
    const lookup = await lookupSessionOnce(app, request);
    return lookup.state === 'valid' ? `user:${lookup.session.user.id}` : `ip:${request.ip}`;
  }
  await app.register(cookie);

  // helmet's middleware is built once here: @fastify/helmet 13 rebuilds it on
  // every request, which cost about 8% of CPU on small API responses.
  const setSecurityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Element Plus and Vant set inline styles on components.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: config.secureCookies,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    setSecurityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });

  await app.register(rateLimit, {
    global: true,
    keyGenerator: rateLimitKey,
    max: async (_request, key) => {
      if (key.startsWith('device:')) return config.deviceRateLimit;
      return key.startsWith('user:') ? config.staffRateLimit : config.publicRateLimit;
    },
    timeWindow: 60_000,
    // Static files of the console are not limited: an office behind one
    // address loads them for every worker.
    allowList: (request) => !request.url.startsWith('/api/'),
    errorResponseBuilder: (_request, context) => new AppError('RATE_LIMITED', undefined, { seconds: Math.ceil(context.ttl / 1000) }),
  });
});
