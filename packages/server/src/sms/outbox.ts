import { randomUUID } from 'node:crypto';
import { maskPhoneNumber, parsePhoneNumber } from '@cordon/core';
import type { Kysely } from 'kysely';
import type { BaseLogger } from 'pino';
import type { Keys } from '../crypto/keys.js';
import { encryptField } from '../crypto/field-encryption.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';
import { insertOutboxMessage } from '../modules/sms/repository.js';
import { phoneIndexOf } from '../modules/persons/input.js';
import type { SmsGateway, SmsMessage } from './gateway.js';
import { renderSmsTemplate } from './templates.js';

/** Status of a message the outbox gateway kept instead of sending. */
export const SENT_LOCALLY = 'sent_locally';

export type SmsLogger = Pick<BaseLogger, 'info' | 'error'>;

export interface OutboxGatewayOptions {
  logger: SmsLogger;
  clock: () => Date;
}

/** Parses the recipient; SMS reaches mobile numbers only, so a landline or service number is rejected. */
function parseMobile(input: string) {
  const parsed = parsePhoneNumber(input);
  if (!parsed.ok || parsed.value.kind !== 'mobile') throw new AppError('SMS_PHONE_NOT_MOBILE', 'phone');
  return parsed.value;
}

function renderOrLog(message: SmsMessage, logger: SmsLogger): string {
  try {
    return renderSmsTemplate(message.template, message.locale, message.params);
  } catch (error) {
    // Names the template and locale only: parameter values are links and codes.
    logger.error({ err: error, template: message.template, locale: message.locale }, 'SMS template rendering failed');
    throw error;
  }
}

/**
 * Creates the local SMS gateway. It renders each message and stores it in
 * sms_outbox (phone and body encrypted) instead of sending it, so developers
 * and test installations read the messages on the console's outbox page. It
 * logs one line per message with its id and template, never the phone or the body.
 */
export function createOutboxSmsGateway(db: Kysely<Database>, keys: Keys, options: OutboxGatewayOptions): SmsGateway {
  return {
    async send(message) {
      const body = renderOrLog(message, options.logger);
      const phone = parseMobile(message.phone);
      const id = randomUUID();
      await insertOutboxMessage(db, {
        id,
        template: message.template,
        locale: message.locale,
        node_code: message.nodeCode,
        phone_enc: encryptField(keys.fieldEncryption, phone.national),
        phone_index: phoneIndexOf(keys, phone),
        phone_masked: maskPhoneNumber(phone.national),
        body_enc: encryptField(keys.fieldEncryption, body),
        status: SENT_LOCALLY,
        created_at: options.clock().toISOString(),
      });
      options.logger.info({ smsId: id, template: message.template, nodeCode: message.nodeCode }, 'SMS stored in the local outbox');
      return { messageId: id };
    },
  };
}
