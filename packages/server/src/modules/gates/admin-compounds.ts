import { sql } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import { searchFormOf } from '../addresses/service.js';
import { containsPattern } from './admin-residents.js';
import { accessibleCompoundIds } from './compound-access.js';

/** Compounds in one list; a city's staff narrow it with a search text. */
const COMPOUND_LIST_LIMIT = 500;

/**
 * Lists the compounds an actor may view, with counts of gates, devices,
 * vehicles and active passes. `managed` is true when the actor may also set
 * them up: grid workers only view.
 */
export async function listGateCompounds(ctx: ServiceContext, actor: Actor, q: string | undefined) {
  let query = ctx.db
    .selectFrom('compounds')
    .innerJoin('jurisdictions as community', 'community.code', 'compounds.community_code')
    .select((eb) => [
      'compounds.id',
      'compounds.name',
      'compounds.community_code',
      'community.name as community_name',
      eb.selectFrom('gates').select(eb.fn.countAll<number>().as('n')).whereRef('gates.compound_id', '=', 'compounds.id').as('gate_count'),
      eb
        .selectFrom('devices')
        .innerJoin('gates', 'gates.id', 'devices.gate_id')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('gates.compound_id', '=', 'compounds.id')
        .where('devices.revoked_at', 'is', null)
        .as('device_count'),
      eb
        .selectFrom('vehicles')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('vehicles.compound_id', '=', 'compounds.id')
        .as('vehicle_count'),
      eb
        .selectFrom('access_passes')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('access_passes.compound_id', '=', 'compounds.id')
        .where('access_passes.status', '=', 'active')
        .as('active_pass_count'),
    ])
    .where('compounds.id', 'in', accessibleCompoundIds(ctx.db, actor, 'view'));
  const text = q?.trim() ? searchFormOf(q.trim()) : '';
  if (text !== '') query = query.where(sql<boolean>`compounds.normalized_name like ${containsPattern(text)} escape '\\'`);

  const rows = await query.orderBy('compounds.name').orderBy('compounds.id').limit(COMPOUND_LIST_LIMIT).execute();
  const managed = actor.role !== 'grid_worker';
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    communityCode: row.community_code,
    communityName: row.community_name,
    gateCount: Number(row.gate_count ?? 0),
    deviceCount: Number(row.device_count ?? 0),
    vehicleCount: Number(row.vehicle_count ?? 0),
    activePassCount: Number(row.active_pass_count ?? 0),
    managed,
  }));
}
