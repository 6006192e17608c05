import { LOCALES } from '@cordon/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decryptField } from '../crypto/field-encryption.js';
import { AppError } from '../errors/app-error.js';
import { COMMUNITY_A, loadGusu } from '../testing/fixtures.js';
import { createTestApp, describeEachDatabase, type TestApp } from '../testing/harness.js';
import type { SmsGateway } from './gateway.js';
import { createOutboxSmsGateway, SENT_LOCALLY } from './outbox.js';
import { readOutboxMessages } from './read-outbox.js';
import { placeholdersByLocale, renderSmsTemplate, SMS_TEMPLATES, SmsTemplateError } from './templates.js';

const PHONE = '13800000017';
const LINK = 'https://cordon.example/d/abc123';
const SIGN = '【社区防控】';

interface LogLine {
  level: 'info' | 'error';
  fields: Record<string, unknown>;
  message: string | undefined;
}

function captureLogger() {
  const lines: LogLine[] = [];
  const logger = {
    info: (fields: Record<string, unknown>, message?: string) => void lines.push({ level: 'info', fields, message }),
    error: (fields: Record<string, unknown>, message?: string) => void lines.push({ level: 'error', fields, message }),
  };
  return { lines, logger: logger as never };
}

describe('SMS templates', () => {
  it('render the link in every locale with the sign first', () => {
    const expected = {
      'zh-CN': `${SIGN}请点击链接填写今日健康申报（体温和症状）：${LINK} 此链接仅限本人使用，请勿转发。`,
      en: `${SIGN}Please fill in today's health declaration (temperature and symptoms): ${LINK} This link is for you only. Do not forward it.`,
      ja: `${SIGN}本日の健康申告（体温と症状）を次のリンクから入力してください：${LINK} このリンクはご本人専用です。転送しないでください。`,
      ko: `${SIGN}오늘의 건강 신고(체온 및 증상)를 다음 링크에서 작성해 주세요: ${LINK} 본인 전용 링크이므로 다른 사람에게 전달하지 마세요.`,
    };
    for (const locale of LOCALES) {
      expect(renderSmsTemplate('declaration_link', locale, { url: LINK })).toBe(expected[locale]);
    }
  });

  it('render the code and the reminder in every locale', () => {
    for (const locale of LOCALES) {
      const code = renderSmsTemplate('declaration_code', locale, { code: '482913', minutes: '10' });
      expect(code.startsWith(SIGN)).toBe(true);
      expect(code).toContain('482913');
      expect(code).toContain('10');
      const reminder = renderSmsTemplate('declaration_reminder', locale, { url: LINK, window: '07:00–10:00' });
      expect(reminder.startsWith(SIGN)).toBe(true);
      expect(reminder).toContain(LINK);
      expect(reminder).toContain('07:00–10:00');
    }
  });

  it('use the named variant when a name is given', () => {
    expect(renderSmsTemplate('declaration_link', 'zh-CN', { url: LINK, name: '张*' })).toBe(
      `${SIGN}张*，请点击链接填写今日健康申报（体温和症状）：${LINK} 此链接仅限本人使用，请勿转发。`,
    );
    expect(renderSmsTemplate('declaration_link', 'en', { url: LINK, name: '' })).not.toContain(',');
  });

  it('insert values without expanding braces in them', () => {
    const body = renderSmsTemplate('declaration_code', 'en', { code: '{minutes}', minutes: '5' });
    expect(body).toContain('code is {minutes}.');
  });

  it('throw on an unknown template', () => {
    expect(() => renderSmsTemplate('declaration_poem', 'en', { url: LINK })).toThrow(SmsTemplateError);
    expect(() => renderSmsTemplate('declaration_poem', 'en', { url: LINK })).toThrow(/"declaration_poem" does not exist/);
  });

  it('throw on a missing or empty parameter', () => {
    expect(() => renderSmsTemplate('declaration_code', 'ja', { code: '482913' })).toThrow(/missing the parameter minutes/);
    expect(() => renderSmsTemplate('declaration_reminder', 'ko', { url: '', window: '07:00–10:00' })).toThrow(/missing the parameter url/);
  });

  it('throw on an unknown locale', () => {
    expect(() => renderSmsTemplate('declaration_link', 'fr', { url: LINK })).toThrow(/locale "fr"/);
  });

  it('locale files have the same texts and placeholders', () => {
    const placeholders = placeholdersByLocale();
    for (const locale of LOCALES) {
      expect(placeholders[locale], locale).toEqual(placeholders['zh-CN']);
    }
    expect(Object.keys(placeholders['zh-CN']).filter((key) => !key.includes('+'))).toEqual([...SMS_TEMPLATES]);
  });
});

