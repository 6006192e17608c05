import type { Config } from '../config.js';
import type { ServiceContext } from '../context/types.js';
import { deriveKeys, type Keys, loadMasterSecret } from '../crypto/keys.js';
import { type DatabaseHandle, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { checkMasterSecret } from '../crypto/key-check.js';
import { createCommandEventBus } from '../events/default.js';
import { createDefaultSmsGateway } from '../sms/default.js';

export interface Runtime {
  database: DatabaseHandle;
  keys: Keys;
  services: ServiceContext;
  migrationsApplied: string[];
  secretSource: 'env' | 'file' | 'created';
}

/** Opens the database, applies pending migrations and loads the keys: what every command needs first. */
export async function openRuntime(config: Config): Promise<Runtime> {
  const { master, source } = loadMasterSecret(config.secret, config.dataDir);
  const keys = deriveKeys(master);
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const migrationsApplied = await migrateToLatest(database.db);
    await checkMasterSecret(database.db, keys);
    return {
      database,
      keys,
      services: {
        db: database.db,
        dbKind: database.kind,
        keys,
        config,
        events: createCommandEventBus(database),
        sms: createDefaultSmsGateway(database.db, keys),
        clock: () => new Date(),
      },
      migrationsApplied,
      secretSource: source,
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
