import { maskPersonName } from '@cordon/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

// One gate event as the console lists it, shared by the events page and the
// key-tracking lists so both show the same columns and masks.

const OPENING_ACTIONS: readonly string[] = ['open', 'open_and_alert'];
/** Prefix of gate_events.rule_kind when a built-in default rule fired. */
const DEFAULT_RULE_PREFIX = 'default:';

/** Gate events joined with what the list shows; callers add their conditions, order and limit. */
export function gateEventItemQuery(db: Kysely<Database>) {
  return db
    .selectFrom('gate_events')
    .innerJoin('compounds', 'compounds.id', 'gate_events.compound_id')
    .innerJoin('gates', 'gates.id', 'gate_events.gate_id')
    .innerJoin('devices', 'devices.id', 'gate_events.device_id')
    .leftJoin('access_passes', 'access_passes.id', 'gate_events.pass_id')
    .leftJoin('persons', 'persons.id', 'gate_events.person_id')
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
      'gate_rules.id as rule_found_id',
      'gate_rules.compound_id as rule_compound_id',
      'gate_events.alert_id',
      'gate_events.picture_count',
    ]);
}

type GateEventItemRow = Awaited<ReturnType<ReturnType<typeof gateEventItemQuery>['executeTakeFirstOrThrow']>>;

/** Where the rule that fired is configured; null when none fired or the rule has been deleted since. */
function ruleSourceOf(row: GateEventItemRow): 'compound' | 'jurisdiction' | 'default' | null {
  if (row.rule_kind?.startsWith(DEFAULT_RULE_PREFIX)) return 'default';
  if (row.rule_found_id === null) return null;
  return row.rule_compound_id === null ? 'jurisdiction' : 'compound';
}

/** Picture ids of each event, in the order they were stored. */
export async function pictureIdsOf(
  db: Kysely<Database>,
  rows: Array<{ id: string; picture_count: number }>,
): Promise<Map<string, string[]>> {
  const byEvent = new Map<string, string[]>();
  const withPictures = rows.filter((row) => row.picture_count > 0).map((row) => row.id);
  if (withPictures.length === 0) return byEvent;

  const pictures = await db
    .selectFrom('gate_pictures')
    .select(['id', 'event_id'])
    .where('event_id', 'in', withPictures)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const picture of pictures) byEvent.set(picture.event_id, [...(byEvent.get(picture.event_id) ?? []), picture.id]);
  return byEvent;
}

/** Maps a row to the list item: names masked, times as ISO text, the action's open or deny. */
export function toGateEventItem(row: GateEventItemRow, pictureIds: string[]) {
  return {
    id: row.id,
    compoundId: row.compound_id,
    compoundName: row.compound_name,
    gateId: row.gate_id,
    gateName: row.gate_name,
    deviceName: row.device_name,
    format: row.format,
    kind: row.kind,
    direction: row.direction,
    occurredAt: new Date(row.occurred_at).toISOString(),
    receivedAt: new Date(row.received_at).toISOString(),
    plateNumber: row.plate_number,
    plateRegionCode: row.plate_region_code,
    plateText: row.plate_text,
    cardNumberMasked: row.card_number_masked,
    passSerial: row.pass_serial,
    passCheck: row.pass_check,
    personName: row.person_name === null ? null : maskPersonName(row.person_name),
    temperature: row.temperature_tenths === null ? null : row.temperature_tenths / 10,
    decision: OPENING_ACTIONS.includes(row.decision) ? ('open' as const) : ('deny' as const),
    action: row.decision,
    ruleId: row.rule_id,
    ruleKind: row.rule_kind?.startsWith(DEFAULT_RULE_PREFIX) ? row.rule_kind.slice(DEFAULT_RULE_PREFIX.length) : row.rule_kind,
    ruleSource: ruleSourceOf(row),
    alertId: row.alert_id,
    pictureIds,
  };
}
