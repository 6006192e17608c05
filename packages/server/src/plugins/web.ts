import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors/app-error.js';
import { sendError } from './errors.js';

const HASHED_ASSETS = '/assets/';

/**
 * Serves the built staff console and handles unknown paths: API paths and
 * missing hashed assets get a JSON 404, any other GET gets index.html so the
 * client-side router can take it (history-mode URLs such as /users survive a
 * reload). Files are looked up per request, so a rebuilt console is served
 * without a restart.
 */
export const webPlugin = fp(async (app: FastifyInstance, options: { distDir: string | undefined }) => {
  const distDir = options.distDir;
  const hasWeb = distDir !== undefined && fs.existsSync(path.join(distDir, 'index.html'));

  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: true,
      index: ['index.html'],
      cacheControl: false,
      // Vite puts a content hash in every name under /assets/, so those files never change.
      // index.html is revalidated on every load, so a new build reaches users at once.
      setHeaders: (reply, filePath) => {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  } else {
    app.log.warn({ distDir }, 'web console not built: serving the API only');
  }

  // Fastify runs no route hooks for the 404 handler, so the rate limit is added
  // here: otherwise unknown and overlong API paths would be free to hammer.
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, async (request, reply) => {
    const url = request.url;
    const isApi = url === '/api' || url.startsWith('/api/');
    const isConsolePage = !isApi && !url.startsWith(HASHED_ASSETS) && (request.method === 'GET' || request.method === 'HEAD');
    if (hasWeb && isConsolePage) {
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
    }
    request.log.info({ code: 'NOT_FOUND' }, 'request rejected');
    return sendError(request, reply, new AppError('NOT_FOUND'));
  });
});
