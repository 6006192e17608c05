import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../app.js';
import type { ServiceContext } from '../context/types.js';
import { openDatabase } from '../db/database.js';
import { type NewAlert, raiseAlert } from '../modules/alerts/raise.js';
import { type TestApp, testConfig } from './harness.js';

/** Raises an alert as a rule would: stored in a transaction, announced after the commit. Returns its id. */
export async function raiseTestAlert(ctx: ServiceContext, alert: Partial<NewAlert> & { nodeCode: string }): Promise<string> {
  const now = ctx.clock().toISOString();
  const { notice, created } = await ctx.db
    .transaction()
    .execute((trx) =>
      raiseAlert(
        trx,
        { kind: 'abnormal_declaration', severity: 'warning', details: { temperatureTenths: 382, symptoms: ['cough'] }, ...alert },
        now,
      ),
    );
  if (created) await ctx.events.announceAlerts([notice]);
  return notice.alertId;
}

export interface StreamEvent {
  id: string | null;
  event: string;
  data: string;
}

export interface EventStreamReader {
  status: number;
  contentType: string | null;
  /** Waits for the next event that matches. Rejects after `timeoutMs`, or when the stream ends first. */
  next(match?: (event: StreamEvent) => boolean, timeoutMs?: number): Promise<StreamEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Comment lines received so far (heartbeats). */
  comments: string[];
  retry: number | null;
  /** The last `id:` field received, with or without data, as a browser keeps it for Last-Event-ID. */
  lastEventId: string | null;
  close(): void;
}

/**
 * Opens `GET url` and parses the server-sent events as they arrive, as a
 * browser's EventSource would. It uses node:http without an agent, so every
 * stream has its own socket and `close()` ends that socket at once.
 */
export async function openEventStream(url: string, headers: Record<string, string>): Promise<EventStreamReader> {
  const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers }, agent: false });
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
  // Errors after the response (a reset while closing) end the stream like a normal close.
  request.on('error', () => undefined);

  const events: StreamEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  let retry: number | null = null;
  let lastEventId: string | null = null;
  let done = false;
  let buffer = '';

  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };

  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let boundary = buffer.indexOf('\n\n');
    while (boundary >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const event: StreamEvent = { id: null, event: 'message', data: '' };
      let hasData = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) comments.push(line.slice(1).trim());
        else if (line.startsWith('retry: ')) retry = Number(line.slice(7));
        else if (line.startsWith('id: ')) {
          event.id = line.slice(4);
          lastEventId = event.id;
        } else if (line.startsWith('event: ')) event.event = line.slice(7);
        else if (line.startsWith('data: ')) {
          event.data += line.slice(6);
          hasData = true;
        }
      }
      if (hasData) events.push(event);
      boundary = buffer.indexOf('\n\n');
    }
    wake();
  });
  const ended = new Promise<void>((resolve) => {
    response.once('close', () => {
      done = true;
      wake();
      resolve();
    });
  });

  return {
    status: response.statusCode ?? 0,
    contentType: response.headers['content-type'] ?? null,
    comments,
    get retry() {
      return retry;
    },
    get lastEventId() {
      return lastEventId;
    },
    ended,
    next(match = () => true, timeoutMs = 10_000) {
      return new Promise<StreamEvent>((resolve, reject) => {
        const check = () => {
          const index = events.findIndex(match);
          if (index >= 0) {
            const [event] = events.splice(index, 1);
            finish();
            resolve(event as StreamEvent);
          } else if (done) {
            finish();
            reject(new Error('the stream ended before the expected event'));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no matching event within ${timeoutMs} ms`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close() {
      request.destroy();
    },
  };
}

/** Listens on a free port of 127.0.0.1 and returns the base URL. */
export async function listenOnFreePort(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' });
}

/**
 * Starts a second app on the PostgreSQL schema of `first`, with its own pool
 * and its own event bus, as a second server instance would run. The bus of
 * both apps is the LISTEN/NOTIFY one only when `first` was created with
 * `databaseUrl` in its config.
 */
export async function createSecondInstance(first: TestApp): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const databaseUrl = first.ctx.config.databaseUrl;
  if (first.ctx.dbKind !== 'postgres' || !databaseUrl) throw new Error('a second instance needs PostgreSQL and config.databaseUrl');
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(first.ctx.db);
  const schema = rows[0]?.schema as string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-test-second-'));
  const handle = openDatabase({ databaseUrl, dataDir, postgresSchema: schema, poolSize: 4 });
  const app = await buildApp({ config: testConfig(dataDir, { databaseUrl }), database: handle, keys: first.ctx.keys, logger: false });
  await app.ready();
  return {
    app,
    close: async () => {
      await app.close();
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
