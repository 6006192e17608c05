import { PassThrough } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { Scope, ServiceContext, SessionContext } from '../../context/types.js';
import type { AlertNotice } from '../../events/bus.js';
import { findSessionWithUser } from '../auth/repository.js';
import { compoundIdsOfGuard } from '../gates/compound-access.js';
import { isPathInScope } from '../jurisdictions/scope.js';
import * as repo from './repository.js';
import type { AlertItemResult } from './schemas.js';
import { lastChangeOf, shownTo, toAlertItem } from './service.js';

/**
 * Timing of the event streams. Tests shorten the intervals, and nothing
 * else should change them.
 */
export const streamTiming = {
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: 25_000,
  /** How often an open stream re-reads its session, so sign-out and expiry end it. */
  sessionCheckMs: 5_000,
  /** Delay the browser waits before reconnecting, sent as `retry:`. */
  retryMs: 5_000,
};

/**
 * A reconnecting stream gets the changes since its last event id minus this
 * margin: an alert committed a moment after a later one was sent may carry
 * the earlier time. The client updates rows by id, so repeats are harmless.
 */
const RESEND_MARGIN_MS = 60_000;
/** Changes older than this are not resent, because the client reloads its list instead. */
const RESEND_MAX_AGE_MS = 24 * 60 * 60_000;
const RESEND_MAX_ALERTS = 200;
/** A client that leaves this many bytes unread is dropped. It reconnects and catches up from its last event id. */
const MAX_BUFFERED_BYTES = 1_048_576;
/**
 * A session read this recently is trusted for the next event, so a burst of
 * alerts (a missed-declaration sweep raises hundreds) costs one session query
 * per stream, not one per alert and stream.
 */
const SESSION_RECHECK_MS = 1_000;

interface OpenStream {
  userId: string;
  sessionIdHash: string;
  scope: Scope;
  /**
   * Compounds of a gate guard, who sees only their alerts; null for other
   * roles. Read at the open and again at each session check.
   */
  compoundIds: Set<string> | null;
  /** Settles once compoundIds is loaded; nothing is sent to the stream before. */
  ready: Promise<void>;
  /** Clock time (ms) of the last session check. */
  sessionCheckedAt: number;
  output: PassThrough;
  /** Events that arrive while the missed changes are being resent wait here, so they keep their order. */
  pending: Array<{ event: string; item: AlertItemResult }> | null;
  close(): void;
}

export interface StreamHub {
  /** Opens a stream for the session and returns the body to send. */
  open(session: SessionContext, since: string | null): PassThrough;
  /** Ends every open stream, so that closing the server does not wait for them. */
  closeAll(): void;
  readonly size: number;
}

function formatEvent(event: string, item: AlertItemResult): string {
  return `id: ${lastChangeOf(item)}\nevent: ${event}\ndata: ${JSON.stringify(item)}\n\n`;
}

