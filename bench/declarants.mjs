// Prepares the residents of the declaration benchmark straight in the
// database. Seeded files become arrivals of today, so they must declare, and
// each gets a personal link whose token stays in the benchmark's memory. The
// links are stored with the server's own token hash, as the API stores them.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

async function loadServerModules(rootDir) {
  const dist = path.join(rootDir, 'packages/server/dist');
  const load = (file) => import(pathToFileURL(path.join(dist, file)).href);
  const [server, token, statistics] = await Promise.all([
    load('index.js'),
    load('modules/declarations/links-token.js'),
    load('db/statistics.js'),
  ]);
  return { ...server, ...token, ...statistics };
}

/** Today's calendar day in China, as the server reads arrival dates. */
function chinaDay(now) {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Marks every person file as arrived today and gives each a link. Returns
 * the tokens of the first `tokenCount` links, for the load generator.
 */
export async function prepareDeclarants({ rootDir, databaseUrl, dataDir, secret, tokenCount, batchSize = 1000 }) {
  const modules = await loadServerModules(rootDir);
  const { master } = modules.loadMasterSecret(secret, dataDir);
  const keys = modules.deriveKeys(master);
  const handle = modules.openDatabase({ databaseUrl, dataDir });
  try {
    const now = new Date();
    await handle.db
      .updateTable('persons')
      .set({ arrival_date: chinaDay(now) })
      .execute();
    const persons = await handle.db.selectFrom('persons').select('id').orderBy('id').execute();

    const tokens = [];
    const expiresAt = new Date(now.getTime() + 14 * 86_400_000).toISOString();
    for (let first = 0; first < persons.length; first += batchSize) {
      const rows = persons.slice(first, first + batchSize).map((person) => {
        const token = modules.newLinkToken();
        if (tokens.length < tokenCount) tokens.push(token);
        return {
          id: randomUUID(),
          person_id: person.id,
          channel: 'sms_link',
          token_hash: modules.tokenHashOf(keys, token),
          created_by: null,
          created_at: now.toISOString(),
          expires_at: expiresAt,
          revoked_at: null,
          revoked_by: null,
          last_used_at: null,
        };
      });
      await handle.db.transaction().execute((trx) => trx.insertInto('declaration_links').values(rows).execute());
    }
    await modules.refreshPlannerStatistics(handle.db, ['persons', 'declaration_links']);
    return { declarants: persons.length, tokens };
  } finally {
    await handle.close();
  }
}
