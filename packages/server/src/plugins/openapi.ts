import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Serves the OpenAPI document, built from the routes' TypeBox schemas, at /api/openapi.json and its UI at /api/docs. */
export const openApiPlugin = fp(async (app: FastifyInstance, options: { version: string }) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cordon API',
        description:
          'Community-level epidemic control platform (社区防控平台). Staff authenticate with the session cookie and send X-CSRF-Token on writes; devices send X-Device-Key.',
        version: options.version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'cordon_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
          device: { type: 'apiKey', in: 'header', name: 'X-Device-Key' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => (typeof json.$id === 'string' ? json.$id : `def-${index}`) },
  });

  app.get('/api/openapi.json', { config: { access: { kind: 'public' } }, schema: { hide: true } }, async () => app.swagger());

  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
});
