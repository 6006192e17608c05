import { type Kysely, PostgresAdapter } from 'kysely';

export type DatabaseKind = 'sqlite' | 'postgres';

/** Tells which database a Kysely instance talks to, for the few places where SQL differs. */
export function databaseKindOf(db: Kysely<any>): DatabaseKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
