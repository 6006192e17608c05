import { sql } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import { resolveTimeRange } from './read-range.js';
import { filteredRegistrationQuery } from './read-repository.js';
import { viewerOf } from './read.js';

/**
 * Builds the SQL for a registration's hour in Asia/Shanghai as YYYY-MM-DDTHH.
 * SQLite stores ISO text in UTC, so it adds the fixed UTC+8 offset, which is
 * correct all year because China has no daylight saving time. PostgreSQL
 * converts the timestamptz with the zone.
 */
function shanghaiHour(ctx: ServiceContext) {
  return ctx.dbKind === 'postgres'
    ? sql<string>`to_char(checkpoint_registrations.registered_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24')`
    : sql<string>`strftime('%Y-%m-%dT%H', checkpoint_registrations.registered_at, '+8 hours')`;
}

/**
 * Counts the registrations the actor may read in the range: per checkpoint
 * and Shanghai hour, per risk level, per disposition and per checkpoint.
 * Each count is one grouped query in the database.
 */
export async function getRegistrationStats(
  ctx: ServiceContext,
  actor: Actor,
  query: { checkpointId?: string | undefined; from?: string | undefined; to?: string | undefined },
) {
  const filter = {
    range: resolveTimeRange(query, ctx.clock()),
    ...(query.checkpointId === undefined ? {} : { checkpointId: query.checkpointId }),
  };
  const base = () => filteredRegistrationQuery(ctx.db, viewerOf(actor), filter);
  const count = sql<number>`count(*)`;
  const hour = shanghaiHour(ctx);

  const [hourly, risks, dispositions, checkpoints] = await Promise.all([
    base()
      .select([hour.as('hour'), 'checkpoint_registrations.checkpoint_id', count.as('count')])
      .groupBy([hour, 'checkpoint_registrations.checkpoint_id'])
      .orderBy(hour)
      .execute(),
    base()
      .select(['checkpoint_registrations.risk_level', count.as('count')])
      .groupBy('checkpoint_registrations.risk_level')
      .execute(),
    base()
      .select(['checkpoint_registrations.disposition', count.as('count')])
      .groupBy('checkpoint_registrations.disposition')
      .execute(),
    base()
      .select(['checkpoints.id', 'checkpoints.name', count.as('count')])
      .groupBy(['checkpoints.id', 'checkpoints.name'])
      .orderBy('checkpoints.name')
      .execute(),
  ]);

  const risk = { high: 0, medium: 0, low: 0, none: 0 };
  for (const row of risks) risk[(row.risk_level ?? 'none') as keyof typeof risk] += Number(row.count);
  const byDisposition = { pass: 0, turned_back: 0, transferred: 0 };
  for (const row of dispositions) byDisposition[row.disposition as keyof typeof byDisposition] += Number(row.count);

  return {
    hourly: hourly
      .map((row) => ({ hour: row.hour, checkpointId: row.checkpoint_id, count: Number(row.count) }))
      .sort((a, b) => a.hour.localeCompare(b.hour) || a.checkpointId.localeCompare(b.checkpointId)),
    risk,
    dispositions: byDisposition,
    checkpoints: checkpoints.map((row) => ({ id: row.id, name: row.name, count: Number(row.count) })),
    total: checkpoints.reduce((sum, row) => sum + Number(row.count), 0),
  };
}
