import type { OutboxMessage, SmsTemplate } from './api.js';
import type { TableColumn } from '../../utils/table.js';

/** Milliseconds between automatic reloads of the outbox list. */
export const AUTO_REFRESH_MS = 10_000;

export const outboxColumns: TableColumn<OutboxMessage>[] = [
  { key: 'createdAt', labelKey: 'sms.fields.createdAt', kind: 'custom', width: 170, essential: true },
  { key: 'template', labelKey: 'sms.fields.template', kind: 'custom', width: 130 },
  { key: 'phoneMasked', prop: 'phoneMasked', labelKey: 'sms.fields.phone', kind: 'mono', width: 130 },
  { key: 'body', labelKey: 'sms.fields.body', kind: 'custom', minWidth: 320, essential: true },
  { key: 'locale', labelKey: 'sms.fields.locale', kind: 'custom', width: 90 },
  { key: 'node', labelKey: 'sms.fields.node', kind: 'custom', minWidth: 140 },
  { key: 'status', labelKey: 'sms.fields.status', kind: 'custom', width: 110 },
];

export interface OutboxFilters {
  template: SmsTemplate | '';
  nodeCode: string;
}

export function emptyOutboxFilters(): OutboxFilters {
  return { template: '', nodeCode: '' };
}

/** A piece of a message body: plain text, or a web link the page renders as an anchor. */
export interface BodySegment {
  text: string;
  href?: string;
}

// A link ends at whitespace or at full-width punctuation, which Chinese and Japanese texts put right after it.
const LINK = /https?:\/\/[^\s，。、！？；：（）「」【】]+/g;

/** Splits a body into text and http(s) links, so the developer can open a declaration link from the outbox. */
export function splitBodyLinks(body: string): BodySegment[] {
  const segments: BodySegment[] = [];
  let last = 0;
  for (const match of body.matchAll(LINK)) {
    const start = match.index;
    if (start > last) segments.push({ text: body.slice(last, start) });
    segments.push({ text: match[0], href: match[0] });
    last = start + match[0].length;
  }
  if (last < body.length) segments.push({ text: body.slice(last) });
  return segments;
}
