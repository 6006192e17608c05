export { buildApp, type AppOptions } from './app.js';
export { loadConfig, type Config } from './config.js';
export { openDatabase, type DatabaseHandle } from './db/database.js';
export { migrateToLatest } from './db/migrate.js';
export { deriveKeys, loadMasterSecret } from './crypto/keys.js';
