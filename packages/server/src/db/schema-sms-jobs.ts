/** Row types of the tables added by migration sms-jobs; merged into Database. */
export interface SmsJobsTables {
  sms_outbox: SmsOutboxTable;
}

export interface SmsOutboxTable {
  id: string;
  /** declaration_link, declaration_code, declaration_reminder */
  template: string;
  /** zh-CN, en, ja, ko */
  locale: string;
  node_code: string;
  /** AES-256-GCM of the 11-digit mobile number (crypto/field-encryption.ts). */
  phone_enc: string;
  /** Blind index of kind "phone", equal to persons.phone_index for the same number. */
  phone_index: string;
  phone_masked: string;
  /** AES-256-GCM of the rendered text, sign included. */
  body_enc: string;
  /** sent_locally */
  status: string;
  created_at: string;
}
