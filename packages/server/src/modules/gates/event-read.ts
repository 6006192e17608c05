import { parsePlate } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { accessibleCompoundIds, requireCompoundAccess } from './compound-access.js';
import { gateEventItemQuery, pictureIdsOf, toGateEventItem } from './event-items.js';

export interface GateEventFilter {
  compoundId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  decision?: 'open' | 'deny' | undefined;
  plate?: string | undefined;
  page: number;
  pageSize: number;
}

const OPENING_ACTIONS = ['open', 'open_and_alert'];
const DENYING_ACTIONS = ['deny', 'deny_and_alert'];

function baseQuery(ctx: ServiceContext, actor: Actor, filter: GateEventFilter) {
  let query = ctx.db.selectFrom('gate_events').where('gate_events.compound_id', 'in', accessibleCompoundIds(ctx.db, actor, 'view'));
  if (filter.compoundId) query = query.where('gate_events.compound_id', '=', filter.compoundId);
  if (filter.from) query = query.where('gate_events.occurred_at', '>=', filter.from);
  if (filter.to) query = query.where('gate_events.occurred_at', '<', filter.to);
  if (filter.decision) query = query.where('gate_events.decision', 'in', filter.decision === 'open' ? OPENING_ACTIONS : DENYING_ACTIONS);
  if (filter.plate) {
    const parsed = parsePlate(filter.plate);
    if (!parsed.ok) throw new AppError(parsed.code, 'plate');
    query = query.where('gate_events.plate_number', '=', parsed.value.number);
  }
  return query;
}

/** Lists the gate events of the compounds the actor may view, newest first, with masked names and card numbers. */
export async function listGateEvents(ctx: ServiceContext, actor: Actor, filter: GateEventFilter) {
  if (filter.compoundId) await requireCompoundAccess(ctx, actor, filter.compoundId, 'view');
  const counted = await baseQuery(ctx, actor, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirst();

  const rows = await gateEventItemQuery(ctx.db)
    .where('gate_events.id', 'in', baseQuery(ctx, actor, filter).select('gate_events.id'))
    .orderBy('gate_events.occurred_at', 'desc')
    .orderBy('gate_events.id')
    .offset((filter.page - 1) * filter.pageSize)
    .limit(filter.pageSize)
    .execute();
  const pictureIds = await pictureIdsOf(ctx.db, rows);
  const items = rows.map((row) => toGateEventItem(row, pictureIds.get(row.id) ?? []));
  return { items, total: Number(counted?.count ?? 0) };
}

/** Loads one picture of an event of a compound the actor may view; 404 otherwise, also when deleted after retention. */
export async function loadGatePicture(ctx: ServiceContext, actor: Actor, eventId: string, pictureId: string) {
  const event = await ctx.db.selectFrom('gate_events').select(['id', 'compound_id']).where('id', '=', eventId).executeTakeFirst();
  if (!event) throw new AppError('GATE_EVENT_NOT_FOUND', 'id');
  try {
    await requireCompoundAccess(ctx, actor, event.compound_id, 'view');
  } catch {
    throw new AppError('GATE_EVENT_NOT_FOUND', 'id');
  }
  const picture = await ctx.db
    .selectFrom('gate_pictures')
    .select(['content_type', 'data'])
    .where('id', '=', pictureId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  if (!picture) throw new AppError('GATE_PICTURE_NOT_FOUND', 'pictureId');
  return { contentType: picture.content_type, data: Buffer.from(picture.data) };
}
