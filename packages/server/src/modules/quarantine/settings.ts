import { DEFAULT_NOTICE_PREFIXES, type NoticeKind, quarantineDaysOf } from '@cordon/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { findSetting } from '../settings/repository.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Settings key of the default length of a home quarantine in days (a JSON number, 14 when unset). */
export const QUARANTINE_DAYS_SETTING = 'quarantine.days';
/** Settings key of the document-number prefixes, a JSON object {"notice": "苏隔告", "release": "苏解隔"}. */
export const NOTICE_PREFIXES_SETTING = 'quarantine.noticePrefixes';

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads the default quarantine length; a missing or invalid setting gives 14 days. */
export async function loadQuarantineDays(db: Executor): Promise<number> {
  return quarantineDaysOf(parseJson(await findSetting(db, QUARANTINE_DAYS_SETTING)));
}

/** Reads the prefix of a kind of document number; a missing or blank entry gives the default. */
export async function loadNoticePrefix(db: Executor, kind: NoticeKind): Promise<string> {
  const value = parseJson(await findSetting(db, NOTICE_PREFIXES_SETTING));
  const prefix = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[kind] : undefined;
  return typeof prefix === 'string' && prefix.trim() !== '' ? prefix.trim().slice(0, 20) : DEFAULT_NOTICE_PREFIXES[kind];
}
