import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import type { DatabaseKind } from './dialect.js';
import { withStatementCache } from './statement-cache.js';

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded SQLite file is used. */
  databaseUrl?: string | undefined;
  /** Folder of the SQLite file `cordon.sqlite`. */
  dataDir: string;
  /** Overrides the SQLite file name, e.g. for tests. */
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests create one per run); defaults to the server's search_path. */
  postgresSchema?: string;
  poolSize?: number;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Location of the data, for the start-up log; a PostgreSQL URL is shown without credentials. */
  location: string;
  close(): Promise<void>;
}

const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;

/** Turns PostgreSQL's "2026-12-04 20:20:32.123+08" into "2026-12-04T12:20:32.123Z". */
export function pgTimestampToIso(value: string): string {
  const isoLike = value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  return new Date(isoLike).toISOString();
}

// Timestamps leave PostgreSQL as ISO strings, like SQLite's text columns, so
// repositories see one format. COUNT(*) is int8, which pg returns as a string
// by default; the counts here never approach 2^53.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMPTZ_OID) return pgTimestampToIso;
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const schema = options.postgresSchema;
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: pgTypes,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      location: redactUrl(options.databaseUrl) + (schema ? ` (schema ${schema})` : ''),
      close: () => db.destroy(),
    };
  }

  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const file = options.sqliteFile ?? path.join(options.dataDir, 'cordon.sqlite');
  const sqlite = new SQLite(file);
  // The file contains personal data: only the owner may read it. SQLite gives
  // the -wal and -shm files the same permissions as the database file.
  fs.chmodSync(file, 0o600);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // A second process (the CLI while the server runs) waits for the write lock
  // instead of failing at once with SQLITE_BUSY.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, kind: 'sqlite', location: file, close: () => db.destroy() };
}
