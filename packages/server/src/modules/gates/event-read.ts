import { maskPersonName, parsePlate } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { accessibleCompoundIds, requireCompoundAccess } from './compound-access.js';

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

function ruleSourceOf(ruleId: string | null, ruleCompoundId: string | null, ruleNodeCode: string | null) {
  if (ruleId === null) return null;
  if (ruleId.startsWith('default:')) return 'default' as const;
  if (ruleCompoundId !== null) return 'compound' as const;
  if (ruleNodeCode !== null) return 'jurisdiction' as const;
  return null;
}

function iso(value: string | Date): string {
  return new Date(value).toISOString();
}

/** Lists the gate events of the compounds the actor may view, newest first, with masked names and card numbers. */
export async function listGateEvents(ctx: ServiceContext, actor: Actor, filter: GateEventFilter) {
  if (filter.compoundId) await requireCompoundAccess(ctx, actor, filter.compoundId, 'view');
  const counted = await baseQuery(ctx, actor, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirst();
  const rows = await baseQuery(ctx, actor, filter)
    .innerJoin('compounds', 'compounds.id', 'gate_events.compound_id')
    .innerJoin('gates', 'gates.id', 'gate_events.gate_id')
    .innerJoin('devices', 'devices.id', 'gate_events.device_id')
    .leftJoin('persons', 'persons.id', 'gate_events.person_id')
    .leftJoin('access_passes', 'access_passes.id', 'gate_events.pass_id')
    .leftJoin('gate_rules', 'gate_rules.id', 'gate_events.rule_id')
    .select([
      'gate_events.id',
      'gate_events.compound_id',
      'compounds.name as compound_name',
      'gate_events.gate_id',
      'gates.name as gate_name',
      'devices.name as device_name',
      'gate_events.format',
      'gate_events.kind',
      'gate_events.direction',
      'gate_events.occurred_at',
      'gate_events.received_at',
      'gate_events.plate_number',
      'gate_events.plate_region_code',
      'gate_events.plate_text',
      'gate_events.pass_check',
      'gate_events.card_number_masked',
      'access_passes.serial as pass_serial',
      'persons.name as person_name',
      'gate_events.temperature_tenths',
      'gate_events.decision',
      'gate_events.rule_id',
      'gate_events.rule_kind',
      'gate_rules.compound_id as rule_compound_id',
      'gate_rules.node_code as rule_node_code',
      'gate_events.alert_id',
      'gate_events.picture_count',
    ])
    .orderBy('gate_events.occurred_at', 'desc')
    .orderBy('gate_events.id')
    .offset((filter.page - 1) * filter.pageSize)
    .limit(filter.pageSize)
    .execute();

  const withPictures = rows.filter((row) => row.picture_count > 0).map((row) => row.id);
  const pictures =
    withPictures.length === 0
      ? []
      : await ctx.db.selectFrom('gate_pictures').select(['id', 'event_id']).where('event_id', 'in', withPictures).orderBy('id').execute();

  const items = rows.map((row) => ({
    id: row.id,
    compoundId: row.compound_id,
    compoundName: row.compound_name,
    gateId: row.gate_id,
    gateName: row.gate_name,
    deviceName: row.device_name,
    format: row.format,
    kind: row.kind,
    direction: row.direction,
    occurredAt: iso(row.occurred_at),
    receivedAt: iso(row.received_at),
    plateNumber: row.plate_number,
    plateRegionCode: row.plate_region_code,
    plateText: row.plate_text,
    cardNumberMasked: row.card_number_masked,
    passSerial: row.pass_serial,
    passCheck: row.pass_check,
    personName: row.person_name ? maskPersonName(row.person_name) : null,
    temperature: row.temperature_tenths === null ? null : row.temperature_tenths / 10,
    decision: OPENING_ACTIONS.includes(row.decision) ? 'open' : 'deny',
    action: row.decision,
    ruleId: row.rule_id,
    ruleKind: row.rule_kind?.replace(/^default:/, '') ?? null,
    ruleSource: ruleSourceOf(row.rule_id, row.rule_compound_id, row.rule_node_code),
    alertId: row.alert_id,
    pictureIds: pictures.filter((picture) => picture.event_id === row.id).map((picture) => picture.id),
  }));
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
