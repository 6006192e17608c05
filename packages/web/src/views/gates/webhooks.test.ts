import { describe, expect, it } from 'vitest';
import type { Webhook } from '../../api/notifier.js';
import { emptyWebhookForm, isWebhookUrl, webhookChangesOf, webhookFormOf, webhookRequestOf } from './webhooks.js';

const stored: Webhook = {
  id: 'w1',
  name: '物业值班群',
  kind: 'dingtalk',
  urlMasked: 'https://oapi.dingtalk.com/robot/send?access_token=****',
  hasSecret: true,
  active: true,
  compoundId: 'c1',
  nodeCode: null,
  lastDelivery: null,
};

describe('webhook form', () => {
  it('accepts http and https only', () => {
    expect(isWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x')).toBe(true);
    expect(isWebhookUrl('http://127.0.0.1:8080/hook')).toBe(true);
    expect(isWebhookUrl('ftp://example.com/')).toBe(false);
    expect(isWebhookUrl('example.com/hook')).toBe(false);
    expect(isWebhookUrl('https://user:pass@example.com/hook')).toBe(false);
  });

  it('new webhook without secret', () => {
    const form = { ...emptyWebhookForm(), name: ' 值班群 ', url: ' https://a.example/hook ' };
    expect(webhookRequestOf(form)).toEqual({ name: '值班群', kind: 'wecom', url: 'https://a.example/hook' });
  });

  it('edit keeps blank URL and secret', () => {
    const changes = webhookChangesOf(webhookFormOf(stored));
    expect(changes).toEqual({ name: '物业值班群', active: true });
  });

  it('edit clears the secret', () => {
    const changes = webhookChangesOf({ ...webhookFormOf(stored), secret: 'typed', clearSecret: true });
    expect(changes.secret).toBe('');
  });

  it('edit replaces URL and secret', () => {
    const changes = webhookChangesOf({ ...webhookFormOf(stored), url: 'https://b.example/', secret: 'SEC123' });
    expect(changes).toMatchObject({ url: 'https://b.example/', secret: 'SEC123' });
  });
});
