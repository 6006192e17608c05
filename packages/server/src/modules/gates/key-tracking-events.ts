import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { gateEventItemQuery, pictureIdsOf, toGateEventItem } from './event-items.js';

/** Most events one key-tracking list returns, newest first. */
export const TRACKED_EVENT_LIMIT = 500;

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
  const rows = await gateEventItemQuery(db)
    .where((eb) => eb.or(subjects.map((subject) => subjectCondition(subject)(eb))))
    .orderBy('gate_events.occurred_at', 'desc')
    .orderBy('gate_events.id')
    .limit(TRACKED_EVENT_LIMIT)
    .execute();
  const pictureIds = await pictureIdsOf(db, rows);
  return rows.map((row) => toGateEventItem(row, pictureIds.get(row.id) ?? []));
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
