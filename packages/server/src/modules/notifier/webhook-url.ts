import { AppError } from '../../errors/app-error.js';

export const MAX_WEBHOOK_URL_LENGTH = 2000;

/** Parses a webhook URL: absolute, http or https, no user name or password in it. */
export function parseWebhookUrl(input: string, field = 'url'): URL {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('WEBHOOK_URL_INVALID', field);
  }
  if (text.length > MAX_WEBHOOK_URL_LENGTH || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    throw new AppError('WEBHOOK_URL_INVALID', field);
  }
  return url;
}

/**
 * Returns the URL for lists and logs: scheme and host only, because robot
 * URLs carry their access token in the path or the query
 * (…/robot/send?access_token=…, …/webhook/send?key=…).
 */
export function maskWebhookUrl(url: URL): string {
  const hidden = url.pathname !== '/' || url.search !== '' ? '/…' : '/';
  return `${url.protocol}//${url.host}${hidden}`;
}
