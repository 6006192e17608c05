import { createHash, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/schema.js';
import type { AlertNotice, EventBus } from './bus.js';

/** The part of pino's logger the bus uses. */
export interface BusLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface PgEventBusOptions {
  connectionString: string;
  /** The application's database: it names the schema, so instances on one schema share a channel. */
  db: Kysely<Database>;
  log: BusLogger;
  /** First delay before reconnecting, doubled after each failure up to 30 s. */
  reconnectDelayMs?: number;
}

export interface PgEventBus extends EventBus {
  /** Resolves once the bus is listening, and after a lost connection once it listens again. */
  listening(): Promise<void>;
}

/** Wire format of a notice: `origin` lets an instance skip the echo of its own notices. */
interface NoticePayload extends AlertNotice {
  origin: string;
}

const MAX_RECONNECT_DELAY_MS = 30_000;
/** Notices kept while the connection is down. Beyond this the oldest are dropped and other instances miss them. */
const MAX_QUEUED_NOTICES = 1_000;
/** Alerts a reconnected bus re-announces from the time it was disconnected. */
const MAX_CATCH_UP_ALERTS = 500;
/** The catch-up starts this long before the loss was noticed, because a connection can die some time before its error arrives. */
const CATCH_UP_MARGIN_MS = 60_000;
/** PostgreSQL truncates identifiers, channel names included, to 63 bytes. */
const MAX_CHANNEL_LENGTH = 63;

/** Returns the channel of the schema: readable when it fits, else a hash of the schema name. */
export function channelOf(schema: string): string {
  const readable = `cordon_alerts_${schema}`;
  if (readable.length <= MAX_CHANNEL_LENGTH && /^[a-z0-9_]+$/.test(readable)) return readable;
  return `cordon_alerts_${createHash('sha256').update(schema).digest('hex').slice(0, 32)}`;
}

/** Returns the application name of a bus's connection: the channel, cut to PostgreSQL's 63 bytes. */
export function applicationNameOf(channel: string): string {
  return channel.slice(0, MAX_CHANNEL_LENGTH);
}

function parseNotice(text: string | undefined): NoticePayload | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<NoticePayload>;
    if (typeof value.alertId !== 'string' || typeof value.nodeCode !== 'string' || typeof value.origin !== 'string') return null;
    return {
      alertId: value.alertId,
      nodeCode: value.nodeCode,
      origin: value.origin,
      change: value.change === 'updated' ? 'updated' : 'created',
    };
  } catch {
    return null;
  }
}

/**
 * Creates an event bus over PostgreSQL LISTEN/NOTIFY, so that an alert raised
 * on one instance reaches the streams open on every instance of the same schema.
 * One dedicated connection (outside the pool) listens and sends the notices.
 * Notices reach this instance's streams at once, without the round trip. When
 * the connection drops, the bus reconnects with growing delays, sends the
 * notices queued meanwhile, and re-announces the alerts changed while it was
 * away, because other instances' notices of that time are lost.
 */
