import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Scope } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { personInScope } from '../persons/repository.js';

/** Condition on persons rows selecting those who must declare in the window. */
export type Obligation = (eb: ExpressionBuilder<Database, 'persons'>) => Expression<SqlBool>;

export const FOLLOW_UP_STATUSES = ['all', 'declared', 'missing', 'abnormal'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

function countWhen(condition: ReturnType<typeof sql>) {
  return sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;
}

/** Selects the persons in scope who must declare, each joined with their declaration and reminder of the window (either may be null). */
function obligedPersons(db: Kysely<Database>, scope: Scope, windowKey: string, obligation: Obligation) {
  return db
    .selectFrom('persons')
    .leftJoin('declarations', (join) =>
      join.onRef('declarations.person_id', '=', 'persons.id').on('declarations.window_key', '=', windowKey),
    )
    .leftJoin('declaration_reminders', (join) =>
      join.onRef('declaration_reminders.person_id', '=', 'persons.id').on('declaration_reminders.window_key', '=', windowKey),
    )
    .where(personInScope(db, scope))
    .where(obligation);
}

// SQLite sorts nulls first and PostgreSQL last; persons without a grid come last on both.
const gridCodeNullsLast = sql`persons.grid_code is null`;

const COUNTS = [
  sql<number>`count(persons.id)`.as('expected'),
  sql<number>`count(declarations.id)`.as('declared'),
  countWhen(sql`declarations.abnormal = 1`).as('abnormal'),
  countWhen(sql`declarations.late = 1`).as('late'),
  countWhen(sql`declarations.id is null and declaration_reminders.id is not null`).as('reminded'),
] as const;

export function countFollowUp(db: Kysely<Database>, scope: Scope, windowKey: string, obligation: Obligation) {
  return obligedPersons(db, scope, windowKey, obligation).select(COUNTS).executeTakeFirstOrThrow();
}

/** Counts the persons per community and grid; persons without a grid form their community's own row. */
export function countFollowUpByGrid(db: Kysely<Database>, scope: Scope, windowKey: string, obligation: Obligation) {
  return obligedPersons(db, scope, windowKey, obligation)
    .innerJoin('jurisdictions as community', 'community.code', 'persons.community_code')
    .leftJoin('jurisdictions as grid', 'grid.code', 'persons.grid_code')
    .select(['persons.community_code', 'community.name as community_name', 'persons.grid_code', 'grid.name as grid_name', ...COUNTS])
    .groupBy(['persons.community_code', 'community.name', 'persons.grid_code', 'grid.name'])
    .orderBy('persons.community_code')
    .orderBy(gridCodeNullsLast)
    .orderBy('persons.grid_code')
    .execute();
}

export async function listFollowUpPersons(
  db: Kysely<Database>,
  scope: Scope,
  windowKey: string,
  obligation: Obligation,
  status: FollowUpStatus,
  offset: number,
  limit: number,
) {
  let query = obligedPersons(db, scope, windowKey, obligation);
  if (status === 'declared') query = query.where('declarations.id', 'is not', null);
  if (status === 'missing') query = query.where('declarations.id', 'is', null);
  if (status === 'abnormal') query = query.where('declarations.abnormal', '=', 1);

  // Declarations list the newest first; the missing list reads like a roster, by grid and name.
  const ordered =
    status === 'missing'
      ? query.orderBy('persons.community_code').orderBy(gridCodeNullsLast).orderBy('persons.grid_code').orderBy('persons.name')
      : query.orderBy(sql`declarations.declared_at is null`).orderBy('declarations.declared_at', 'desc');

  const [rows, total] = await Promise.all([
    ordered
      .select([
        'persons.id',
        'persons.name',
        'persons.document_masked',
        'persons.phone_masked',
        'persons.community_code',
        'persons.grid_code',
        'declarations.id as declaration_id',
        'declarations.declared_at',
        'declarations.updated_at',
        'declarations.temperature_tenths',
        'declarations.symptoms',
        'declarations.location',
        'declarations.late',
        'declarations.abnormal',
        'declaration_reminders.sent_at as reminded_at',
      ])
      .orderBy('persons.id')
      .offset(offset)
      .limit(limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

/** Lists the persons in scope who must declare and have neither declared nor been reminded for the window, with their phones. */
export function listUnremindedMissing(db: Kysely<Database>, scope: Scope, windowKey: string, obligation: Obligation, personIds?: string[]) {
  let query = obligedPersons(db, scope, windowKey, obligation)
    .where('declarations.id', 'is', null)
    .where('declaration_reminders.id', 'is', null);
  if (personIds) query = query.where('persons.id', 'in', personIds);
  return query
    .select(['persons.id', 'persons.phone_enc', 'persons.preferred_language', 'persons.community_code', 'persons.grid_code'])
    .orderBy('persons.id')
    .execute();
}

/** Finds which of the ids are person files in scope; merged files count as absent. */
export async function findPersonIdsInScope(db: Kysely<Database>, scope: Scope, ids: string[]) {
  const rows = await db
    .selectFrom('persons')
    .select('persons.id')
    .where('persons.id', 'in', ids)
    .where('persons.merged_into_id', 'is', null)
    .where(personInScope(db, scope))
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** Splits the ids into those who declared for the window and those already reminded for it. */
export async function findDeclaredAndReminded(db: Kysely<Database>, ids: string[], windowKey: string) {
  const [declared, reminded] = await Promise.all([
    db.selectFrom('declarations').select('person_id').where('window_key', '=', windowKey).where('person_id', 'in', ids).execute(),
    db.selectFrom('declaration_reminders').select('person_id').where('window_key', '=', windowKey).where('person_id', 'in', ids).execute(),
  ]);
  return { declared: new Set(declared.map((row) => row.person_id)), reminded: new Set(reminded.map((row) => row.person_id)) };
}

/**
 * Lists the persons of every jurisdiction who had to declare in both windows and declared in neither,
 * leaving out those with an open missed-declarations task. The sweep turns each into a task for the grid worker.
 */
export function listPersonsWhoMissedBoth(
  db: Kysely<Database>,
  current: { window: string; obligation: Obligation },
  previous: { window: string; obligation: Obligation },
) {
  const notDeclaredIn = (windowKey: string) => (eb: ExpressionBuilder<Database, 'persons'>) =>
    eb.not(
      eb.exists(
        eb
          .selectFrom('declarations')
          .select('declarations.id')
          .whereRef('declarations.person_id', '=', 'persons.id')
          .where('declarations.window_key', '=', windowKey),
      ),
    );
  return (
    db
      .selectFrom('persons')
      .select(['persons.id', 'persons.community_code', 'persons.grid_code'])
      .where(current.obligation)
      .where(previous.obligation)
      .where(notDeclaredIn(current.window))
      .where(notDeclaredIn(previous.window))
      // One open task per person is enough: the grid worker is already on it.
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('tasks')
              .select('tasks.id')
              .whereRef('tasks.person_id', '=', 'persons.id')
              .where('tasks.kind', '=', 'missed_declarations')
              .where('tasks.status', 'in', ['open', 'in_progress']),
          ),
        ),
      )
      .orderBy('persons.id')
      .execute()
  );
}
