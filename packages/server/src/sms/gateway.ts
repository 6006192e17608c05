import type { Locale } from '@cordon/core';

/** A text message to one phone. The number lives only in memory and in the gateway's own store. */
export interface SmsMessage {
  /** Mainland mobile number, 11 digits. */
  phone: string;
  /** Template code, e.g. declaration_link, declaration_code, declaration_reminder. */
  template: string;
  /** Values for the template's placeholders. */
  params: Record<string, string>;
  locale: Locale;
  /** Jurisdiction the message is sent for, so the outbox can be scoped. */
  nodeCode: string;
}

export interface SmsReceipt {
  messageId: string;
}

/**
 * The interface to the SMS provider. Cordon ships a local gateway that keeps
 * messages in an outbox table for a console page. A provider's gateway
 * implements the same interface.
 */
export interface SmsGateway {
  send(message: SmsMessage): Promise<SmsReceipt>;
}
