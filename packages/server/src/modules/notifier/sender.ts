import { DEFAULT_LOCALE } from '@cordon/core';
import { renderSmsTemplate } from '../../sms/templates.js';
import { dingtalkSignedUrl, genericSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signing.js';

export const WEBHOOK_KINDS = ['wecom', 'dingtalk', 'generic'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

/** A receiver that has not responded within this time counts as failed, and the delivery is tried again later. */
export const WEBHOOK_TIMEOUT_MS = 5_000;

export interface WebhookTarget {
  kind: WebhookKind;
  url: string;
  secret: string | null;
}

/** Alert fields a delivery sends: ids, codes, the plate and the rule's text, never names or phone numbers. */
export interface WebhookAlert {
  id: string;
  kind: string;
  severity: string;
  compoundId: string | null;
  compoundName: string | null;
  gateName: string | null;
  ruleKind: string | null;
  plateNumber: string | null;
  direction: string | null;
  eventCount: number | null;
  alertText: string | null;
  createdAt: string;
  /** The one line a robot posts in the group chat. */
  text: string;
}

export interface WebhookResult {
  ok: boolean;
  statusCode: number | null;
  /** Short cause of a failure for the delivery row and the log; never the URL or the response body. */
  error: string | null;
}

/** Renders the robot's line with the `gate_alert` SMS text, so the group reads what the managers' phones read. */
export function webhookLineOf(compound: string, gate: string, text: string): string {
  return renderSmsTemplate('gate_alert', DEFAULT_LOCALE, { compound: compound || '-', gate: gate || '-', text: text || '-' });
}

function robotBody(alert: WebhookAlert): string {
  return JSON.stringify({ msgtype: 'text', text: { content: alert.text } });
}

/** Builds the request of one delivery: URL, headers and body as each kind of receiver expects. */
export function buildWebhookRequest(target: WebhookTarget, alert: WebhookAlert, now: Date) {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Cordon-Notifier' };
  if (target.kind === 'generic') {
    const body = JSON.stringify({ alert });
    const timestamp = String(Math.floor(now.getTime() / 1000));
    headers[TIMESTAMP_HEADER] = timestamp;
    if (target.secret) headers[SIGNATURE_HEADER] = genericSignature(target.secret, timestamp, body);
    return { url: target.url, headers, body };
  }
  const url = target.kind === 'dingtalk' && target.secret ? dingtalkSignedUrl(target.url, target.secret, now.getTime()) : target.url;
  return { url, headers, body: robotBody(alert) };
}

/** Reads `errcode` of a WeChat Work or DingTalk reply: both respond with HTTP 200 and a non-zero errcode when they reject a message. */
async function robotErrorOf(response: Response): Promise<string | null> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { errcode?: unknown };
    return typeof parsed.errcode === 'number' && parsed.errcode !== 0 ? `errcode ${parsed.errcode}` : null;
  } catch {
    return null;
  }
}

function causeOf(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timed out';
  const code = (error as { cause?: { code?: unknown } })?.cause?.code;
  return typeof code === 'string' ? code : 'request failed';
}

/** Posts one delivery. It never throws, because the result reports what happened. */
export async function postWebhook(target: WebhookTarget, alert: WebhookAlert, now: Date): Promise<WebhookResult> {
  const request = buildWebhookRequest(target, alert, now);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    if (response.status < 200 || response.status >= 300) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, statusCode: response.status, error: `HTTP ${response.status}` };
    }
    const robotError = target.kind === 'generic' ? null : await robotErrorOf(response);
    if (target.kind === 'generic') await response.body?.cancel().catch(() => undefined);
    return robotError
      ? { ok: false, statusCode: response.status, error: robotError }
      : { ok: true, statusCode: response.status, error: null };
  } catch (error) {
    return { ok: false, statusCode: null, error: causeOf(error) };
  }
}
