import { randomUUID } from 'node:crypto';
import { type Locale, parsePhoneNumber, type WindowOccurrence } from '@cordon/core';
import type { Transaction } from 'kysely';
import type { Actor, Scope, ServiceContext } from '../../context/types.js';
import { decryptField } from '../../crypto/field-encryption.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { localeOf } from './links.js';
import { issueReminderLink } from './reminders-links.js';
import * as repo from './follow-up-repository.js';
import { type FollowUpTarget, resolveFollowUpTarget, windowResultOf } from './follow-up.js';
import { followUpWindowAt, isFollowUpWindow } from './follow-up-windows.js';
import { MAX_REMINDERS_PER_REQUEST, type ReminderInput, type ReminderOutcome } from './schemas.js';

type Skipped = ReminderOutcome['skipped'];

/** Persons reminded per transaction. */
const REMINDER_CHUNK = 200;

interface Recipient {
  personId: string;
  /** Mobile number, 11 digits; held in memory only. */
  phone: string;
  locale: Locale;
  communityCode: string;
  gridCode: string | null;
}

interface Reserved extends Recipient {
  reminderId: string;
  url: string;
}

/** Origin of a reminder request: a staff member, or the reminder job (an actor without a user). */
export interface ReminderSource {
  actor: Actor;
  /** Origin of the public pages, "https://cordon.example.cn", for the link in the message. */
  publicOrigin: string;
  /** Logger of the request; the job reports failures through its thrown error instead. */
  log?: { error(details: object, message: string): void };
}

function emptySkipped(): Skipped {
  return { declared: 0, alreadyReminded: 0, notRequired: 0, noPhone: 0, failed: 0 };
}

/** Window text of the message, "07:00–10:00", the same in every language. */
function windowTextOf(window: WindowOccurrence): string {
  return `${window.start}–${window.end}`;
}

/**
 * Stores one reminder row per person (the unique row of person and window is
 * the once-per-window limit), a fresh declaration link and an audit entry.
 * A person reminded by a concurrent request in the meantime is skipped.
 */
