import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Scope } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { subtreeCodes } from '../jurisdictions/scope.js';
import type { TimeRange } from './read-range.js';

/** A reader of registrations: an officer reads the checkpoints on his roster, other roles their subtree. */
export interface RegistrationViewer {
  scope: Scope;
  userId: string | null;
  officer: boolean;
}

/** Filters of the list, statistics and export, already checked by the service. */
export interface RegistrationFilter {
  range: TimeRange;
  checkpointId?: string | undefined;
  disposition?: string | undefined;
  riskLevel?: string | undefined;
  mode?: string | undefined;
  /** Normalised plate text that the plate must contain. */
  plateText?: string | undefined;
}

type RegistrationBuilder = ExpressionBuilder<Database, 'checkpoint_registrations'>;

function visibleTo(db: Kysely<Database>, viewer: RegistrationViewer) {
  return (eb: RegistrationBuilder) => {
    if (!viewer.officer) return eb('checkpoint_registrations.node_code', 'in', subtreeCodes(db, viewer.scope));
    const roster = db
      .selectFrom('checkpoint_officers')
      .select('checkpoint_id')
      .where('user_id', '=', viewer.userId ?? '');
    return eb('checkpoint_registrations.checkpoint_id', 'in', roster);
  };
}

/** Escapes LIKE wildcards for a pattern used with `ESCAPE '\'`. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Registrations the viewer may read that match the filter, with their checkpoint and destination community joined. */
export function filteredRegistrationQuery(db: Kysely<Database>, viewer: RegistrationViewer, filter: RegistrationFilter) {
  let query = db
    .selectFrom('checkpoint_registrations')
    .innerJoin('checkpoints', 'checkpoints.id', 'checkpoint_registrations.checkpoint_id')
    .leftJoin('jurisdictions as destination', 'destination.code', 'checkpoint_registrations.destination_community_code')
    .where(visibleTo(db, viewer))
    .where('checkpoint_registrations.registered_at', '>=', filter.range.start)
    .where('checkpoint_registrations.registered_at', '<', filter.range.end);
  if (filter.checkpointId) query = query.where('checkpoint_registrations.checkpoint_id', '=', filter.checkpointId);
  if (filter.disposition) query = query.where('checkpoint_registrations.disposition', '=', filter.disposition);
  if (filter.riskLevel === 'none') query = query.where('checkpoint_registrations.risk_level', 'is', null);
  else if (filter.riskLevel) query = query.where('checkpoint_registrations.risk_level', '=', filter.riskLevel);
  if (filter.mode) query = query.where('checkpoint_registrations.mode', '=', filter.mode);
  if (filter.plateText)
    query = query.where(sql<boolean>`checkpoint_registrations.plate_number like ${containsPattern(filter.plateText)} escape '\\'`);
  return query;
}

export const REGISTRATION_COLUMNS = [
  'checkpoint_registrations.id',
  'checkpoint_registrations.checkpoint_id',
  'checkpoints.name as checkpoint_name',
  'checkpoint_registrations.mode',
  'checkpoint_registrations.registered_at',
  'checkpoint_registrations.received_at',
  'checkpoint_registrations.plate_number',
  'checkpoint_registrations.plate_region_code',
  'checkpoint_registrations.origin_region_code',
  'checkpoint_registrations.travel_history_enc',
  'checkpoint_registrations.risk_level',
  'checkpoint_registrations.disposition',
  'checkpoint_registrations.disposition_reason',
  'checkpoint_registrations.site_id',
  'checkpoint_registrations.destination_community_code',
  'destination.name as destination_community_name',
  'checkpoint_registrations.task_id',
] as const;

export async function listRegistrations(
  db: Kysely<Database>,
  viewer: RegistrationViewer,
  filter: RegistrationFilter,
  offset: number,
  limit: number,
) {
  const query = filteredRegistrationQuery(db, viewer, filter);
  const [rows, total] = await Promise.all([
    query
      .select(REGISTRATION_COLUMNS)
      .orderBy('checkpoint_registrations.registered_at', 'desc')
      .orderBy('checkpoint_registrations.id')
      .offset(offset)
      .limit(limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

export type RegistrationRow = Awaited<ReturnType<typeof listRegistrations>>['rows'][number];

export function findRegistrationVisible(db: Kysely<Database>, viewer: RegistrationViewer, id: string) {
  return db
    .selectFrom('checkpoint_registrations')
    .innerJoin('checkpoints', 'checkpoints.id', 'checkpoint_registrations.checkpoint_id')
    .leftJoin('jurisdictions as destination', 'destination.code', 'checkpoint_registrations.destination_community_code')
    .where(visibleTo(db, viewer))
    .where('checkpoint_registrations.id', '=', id)
    .select([...REGISTRATION_COLUMNS, 'checkpoint_registrations.purpose', 'checkpoint_registrations.notes_enc'])
    .executeTakeFirst();
}

/** Occupants of the registrations, in position order, without encrypted values. */
export function listOccupantsOf(db: Kysely<Database>, registrationIds: string[]) {
  if (registrationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('checkpoint_occupants')
    .select([
      'registration_id',
      'position',
      'role',
      'document_type',
      'document_masked',
      'document_region_code',
      'birth_date',
      'sex',
      'phone_masked',
      'temperature_tenths',
      'symptoms',
    ])
    .where('registration_id', 'in', registrationIds)
    .orderBy('registration_id')
    .orderBy('position')
    .execute();
}

export type OccupantRow = Awaited<ReturnType<typeof listOccupantsOf>>[number];