describeEachDatabase('SMS outbox gateway', (kind) => {
  let t: TestApp;
  let gateway: SmsGateway;
  let log: ReturnType<typeof captureLogger>;
  const now = new Date('2026-12-05T01:30:00.000Z');

  const countOutbox = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('sms_outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(() => {
    log = captureLogger();
    gateway = createOutboxSmsGateway(t.ctx.db, t.ctx.keys, { logger: log.logger, clock: () => now });
  });

  it('store a message with phone and body encrypted', async () => {
    const receipt = await gateway.send({
      phone: PHONE,
      template: 'declaration_link',
      params: { url: LINK },
      locale: 'en',
      nodeCode: COMMUNITY_A,
    });

    const row = await t.ctx.db.selectFrom('sms_outbox').selectAll().where('id', '=', receipt.messageId).executeTakeFirstOrThrow();
    expect(row.template).toBe('declaration_link');
    expect(row.locale).toBe('en');
    expect(row.node_code).toBe(COMMUNITY_A);
    expect(row.status).toBe(SENT_LOCALLY);
    expect(row.created_at).toBe(now.toISOString());
    expect(row.phone_masked).toBe('138****0017');
    expect(row.phone_enc).not.toContain(PHONE);
    expect(row.body_enc).not.toContain(LINK);
    expect(decryptField(t.ctx.keys.fieldEncryption, row.phone_enc)).toBe(PHONE);
    expect(decryptField(t.ctx.keys.fieldEncryption, row.body_enc)).toBe(renderSmsTemplate('declaration_link', 'en', { url: LINK }));
  });

  it('store the number as dialled in China', async () => {
    const receipt = await gateway.send({
      phone: '+86 138-0000-0018',
      template: 'declaration_code',
      params: { code: '482913', minutes: '10' },
      locale: 'zh-CN',
      nodeCode: COMMUNITY_A,
    });
    const row = await t.ctx.db
      .selectFrom('sms_outbox')
      .select(['phone_enc', 'phone_masked'])
      .where('id', '=', receipt.messageId)
      .executeTakeFirstOrThrow();
    expect(decryptField(t.ctx.keys.fieldEncryption, row.phone_enc)).toBe('13800000018');
    expect(row.phone_masked).toBe('138****0018');
  });

  it('log the id and template without phone or body', async () => {
    const receipt = await gateway.send({
      phone: PHONE,
      template: 'declaration_link',
      params: { url: LINK },
      locale: 'ja',
      nodeCode: COMMUNITY_A,
    });

    expect(log.lines).toHaveLength(1);
    const [line] = log.lines;
    expect(line?.level).toBe('info');
    expect(line?.fields).toEqual({ smsId: receipt.messageId, template: 'declaration_link', nodeCode: COMMUNITY_A });
    const text = JSON.stringify(line);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(LINK);
  });

  it('reject a missing parameter, log it, store nothing', async () => {
    const before = await countOutbox();
    const sending = gateway.send({
      phone: PHONE,
      template: 'declaration_code',
      params: { code: '482913' },
      locale: 'ko',
      nodeCode: COMMUNITY_A,
    });

    await expect(sending).rejects.toThrow(SmsTemplateError);
    expect(await countOutbox()).toBe(before);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]?.level).toBe('error');
    expect(log.lines[0]?.fields).toMatchObject({ template: 'declaration_code', locale: 'ko' });
    expect(JSON.stringify(log.lines[0]?.fields)).not.toContain('482913');
  });

  it('reject an unknown template and log it', async () => {
    await expect(
      gateway.send({ phone: PHONE, template: 'no_such_template', params: {}, locale: 'zh-CN', nodeCode: COMMUNITY_A }),
    ).rejects.toThrow(SmsTemplateError);
    expect(log.lines[0]?.fields).toMatchObject({ template: 'no_such_template' });
  });

  it('reject a landline with SMS_PHONE_NOT_MOBILE', async () => {
    const before = await countOutbox();
    const sending = gateway.send({
      phone: '0512-65223456',
      template: 'declaration_link',
      params: { url: LINK },
      locale: 'en',
      nodeCode: COMMUNITY_A,
    });

    await expect(sending).rejects.toBeInstanceOf(AppError);
    await expect(sending).rejects.toMatchObject({ code: 'SMS_PHONE_NOT_MOBILE', field: 'phone' });
    expect(await countOutbox()).toBe(before);
  });

  it('app default gateway writes the outbox', async () => {
    const receipt = await t.ctx.sms.send({
      phone: '13800000019',
      template: 'declaration_reminder',
      params: { url: LINK, window: '14:00–17:00' },
      locale: 'zh-CN',
      nodeCode: COMMUNITY_A,
    });

    const messages = await readOutboxMessages(t.ctx.db, t.ctx.keys, { phone: '13800000019' });
    expect(messages.map((message) => message.id)).toEqual([receipt.messageId]);
    expect(messages[0]?.body).toBe(`${SIGN}您尚未完成 14:00–17:00 时段的健康申报，请尽快点击链接填写：${LINK}`);
  });
});
