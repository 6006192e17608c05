import type { Page } from '../../api/addresses.js';
import { get } from '../../api/request.js';

/** Template codes of the server's SMS templates. */
export const SMS_TEMPLATES = ['declaration_link', 'declaration_code', 'declaration_reminder'] as const;
export type SmsTemplate = (typeof SMS_TEMPLATES)[number];

/** A message of the local outbox. The body is shown in full, links and codes included, and the phone only masked. */
export interface OutboxMessage {
  id: string;
  template: string;
  locale: string;
  nodeCode: string;
  nodeName: string;
  phoneMasked: string;
  body: string;
  status: string;
  createdAt: string;
}

export interface OutboxQuery {
  nodeCode?: string | undefined;
  template?: SmsTemplate | undefined;
  page?: number;
  pageSize?: number;
}

/** Lists the outbox of the administrator's jurisdiction, newest first (admin only). */
export function getSmsOutbox(query: OutboxQuery = {}): Promise<Page<OutboxMessage>> {
  return get<Page<OutboxMessage>>('/api/sms/outbox', { ...query });
}