/** Parses a Last-Event-ID or `since` value. An invalid one is ignored, not rejected, because browsers resend it unchanged. */
export function parseCursor(value: string | undefined | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Whether a stream's reader may see an alert: its compound for a gate guard, its node for other roles. */
function sees(stream: OpenStream, row: { node_path: string; compound_id: string | null }): boolean {
  if (stream.compoundIds !== null) return row.compound_id !== null && stream.compoundIds.has(row.compound_id);
  return isPathInScope(row.node_path, stream.scope);
}

function audienceOfStream(stream: OpenStream) {
  return { scope: stream.scope, compoundIds: stream.compoundIds === null ? null : [...stream.compoundIds] };
}

/**
 * Keeps the open alert streams of this process. Each notice from the event
 * bus loads the alert once. It goes to every stream whose scope contains the
 * alert's node, checked per notice and per stream.
 */
export function createStreamHub(ctx: ServiceContext, log: FastifyBaseLogger): StreamHub {
  const streams = new Set<OpenStream>();

  function write(stream: OpenStream, event: string, item: AlertItemResult): void {
    // A stream closed while its alert was loading must not be written to again.
    if (!streams.has(stream)) return;
    if (stream.pending) {
      stream.pending.push({ event, item });
      return;
    }
    if (stream.output.writableLength > MAX_BUFFERED_BYTES) {
      log.warn({ userId: stream.userId }, 'alert stream closed: the client is not reading');
      stream.close();
      return;
    }
    stream.output.write(formatEvent(event, shownTo(item, stream.compoundIds !== null)));
  }

  /** Re-reads the session and ends the stream when it was signed out, expired or disabled. Otherwise it refreshes the scope. */
  async function checkSession(stream: OpenStream): Promise<boolean> {
    const row = await findSessionWithUser(ctx.db, stream.sessionIdHash);
    const now = ctx.clock();
    const idleLimit = new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000).toISOString();
    const valid =
      row !== undefined &&
      new Date(row.expires_at).toISOString() > now.toISOString() &&
      new Date(row.last_seen_at).toISOString() > idleLimit &&
      !row.disabled;
    if (!valid) {
      log.info({ userId: stream.userId }, 'alert stream closed: the session ended');
      stream.close();
      return false;
    }
    stream.scope = { nodeCode: row.node_code, nodePath: row.node_path };
    stream.compoundIds = row.role === 'gate_guard' ? new Set(await compoundIdsOfGuard(ctx.db, stream.userId)) : null;
    stream.sessionCheckedAt = Date.now();
    return true;
  }

  async function deliver(notice: AlertNotice): Promise<void> {
    if (streams.size === 0) return;
    const row = await repo.findAlertItem(ctx.db, notice.alertId);
    if (!row) return;
    const item = toAlertItem(row);
    const event = notice.change === 'updated' ? 'alert-updated' : 'alert';
    await Promise.all(
      [...streams].map(async (stream) => {
        await stream.ready;
        if (!sees(stream, row)) return;
        const recent = Date.now() - stream.sessionCheckedAt < SESSION_RECHECK_MS;
        if (!recent && !(await checkSession(stream))) return;
        if (sees(stream, row)) write(stream, event, item);
      }),
    );
  }

  const unsubscribe = ctx.events.onAlert((notice) => {
    deliver(notice).catch((error: unknown) => log.error({ err: error, alertId: notice.alertId }, 'alert notice not delivered'));
  });

  async function resend(stream: OpenStream, since: string): Promise<void> {
    const now = ctx.clock().getTime();
    const from = Math.max(Date.parse(since) - RESEND_MARGIN_MS, now - RESEND_MAX_AGE_MS);
    await stream.ready;
    const rows = await repo.listAlertsChangedSince(ctx.db, audienceOfStream(stream), new Date(from).toISOString(), RESEND_MAX_ALERTS);
    if (!streams.has(stream)) return;
    for (const row of rows) {
      const item = shownTo(toAlertItem(row), stream.compoundIds !== null);
      stream.output.write(formatEvent(item.createdAt >= since ? 'alert' : 'alert-updated', item));
    }
  }

  function open(session: SessionContext, since: string | null): PassThrough {
    const output = new PassThrough();
    // The id sets the browser's Last-Event-ID even before the first alert, so
    // an automatic reconnect resends what it missed. No data means no event.
    output.write(`retry: ${streamTiming.retryMs}\nid: ${ctx.clock().toISOString()}\n: connected\n\n`);
    const heartbeat = setInterval(() => output.write(': heartbeat\n\n'), streamTiming.heartbeatMs);
    const sessionCheck = setInterval(() => {
      checkSession(stream).catch((error: unknown) => log.error({ err: error, userId: stream.userId }, 'alert stream session check failed'));
    }, streamTiming.sessionCheckMs);
    const stream: OpenStream = {
      userId: session.user.id,
      sessionIdHash: session.idHash,
      scope: session.scope,
      compoundIds: session.user.role === 'gate_guard' ? new Set() : null,
      ready: Promise.resolve(),
      sessionCheckedAt: Date.now(),
      output,
      pending: since ? [] : null,
      close() {
        if (!streams.delete(stream)) return;
        clearInterval(heartbeat);
        clearInterval(sessionCheck);
        output.end();
      },
    };
    streams.add(stream);
    output.on('close', () => stream.close());
    if (stream.compoundIds !== null) {
      // Until the list is read the set stays empty, so a failed read shows the guard nothing rather than too much.
      stream.ready = compoundIdsOfGuard(ctx.db, stream.userId).then(
        (ids) => {
          stream.compoundIds = new Set(ids);
        },
        (error: unknown) => log.error({ err: error, userId: stream.userId }, 'compounds of the alert stream not read'),
      );
    }

    if (since) {
      resend(stream, since)
        .catch((error: unknown) => log.error({ err: error, userId: stream.userId }, 'missed alerts not resent'))
        .finally(() => {
          const waiting = stream.pending ?? [];
          stream.pending = null;
          for (const { event, item } of waiting) write(stream, event, item);
        });
    }
    return output;
  }

  return {
    open,
    closeAll() {
      for (const stream of [...streams]) stream.close();
      unsubscribe();
    },
    get size() {
      return streams.size;
    },
  };
}
