import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { describe } from 'vitest';
import { buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import type { ServiceContext } from '../context/types.js';
import { deriveKeys } from '../crypto/keys.js';
import { type DatabaseHandle, openDatabase } from '../db/database.js';
import type { DatabaseKind } from '../db/dialect.js';
import { migrateToLatest } from '../db/migrate.js';
import { bootstrapDatabase } from '../modules/users/bootstrap.js';

export const TEST_DATABASES: DatabaseKind[] = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/**
 * Runs a suite once per database: SQLite always, PostgreSQL when DATABASE_URL
 * is set (.ci/run always sets it). Without it the PostgreSQL run is skipped,
 * and global-setup.ts prints the reason once.
 */
export function describeEachDatabase(name: string, suite: (kind: DatabaseKind) => void): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    if (kind === 'postgres' && !process.env.DATABASE_URL) {
      describe.skip(`${name} [postgres]`, () => suite(kind));
      continue;
    }
    describe(`${name} [${kind}]`, () => suite(kind));
  }
}

export interface TestDatabase {
  handle: DatabaseHandle;
  dataDir: string;
  drop(): Promise<void>;
}

/** Creates a fresh, migrated database: a SQLite file in a temp folder, or a new PostgreSQL schema. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-test-'));
  if (kind === 'sqlite') {
    const handle = openDatabase({ dataDir });
    await migrateToLatest(handle.db);
    return {
      handle,
      dataDir,
      drop: async () => {
        await handle.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }

  const databaseUrl = process.env.DATABASE_URL as string;
  const schema = `cordon_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();

  const handle = openDatabase({ databaseUrl, dataDir, postgresSchema: schema, poolSize: 4 });
  await migrateToLatest(handle.db);
  return {
    handle,
    dataDir,
    drop: async () => {
      await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(handle.db);
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({}, dataDir),
    dataDir,
    signInRateLimit: 1000,
    publicRateLimit: 10_000,
    staffRateLimit: 10_000,
    ...overrides,
  };
}

export interface TestApp {
  app: FastifyInstance;
  ctx: ServiceContext;
  db: TestDatabase;
  /** The first administrator's password, already changed from the one-time one. */
  adminPassword: string;
  close(): Promise<void>;
}

/** Generates a strong password for a test account; never printed. */
export function testPassword(): string {
  return `Pw-${randomBytes(12).toString('base64url')}`;
}

/** Starts an app on a fresh database with the first administrator created. */
export async function createTestApp(
  kind: DatabaseKind,
  overrides: Partial<Config> = {},
  beforeReady?: (app: FastifyInstance) => void,
): Promise<TestApp> {
  const db = await createTestDatabase(kind);
  const config = testConfig(db.dataDir, overrides);
  const keys = deriveKeys(randomBytes(32));
  const app = await buildApp({ config, database: db.handle, keys, logger: false });
  const ctx: ServiceContext = app.services;
  const adminPassword = testPassword();
  await bootstrapDatabase(ctx, adminPassword);
  beforeReady?.(app);
  await app.ready();
  return {
    app,
    ctx,
    db,
    adminPassword,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  userId: string;
}

export function sessionCookieOf(response: LightMyRequestResponse): string | undefined {
  const header = response.headers['set-cookie'];
  let cookies: string[] = [];
  if (Array.isArray(header)) cookies = header;
  else if (header) cookies = [header];
  const session = cookies.find((value) => value.startsWith('cordon_session='));
  return session?.split(';')[0];
}

export async function signIn(app: FastifyInstance, username: string, password: string): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed with ${response.statusCode}: ${response.body}`);
  const cookie = sessionCookieOf(response);
  if (!cookie) throw new Error('sign-in set no session cookie');
  const body = response.json() as { csrfToken: string; user: { id: string } };
  return { cookie, csrfToken: body.csrfToken, userId: body.user.id };
}

/** Sends a request as a signed-in user, with the CSRF header on writes. */
export function request(app: FastifyInstance, session: Session | null, options: InjectOptions & { locale?: string }) {
  const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
  if (session) {
    headers.cookie = session.cookie;
    if (options.method && options.method !== 'GET') headers['x-csrf-token'] = session.csrfToken;
  }
  if (options.locale) headers['accept-language'] = options.locale;
  return app.inject({ ...options, headers });
}

/** Signs in with a one-time password, sets a new one, and returns a usable session. */
export async function signInAndChangePassword(app: FastifyInstance, username: string, oneTimePassword: string) {
  const first = await signIn(app, username, oneTimePassword);
  const newPassword = testPassword();
  const response = await request(app, first, {
    method: 'POST',
    url: '/api/auth/password',
    payload: { currentPassword: oneTimePassword, newPassword },
  });
  if (response.statusCode !== 204) throw new Error(`password change failed with ${response.statusCode}: ${response.body}`);
  return { session: first, password: newPassword };
}
