// The baseline of the benchmarks: a Fastify 5 server with one JSON route and
// nothing else (no logger, plugins or hooks), so the ratios in
// docs/benchmarks.md show what Cordon costs on top of Fastify itself.
// Started by bench/run.mjs through fork(); it sends { port } over IPC once listening.
import Fastify from 'fastify';

const app = Fastify({ logger: false });

app.get('/bare', async () => ({ ok: true }));

async function stop() {
  await app.close();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

// Exit with the parent: a crashed bench run must not leave this server behind.
process.on('disconnect', () => void stop());

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
const { port } = app.server.address();
if (process.send) process.send({ port });
else process.stdout.write(`listening on http://127.0.0.1:${port}/bare\n`);
