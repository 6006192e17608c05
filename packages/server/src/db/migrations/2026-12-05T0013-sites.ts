import type { Kysely } from 'kysely';

// Frozen in time once landed: this file never imports application code.
// TODO: the sites helper fills this migration.

export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
