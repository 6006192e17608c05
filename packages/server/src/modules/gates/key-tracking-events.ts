import { maskPersonName } from '@cordon/core';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Most events one key-tracking list returns, newest first. */
export const TRACKED_EVENT_LIMIT = 500;

/** Prefix of gate_events.rule_kind when a built-in default rule fired. */
const DEFAULT_RULE_PREFIX = 'default:';

function eventQuery(db: Kysely<Database>) {
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
      'gate_rules.compound_id as rule_compound_id',
      'gate_rules.id as rule_found_id',
      'gate_events.alert_id',
    ]);
}

type EventRow = Awaited<ReturnType<ReturnType<typeof eventQuery>['executeTakeFirstOrThrow']>>;

function ruleSourceOf(row: EventRow): 'compound' | 'jurisdiction' | 'default' | null {
  if (row.rule_kind?.startsWith(DEFAULT_RULE_PREFIX)) return 'default';
  if (row.rule_found_id === null) return null;
  return row.rule_compound_id === null ? 'jurisdiction' : 'compound';
}

function toEvent(row: EventRow, pictureIds: string[]) {
  const action = row.decision;
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
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
    plateNumber: row.plate_number,
    plateRegionCode: row.plate_region_code,
    plateText: row.plate_text,
    cardNumberMasked: row.card_number_masked,
    passSerial: row.pass_serial,
    passCheck: row.pass_check,
    personName: row.person_name === null ? null : maskPersonName(row.person_name),
    temperature: row.temperature_tenths === null ? null : row.temperature_tenths / 10,
    decision: action.startsWith('deny') ? 'deny' : 'open',
    action,
    ruleId: row.rule_id,
    ruleKind: row.rule_kind?.startsWith(DEFAULT_RULE_PREFIX) ? row.rule_kind.slice(DEFAULT_RULE_PREFIX.length) : row.rule_kind,
    ruleSource: ruleSourceOf(row),
    alertId: row.alert_id,
    pictureIds,
  };
}

/** A tracked subject at one compound over a time range; `until` null means up to now. */
export interface TrackedSubject {
  compoundId: string;
  plateNumber: string | null;
  personId: string | null;
  since: string;
  until: string | null;
}

function subjectCondition(subject: TrackedSubject) {
  return (eb: ExpressionBuilder<Database, 'gate_events'>) => {
    const conditions = [eb('gate_events.compound_id', '=', subject.compoundId), eb('gate_events.occurred_at', '>=', subject.since)];
    if (subject.until !== null) conditions.push(eb('gate_events.occurred_at', '<=', subject.until));
    if (subject.plateNumber !== null) conditions.push(eb('gate_events.plate_number', '=', subject.plateNumber));
    else conditions.push(eb('gate_events.person_id', '=', subject.personId ?? ''));
    return eb.and(conditions);
  };
}

/** Gate events of tracked subjects, newest first, in the shape of the console's event list. */
export async function listTrackedEvents(db: Kysely<Database>, subjects: TrackedSubject[]) {
  if (subjects.length === 0) return [];
  const rows = await eventQuery(db)
    .where((eb) => eb.or(subjects.map((subject) => subjectCondition(subject)(eb))))
    .orderBy('gate_events.occurred_at', 'desc')
    .orderBy('gate_events.id')
    .limit(TRACKED_EVENT_LIMIT)
    .execute();
  const pictures =
    rows.length === 0
      ? []
      : await db
          .selectFrom('gate_pictures')
          .select(['id', 'event_id'])
          .where(
            'event_id',
            'in',
            rows.map((row) => row.id),
          )
          .orderBy('created_at')
          .orderBy('id')
          .execute();
  return rows.map((row) =>
    toEvent(
      row,
      pictures.filter((picture) => picture.event_id === row.id).map((picture) => picture.id),
    ),
  );
}

/** Number of gate events of one tracked subject. */
export async function countTrackedEvents(db: Kysely<Database>, subject: TrackedSubject): Promise<number> {
  const row = await db
    .selectFrom('gate_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(subjectCondition(subject))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