export function createPgEventBus(options: PgEventBusOptions): PgEventBus {
  const { log } = options;
  const origin = randomUUID();
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);

  let client: pg.Client | null = null;
  let connected = false;
  let closed = false;
  let channel: string | null = null;
  let retryDelay = options.reconnectDelayMs ?? 500;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let disconnectedAt: string | null = null;
  const queue: NoticePayload[] = [];

  let markListening: () => void = () => undefined;
  let listeningPromise = new Promise<void>((resolve) => (markListening = resolve));

  function emitLocally(notice: AlertNotice): void {
    emitter.emit('alert', notice);
  }

  async function resolveChannel(): Promise<string> {
    if (channel) return channel;
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(options.db);
    channel = channelOf(rows[0]?.schema ?? 'public');
    return channel;
  }

  async function notify(target: pg.Client, payload: NoticePayload): Promise<void> {
    await target.query('select pg_notify($1, $2)', [await resolveChannel(), JSON.stringify(payload)]);
  }

  async function flushQueue(target: pg.Client): Promise<void> {
    while (queue.length > 0 && connected && target === client) {
      const payload = queue[0] as NoticePayload;
      await notify(target, payload);
      queue.shift();
    }
  }

  /** Re-announces what changed while the bus was away. Streams update rows by id, so repeats do no harm. */
  async function catchUp(since: string): Promise<void> {
    const rows = await options.db
      .selectFrom('alerts')
      .select(['id', 'node_code', 'created_at'])
      .where((eb) => eb.or([eb('created_at', '>=', since), eb('acknowledged_at', '>=', since), eb('resolved_at', '>=', since)]))
      .orderBy('created_at', 'asc')
      .limit(MAX_CATCH_UP_ALERTS)
      .execute();
    for (const row of rows) {
      const created = new Date(row.created_at).toISOString() >= since;
      emitLocally({ alertId: row.id, nodeCode: row.node_code, change: created ? 'created' : 'updated' });
    }
    if (rows.length > 0) log.info({ alerts: rows.length }, 'alert notices re-announced after reconnecting');
  }

  function onConnectionLost(target: pg.Client, error: unknown): void {
    if (target !== client) return;
    client = null;
    if (connected) {
      connected = false;
      disconnectedAt = new Date(Date.now() - CATCH_UP_MARGIN_MS).toISOString();
      listeningPromise = new Promise<void>((resolve) => (markListening = resolve));
    }
    target.removeAllListeners('notification');
    target.end().catch(() => undefined);
    if (closed) return;
    log.warn({ err: error, retryInMs: retryDelay }, 'alert bus connection lost, reconnecting');
    scheduleConnect();
  }

  function scheduleConnect(): void {
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(() => void connect(), retryDelay);
    retryDelay = Math.min(retryDelay * 2, MAX_RECONNECT_DELAY_MS);
  }

  async function connect(): Promise<void> {
    if (closed) return;
    let target: pg.Client;
    try {
      // The application name shows the listening connection in pg_stat_activity.
      // TCP keep-alive detects a connection that died silently, which would otherwise drop notices unnoticed.
      target = new pg.Client({
        connectionString: options.connectionString,
        application_name: applicationNameOf(await resolveChannel()),
        keepAlive: true,
      });
    } catch (error) {
      log.error({ err: error }, 'alert bus could not read the schema, reconnecting');
      scheduleConnect();
      return;
    }
    if (closed) return;
    client = target;
    target.on('error', (error) => onConnectionLost(target, error));
    target.on('end', () => onConnectionLost(target, new Error('connection ended')));
    target.on('notification', (message) => {
      const notice = parseNotice(message.payload);
      if (!notice || notice.origin === origin) return;
      emitLocally({ alertId: notice.alertId, nodeCode: notice.nodeCode, change: notice.change ?? 'created' });
    });
    try {
      await target.connect();
      await target.query(`LISTEN ${target.escapeIdentifier(await resolveChannel())}`);
    } catch (error) {
      onConnectionLost(target, error);
      return;
    }
    if (target !== client || closed) return;
    connected = true;
    retryDelay = options.reconnectDelayMs ?? 500;
    log.info({ channel }, 'alert bus listening');
    markListening();

    const since = disconnectedAt;
    disconnectedAt = null;
    try {
      await flushQueue(target);
      if (since) await catchUp(since);
    } catch (error) {
      log.error({ err: error }, 'alert bus catch-up after reconnecting failed');
    }
  }

  void connect();

  return {
    async announceAlerts(notices) {
      for (const notice of notices) {
        emitLocally(notice);
        const payload: NoticePayload = { ...notice, change: notice.change ?? 'created', origin };
        const target = client;
        if (connected && target && queue.length === 0) {
          try {
            await notify(target, payload);
            continue;
          } catch (error) {
            log.warn({ err: error, alertId: notice.alertId }, 'alert notice not sent, queued for the next connection');
          }
        }
        if (queue.length >= MAX_QUEUED_NOTICES) queue.shift();
        queue.push(payload);
      }
    },
    onAlert(listener) {
      emitter.on('alert', listener);
      return () => emitter.off('alert', listener);
    },
    listening() {
      return listeningPromise;
    },
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      emitter.removeAllListeners();
      const target = client;
      client = null;
      connected = false;
      if (target) {
        target.removeAllListeners('end');
        await target.end().catch(() => undefined);
      }
    },
  };
}

/**
 * Creates a bus for short-lived commands on PostgreSQL. It sends notices
 * through the application's pool and never listens, so it opens no connection
 * of its own and the command exits when the pool closes.
 */
export function createPgNotifyBus(db: Kysely<Database>): EventBus {
  const origin = randomUUID();
  let channel: string | null = null;
  return {
    async announceAlerts(notices) {
      if (!channel) {
        const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
        channel = channelOf(rows[0]?.schema ?? 'public');
      }
      for (const notice of notices) {
        const payload: NoticePayload = { ...notice, change: notice.change ?? 'created', origin };
        await sql`select pg_notify(${channel}, ${JSON.stringify(payload)})`.execute(db);
      }
    },
    onAlert() {
      return () => undefined;
    },
    async close() {},
  };
}
