import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** Resolves when no request handler is running, or after `timeoutMs`. */
    waitForHandlers(timeoutMs: number): Promise<boolean>;
  }
}

const counted = new WeakSet<FastifyRequest>();

/**
 * Counts requests whose reply has not been sent yet. A client that hangs up
 * ends the HTTP exchange while the handler may still be using the database,
 * so shutdown waits for this count, not only for open connections, before it
 * closes the database.
 */
export const inflightPlugin = fp(async (app: FastifyInstance) => {
  let running = 0;

  function release(request: FastifyRequest) {
    if (counted.delete(request)) running -= 1;
  }

  app.addHook('onRequest', async (request) => {
    counted.add(request);
    running += 1;
  });
  app.addHook('onSend', async (request) => release(request));
  app.addHook('onResponse', async (request) => release(request));

  app.decorate('waitForHandlers', async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (running > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return running === 0;
  });
});
