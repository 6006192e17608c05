import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DatabaseKind } from '../db/dialect.js';
import { createLocalEventBus, type EventBus } from './bus.js';
import { type BusLogger, createPgEventBus, createPgNotifyBus } from './pg-bus.js';

interface BusDatabase {
  db: Kysely<Database>;
  kind: DatabaseKind;
}

/**
 * Returns the bus of a server: LISTEN/NOTIFY on PostgreSQL, so instances on
 * one database share their alerts, and the in-process bus on SQLite, where
 * only one server runs. Without a connection string (tests that open
 * PostgreSQL themselves) the in-process bus is used as well.
 */
export function createServerEventBus(database: BusDatabase, connectionString: string | undefined, log: BusLogger): EventBus {
  if (database.kind === 'postgres' && connectionString) return createPgEventBus({ connectionString, db: database.db, log });
  return createLocalEventBus();
}

/** Returns the bus of a CLI command: on PostgreSQL it notifies running servers through the pool and never listens. */
export function createCommandEventBus(database: BusDatabase): EventBus {
  return database.kind === 'postgres' ? createPgNotifyBus(database.db) : createLocalEventBus();
}
