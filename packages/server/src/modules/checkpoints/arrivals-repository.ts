import type { Kysely } from 'kysely';
import type { Scope } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { subtreeCodes } from '../jurisdictions/scope.js';
import type { TimeRange } from './read-range.js';

/**
 * Registrations heading to a community of the scope, or whose verification
 * task sits on a node of it: a grid worker's scope is a grid, below the
 * community that the registration names.
 */
function arrivalQuery(db: Kysely<Database>, scope: Scope, range: TimeRange, communityCode: string | undefined) {
  let query = db
    .selectFrom('checkpoint_registrations')
    .innerJoin('checkpoints', 'checkpoints.id', 'checkpoint_registrations.checkpoint_id')
    .innerJoin('jurisdictions as destination', 'destination.code', 'checkpoint_registrations.destination_community_code')
    .leftJoin('tasks', 'tasks.id', 'checkpoint_registrations.task_id')
    .where((eb) =>
      eb.or([
        eb('checkpoint_registrations.destination_community_code', 'in', subtreeCodes(db, scope)),
        eb('tasks.node_code', 'in', subtreeCodes(db, scope)),
      ]),
    )
    .where('checkpoint_registrations.registered_at', '>=', range.start)
    .where('checkpoint_registrations.registered_at', '<', range.end);
  if (communityCode !== undefined) query = query.where('checkpoint_registrations.destination_community_code', '=', communityCode);
  return query;
}

export async function listArrivals(
  db: Kysely<Database>,
  scope: Scope,
  range: TimeRange,
  communityCode: string | undefined,
  offset: number,
  limit: number,
) {
  const query = arrivalQuery(db, scope, range, communityCode);
  const [rows, total] = await Promise.all([
    query
      .select((eb) => [
        'checkpoint_registrations.id',
        'checkpoint_registrations.registered_at',
        'checkpoints.name as checkpoint_name',
        'checkpoint_registrations.plate_number',
        'checkpoint_registrations.destination_community_code',
        'destination.name as destination_community_name',
        'checkpoint_registrations.destination_text_enc',
        'checkpoint_registrations.risk_level',
        'checkpoint_registrations.task_id',
        'tasks.status as task_status',
        'tasks.result as task_result',
        'tasks.details as task_details',
        eb
          .selectFrom('checkpoint_occupants')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('checkpoint_occupants.registration_id', '=', 'checkpoint_registrations.id')
          .as('occupant_count'),
      ])
      .orderBy('checkpoint_registrations.registered_at')
      .orderBy('checkpoint_registrations.id')
      .offset(offset)
      .limit(limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}
