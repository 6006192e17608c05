import { get, patch, post, request } from './request.js';

export const WEBHOOK_KINDS = ['wecom', 'dingtalk', 'generic'] as const;
/** Maximum length of a webhook's name, as the server checks it. */
export const MAX_WEBHOOK_NAME_LENGTH = 50;
/** WeChat Work robot, DingTalk robot, or a signed JSON post to any receiver. */
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

export interface WebhookDelivery {
  /** pending, sent or failed */
  status: string;
  /** Time of the last attempt, or null before the first. */
  at: string | null;
  statusCode: number | null;
}

/** An outgoing webhook of a compound or a jurisdiction. The URL and secret never come back in full. */
export interface Webhook {
  id: string;
  name: string;
  kind: WebhookKind;
  urlMasked: string;
  hasSecret: boolean;
  active: boolean;
  compoundId: string | null;
  nodeCode: string | null;
  lastDelivery: WebhookDelivery | null;
}

export interface WebhookRequest {
  name: string;
  kind: WebhookKind;
  url: string;
  secret?: string;
}

/** Fields left out stay as stored, and an empty secret removes the stored one. The kind is fixed once created. */
export interface WebhookChanges {
  name?: string;
  url?: string;
  secret?: string;
  active?: boolean;
}

export interface WebhookTestResult {
  statusCode: number;
}

export async function getCompoundWebhooks(compoundId: string): Promise<Webhook[]> {
  return (await get<{ items: Webhook[] }>('/api/notifier-webhooks', { compoundId })).items;
}

export function createWebhook(compoundId: string, webhook: WebhookRequest): Promise<Webhook> {
  return post<Webhook>('/api/notifier-webhooks', { compoundId, ...webhook });
}

export function updateWebhook(id: string, changes: WebhookChanges): Promise<Webhook> {
  return patch<Webhook>(`/api/notifier-webhooks/${id}`, changes);
}

export function deleteWebhook(id: string): Promise<void> {
  return request<void>('DELETE', `/api/notifier-webhooks/${id}`);
}

/** Sends a test message now; a failure comes back as an ApiError naming the cause. */
export function testWebhook(id: string): Promise<WebhookTestResult> {
  return post<WebhookTestResult>(`/api/notifier-webhooks/${id}/test`);
}
