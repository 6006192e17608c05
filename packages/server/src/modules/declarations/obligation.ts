import { chinaDayOf } from '@cordon/core';
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Scope } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { personInScope } from '../persons/repository.js';
import { readDeclarationSettings, type DeclarationScope } from './settings.js';

export const OBLIGATION_REASONS = ['home_quarantine', 'site', 'arrival'] as const;
export type ObligationReason = (typeof OBLIGATION_REASONS)[number];

export interface ObligedPerson {
  personId: string;
  communityCode: string;
  gridCode: string | null;
  /** Reasons the person must declare; never empty. */
  reasons: ObligationReason[];
}

type PersonsBuilder = ExpressionBuilder<Database, 'persons'>;

function firstArrivalDay(day: string, withinDays: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - (withinDays - 1) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Matches arrivals within N days: the arrival date is one of the last N days
 * in China, today included. With 14, an arrival 13 days ago counts and one 14
 * days ago does not.
 */
function arrivedWithin(eb: PersonsBuilder, day: string, withinDays: number) {
  return eb.and([eb('persons.arrival_date', '>=', firstArrivalDay(day, withinDays)), eb('persons.arrival_date', '<=', day)]);
}

/** Under home quarantine on the day: started by then, and still active or ended on that day or later. */
function underHomeQuarantine(eb: PersonsBuilder, day: string) {
  return eb.exists(
    eb
      .selectFrom('home_quarantines')
      .select('home_quarantines.id')
      .whereRef('home_quarantines.person_id', '=', 'persons.id')
      .where('home_quarantines.start_on', '<=', day)
      .where((inner) => inner.or([inner('home_quarantines.status', '=', 'active'), inner('home_quarantines.ended_on', '>=', day)])),
  );
}

/** Staying at a site at the instant: admitted by then and not yet discharged (a transfer closes one stay as the next opens). */
function stayingAtSite(eb: PersonsBuilder, instant: string) {
  return eb.exists(
    eb
      .selectFrom('site_stays')
      .select('site_stays.id')
      .whereRef('site_stays.person_id', '=', 'persons.id')
      .where('site_stays.admitted_at', '<=', instant)
      .where((inner) => inner.or([inner('site_stays.discharged_at', 'is', null), inner('site_stays.discharged_at', '>', instant)])),
  );
}

/**
 * Builds the condition on persons rows that holds for those who must declare
 * at an instant under `obligation` (the setting declaration.scope). Merged
 * files never match. Use it in `.where()` of any query over persons.
 */
export function mustDeclareAt(obligation: DeclarationScope, at: Date) {
  const day = chinaDayOf(at);
  const instant = at.toISOString();
  return (eb: PersonsBuilder): Expression<SqlBool> => {
    const reasons: Expression<SqlBool>[] = [];
    if (obligation.homeQuarantine) reasons.push(underHomeQuarantine(eb, day));
    if (obligation.sites) reasons.push(stayingAtSite(eb, instant));
    if (obligation.arrivalsWithinDays > 0) reasons.push(arrivedWithin(eb, day, obligation.arrivalsWithinDays));
    const anyReason = reasons.length > 0 ? eb.or(reasons) : sql<SqlBool>`1 = 0`;
    return eb.and([eb('persons.merged_into_id', 'is', null), anyReason]);
  };
}

/** Wraps a reason's condition as a selected column, or false when the setting leaves the reason out. */
function flagOf(condition: Expression<SqlBool> | false) {
  return condition === false ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${condition}`;
}

/**
 * Lists the persons in a staff scope who must declare at an instant, with
 * the reasons. `obligation` defaults to the stored setting.
 */
export async function whoMustDeclare(
  db: Kysely<Database>,
  scope: Scope,
  at: Date,
  obligation?: DeclarationScope,
): Promise<ObligedPerson[]> {
  const settings = obligation ?? (await readDeclarationSettings(db)).scope;
  const day = chinaDayOf(at);
  const instant = at.toISOString();
  const rows = await db
    .selectFrom('persons')
    .select((eb) => [
      'persons.id',
      'persons.community_code',
      'persons.grid_code',
      flagOf(settings.homeQuarantine && underHomeQuarantine(eb, day)).as('home_quarantine'),
      flagOf(settings.sites && stayingAtSite(eb, instant)).as('site'),
      flagOf(settings.arrivalsWithinDays > 0 && arrivedWithin(eb, day, settings.arrivalsWithinDays)).as('arrival'),
    ])
    .where(personInScope(db, scope))
    .where(mustDeclareAt(settings, at))
    .orderBy('persons.community_code')
    .orderBy('persons.id')
    .execute();

  return rows.map((row) => ({
    personId: row.id,
    communityCode: row.community_code,
    gridCode: row.grid_code,
    // SQLite returns 0/1 and PostgreSQL true/false for the conditions.
    reasons: OBLIGATION_REASONS.filter((reason) => Boolean(row[reason])),
  }));
}