async function reserveReminders(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  source: ReminderSource,
  window: WindowOccurrence,
  recipients: Recipient[],
  now: string,
) {
  const reserved: Reserved[] = [];
  let raced = 0;
  for (const recipient of recipients) {
    const reminderId = randomUUID();
    const inserted = await trx
      .insertInto('declaration_reminders')
      .values({ id: reminderId, person_id: recipient.personId, window_key: window.key, sent_by: source.actor.userId, sent_at: now })
      .onConflict((conflict) => conflict.columns(['person_id', 'window_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      raced += 1;
      continue;
    }
    const url = await issueReminderLink(trx, ctx, recipient.personId, source, now);
    await recordAudit(
      trx,
      ctx,
      source.actor,
      {
        action: 'declaration.remind',
        entityType: 'person',
        entityId: recipient.personId,
        nodeCode: recipient.gridCode ?? recipient.communityCode,
        fields: ['phone'],
      },
      now,
    );
    reserved.push({ ...recipient, reminderId, url });
  }
  return { reserved, raced };
}

/**
 * Sends the messages after the commit, because the outbox gateway writes
 * through its own connection. A message the gateway rejects frees its
 * reminder row, so that a later request can try again.
 */
async function deliver(ctx: ServiceContext, source: ReminderSource, window: WindowOccurrence, reserved: Reserved[]) {
  let failed = 0;
  for (const reminder of reserved) {
    try {
      await ctx.sms.send({
        phone: reminder.phone,
        template: 'declaration_reminder',
        params: { url: reminder.url, window: windowTextOf(window) },
        locale: reminder.locale,
        nodeCode: reminder.gridCode ?? reminder.communityCode,
      });
    } catch (error) {
      failed += 1;
      await ctx.db.deleteFrom('declaration_reminders').where('id', '=', reminder.reminderId).execute();
      // Only ids go to the log, because the message contains a link, which is a credential.
      source.log?.error({ err: error, personId: reminder.personId, windowKey: window.key }, 'declaration reminder not sent');
    }
  }
  return failed;
}

/** Reads the mobile number of a file; null without a phone or with a landline, which cannot receive SMS. */
function mobileNumberOf(ctx: ServiceContext, phoneEnc: string | null): string | null {
  if (phoneEnc === null) return null;
  const parsed = parsePhoneNumber(decryptField(ctx.keys.fieldEncryption, phoneEnc));
  return parsed.ok && parsed.value.kind === 'mobile' ? parsed.value.national : null;
}

/**
 * Sends a reminder to every person given (or every missing person of the
 * target) who must declare, has not, and was not reminded yet, up to `limit`
 * persons. Transactions cover REMINDER_CHUNK persons each, so a large run
 * holds no long lock.
 */
export async function remindMissing(
  ctx: ServiceContext,
  source: ReminderSource,
  target: Pick<FollowUpTarget, 'scope' | 'window' | 'obligation' | 'windows'>,
  options: { personIds?: string[]; limit?: number } = {},
): Promise<ReminderOutcome> {
  const { personIds, limit = MAX_REMINDERS_PER_REQUEST } = options;
  const { scope, window, obligation, windows } = target;
  const skipped = emptySkipped();
  const candidates = await repo.listUnremindedMissing(ctx.db, scope, window.key, obligation, personIds);

  if (personIds) {
    const unique = new Set(personIds);
    const { declared, reminded } = await repo.findDeclaredAndReminded(ctx.db, [...unique], window.key);
    skipped.declared = declared.size;
    skipped.alreadyReminded = [...reminded].filter((id) => !declared.has(id)).length;
    skipped.notRequired = unique.size - candidates.length - skipped.declared - skipped.alreadyReminded;
  } else {
    const counts = await repo.countFollowUp(ctx.db, scope, window.key, obligation);
    skipped.alreadyReminded = Number(counts.reminded);
  }

  const withPhone: Recipient[] = [];
  for (const row of candidates) {
    const phone = mobileNumberOf(ctx, row.phone_enc);
    if (phone === null) {
      skipped.noPhone += 1;
      continue;
    }
    withPhone.push({
      personId: row.id,
      phone,
      locale: localeOf(row.preferred_language),
      communityCode: row.community_code,
      gridCode: row.grid_code,
    });
  }
  const batch = withPhone.slice(0, limit);

  let sent = 0;
  for (let start = 0; start < batch.length; start += REMINDER_CHUNK) {
    const chunk = batch.slice(start, start + REMINDER_CHUNK);
    const now = ctx.clock().toISOString();
    const { reserved, raced } = await ctx.db.transaction().execute((trx) => reserveReminders(trx, ctx, source, window, chunk, now));
    const failed = await deliver(ctx, source, window, reserved);
    skipped.alreadyReminded += raced;
    skipped.failed += failed;
    sent += reserved.length - failed;
  }

  return {
    window: windowResultOf(windows, window, ctx.clock()),
    sent,
    skipped,
    remaining: withPhone.length - batch.length,
  };
}

/** Handles a staff request: checks the node, the window and the persons, then reminds. */
export async function sendReminders(ctx: ServiceContext, source: ReminderSource, input: ReminderInput): Promise<ReminderOutcome> {
  const target = await resolveFollowUpTarget(ctx, source.actor, input.nodeCode, input.window);
  // A declaration sent now lands in the open window or, between windows, in the last closed one.
  // A reminder for any other window would request a declaration that cannot be stored for it.
  const now = ctx.clock();
  if (!isFollowUpWindow(target.windows, target.window, now)) {
    const current = followUpWindowAt(target.windows, now).key;
    throw new AppError('DECLARATION_REMINDER_WINDOW_NOT_CURRENT', 'window', { value: target.window.key, current });
  }
  if (input.personIds) await requirePersonsInScope(ctx, target.scope, input.personIds);
  return remindMissing(ctx, source, target, { personIds: input.personIds });
}

/** Rejects the whole request with 404 when any person is outside the scope, so nothing reveals which ids exist elsewhere. */
async function requirePersonsInScope(ctx: ServiceContext, scope: Scope, personIds: string[]) {
  const found = await repo.findPersonIdsInScope(ctx.db, scope, personIds);
  if (personIds.some((id) => !found.has(id))) throw new AppError('PERSON_NOT_FOUND', 'personIds');
}
