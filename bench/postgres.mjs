// A throw-away PostgreSQL schema per bench run, so the Cordon server starts
// on empty tables and the run leaves nothing behind in the database.
import { randomBytes } from 'node:crypto';
// `pg` is a dependency of @cordon/server that npm hoists to the root node_modules.
import pg from 'pg';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

async function withClient(databaseUrl, work) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Adds `options=-c search_path=<schema>` to a connection string, replacing
 * any `options` it had. node-postgres sends that parameter to the server
 * as start-up options, so every pooled connection of Cordon uses the schema.
 */
export function withSearchPath(databaseUrl, schema) {
  const [base, query = ''] = databaseUrl.split('?');
  const params = query.split('&').filter((param) => param && !param.startsWith('options='));
  params.push(`options=${encodeURIComponent(`-c search_path=${schema}`)}`);
  return `${base}?${params.join('&')}`;
}

/** Hides the password of a connection string for the report and the console. */
export function redactDatabaseUrl(databaseUrl) {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    url.search = '';
    return url.toString();
  } catch {
    return 'postgres (unparsable URL)';
  }
}

/** Creates an empty schema with a unique name and returns the name and the server version. */
export async function createBenchSchema(databaseUrl) {
  const schema = `cordon_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  return withClient(databaseUrl, async (client) => {
    await client.query(`CREATE SCHEMA "${schema}"`);
    const { rows } = await client.query('SHOW server_version');
    return { schema, serverVersion: rows[0].server_version };
  });
}

export async function dropBenchSchema(databaseUrl, schema) {
  await withClient(databaseUrl, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}
