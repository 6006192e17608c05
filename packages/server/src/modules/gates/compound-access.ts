import { type Kysely, sql, type Transaction } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import { subtreeCodes } from '../jurisdictions/scope.js';
import { GATE_MANAGER_ROLES, GATE_STAFF_MANAGER_ROLES, GATE_VIEWER_ROLES } from './roles.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Kind of access to a compound:
 * - manage: set up gates, devices, vehicles, passes, rules and key tracking;
 * - view: read events and visitors (the managers and the grid workers in scope);
 * - staff-only: change managers and webhooks (managers who are not gate guards).
 */
export type CompoundAccessMode = 'manage' | 'view' | 'staff-only';

export interface AccessibleCompound {
  id: string;
  name: string;
  communityCode: string;
  gridCode: string | null;
}

/** Ids of the compounds a gate guard is listed on as a manager. */
export async function compoundIdsOfGuard(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('compound_managers').select('compound_id').where('user_id', '=', userId).execute();
  return rows.map((row) => row.compound_id);
}

function rolesOf(mode: CompoundAccessMode) {
  if (mode === 'view') return GATE_VIEWER_ROLES;
  if (mode === 'manage') return GATE_MANAGER_ROLES;
  return GATE_STAFF_MANAGER_ROLES;
}

/**
 * Loads a compound the actor may act on in the given mode, or throws
 * COMPOUND_NOT_FOUND (404) naming the field, so that a caller cannot tell a
 * compound outside his reach from one that does not exist. Staff reach the
 * compounds whose community or grid is in their scope. A gate guard reaches
 * only the compounds he is listed on in compound_managers, whatever his node.
 */
export async function requireCompoundAccess(
  ctx: Pick<ServiceContext, 'db'>,
  actor: Actor,
  compoundId: string,
  mode: CompoundAccessMode,
  field = 'compoundId',
): Promise<AccessibleCompound> {
  if (!actor.role || !actor.userId || !rolesOf(mode).includes(actor.role)) throw new AppError('COMPOUND_NOT_FOUND', field);
  const query = ctx.db
    .selectFrom('compounds')
    .select(['compounds.id', 'compounds.name', 'compounds.community_code', 'compounds.grid_code'])
    .where('compounds.id', '=', compoundId)
    .where('compounds.id', 'in', accessibleCompoundIds(ctx.db, actor, mode));
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('COMPOUND_NOT_FOUND', field);
  return { id: row.id, name: row.name, communityCode: row.community_code, gridCode: row.grid_code };
}

/**
 * Subquery of the ids of the compounds an actor may act on in a mode, by the
 * rules of requireCompoundAccess, for list queries:
 * `.where('gate_events.compound_id', 'in', accessibleCompoundIds(db, actor, 'view'))`.
 */
export function accessibleCompoundIds(db: Kysely<Database>, actor: Actor, mode: CompoundAccessMode) {
  const query = db.selectFrom('compounds').select('compounds.id');
  const role = actor.role;
  const userId = actor.userId;
  if (!role || !userId || !rolesOf(mode).includes(role)) return query.where(sql<boolean>`1 = 0`);
  if (role === 'gate_guard') {
    return query.where(
      'compounds.id',
      'in',
      db.selectFrom('compound_managers').select('compound_managers.compound_id').where('compound_managers.user_id', '=', userId),
    );
  }
  return query.where((eb) =>
    eb.or([
      eb('compounds.community_code', 'in', subtreeCodes(db, actor.scope)),
      eb('compounds.grid_code', 'in', subtreeCodes(db, actor.scope)),
    ]),
  );
}
