import type { Webhook, WebhookChanges, WebhookKind, WebhookRequest } from '../../api/notifier.js';

/** Fields of the webhook dialog. URL and secret stay blank on edit, because the server never returns them. */
export interface WebhookForm {
  name: string;
  kind: WebhookKind;
  url: string;
  secret: string;
  /** On edit: remove the stored secret. */
  clearSecret: boolean;
  active: boolean;
}

export function emptyWebhookForm(): WebhookForm {
  return { name: '', kind: 'wecom', url: '', secret: '', clearSecret: false, active: true };
}

export function webhookFormOf(webhook: Webhook): WebhookForm {
  return { name: webhook.name, kind: webhook.kind, url: '', secret: '', clearSecret: false, active: webhook.active };
}

/** Tells whether the server accepts a URL: absolute, http or https, without a user name or password. */
export function isWebhookUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
}

export function webhookRequestOf(form: WebhookForm): WebhookRequest {
  const secret = form.secret.trim();
  return { name: form.name.trim(), kind: form.kind, url: form.url.trim(), ...(secret === '' ? {} : { secret }) };
}

/** Builds the changes of an edit: a blank URL or secret keeps the stored one, and a cleared secret is sent empty. */
export function webhookChangesOf(form: WebhookForm): WebhookChanges {
  const changes: WebhookChanges = { name: form.name.trim(), active: form.active };
  const url = form.url.trim();
  if (url !== '') changes.url = url;
  const secret = form.secret.trim();
  if (form.clearSecret) changes.secret = '';
  else if (secret !== '') changes.secret = secret;
  return changes;
}

/** Element Plus tag type of a delivery status. */
export function deliveryTagType(status: string): 'success' | 'danger' | 'info' {
  if (status === 'sent') return 'success';
  if (status === 'failed') return 'danger';
  return 'info';
}
