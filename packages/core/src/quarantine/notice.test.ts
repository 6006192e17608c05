import { describe, expect, test } from 'vitest';
import { LOCALES } from '../locales.js';
import en from '../locales/en/quarantine.json' with { type: 'json' };
import ja from '../locales/ja/quarantine.json' with { type: 'json' };
import ko from '../locales/ko/quarantine.json' with { type: 'json' };
import zhCN from '../locales/zh-CN/quarantine.json' with { type: 'json' };
import { formatNoticeDate, formatNoticeNumber, type NoticeFacts, noticePageOf, noticePagesOf } from './notice.js';

const facts: NoticeFacts = {
  number: '苏隔告〔2026〕第000123号',
  name: '张三',
  documentMasked: '3205**********123X',
  address: '金色里程1幢1单元101室',
  community: '平江街道某社区',
  startOn: '2026-12-25',
  plannedEndOn: '2027-01-07',
  endedOn: '2027-01-07',
  days: 14,
  issuedOn: '2027-01-07',
};

describe('formatNoticeNumber', () => {
  test('pads the sequence to six digits', () => {
    expect(formatNoticeNumber('苏隔告', 2026, 123)).toBe('苏隔告〔2026〕第000123号');
  });

  test('keeps longer sequences whole', () => {
    expect(formatNoticeNumber('苏解隔', 2027, 1_234_567)).toBe('苏解隔〔2027〕第1234567号');
  });
});

describe('formatNoticeDate', () => {
  test.each([
    ['zh-CN', '2027年1月7日'],
    ['en', '2027-01-07'],
    ['ja', '2027年1月7日'],
    ['ko', '2027년 1월 7일'],
  ] as const)('%s writes %s', (locale, text) => {
    expect(formatNoticeDate(locale, '2027-01-07')).toBe(text);
  });
});

describe('noticePageOf', () => {
  test('fills the Chinese notice', () => {
    const page = noticePageOf('zh-CN', 'notice', facts);
    expect(page.title).toBe('居家隔离告知书');
    expect(page.translationNote).toBe('');
    expect(page.fields[0]).toEqual({ label: '文号', value: facts.number });
    expect(page.paragraphs[0]).toContain('2026年12月25日');
    expect(page.paragraphs[0]).toContain('2027年1月7日');
    expect(page.paragraphs[0]).toContain(facts.address);
    expect(page.requirements[0]).toMatch(/^1\. /);
  });

  test('release notice has the release day', () => {
    const page = noticePageOf('en', 'release', facts);
    expect(page.fields.map((field) => field.label)).toContain('Released on');
    expect(page.paragraphs[0]).toContain('as of 2027-01-07');
  });

  test.each(LOCALES)('%s leaves no placeholder', (locale) => {
    for (const kind of ['notice', 'release'] as const) {
      const page = noticePageOf(locale, kind, facts);
      const text = JSON.stringify(page);
      expect(text, kind).not.toMatch(/\{\w+\}/);
    }
  });
});

describe('noticePagesOf', () => {
  test.each([
    ['en', ['zh-CN', 'en']],
    ['ja', ['zh-CN', 'ja']],
    ['ko', ['zh-CN', 'ko']],
    ['zh-CN', ['zh-CN']],
    [null, ['zh-CN']],
    ['fr', ['zh-CN']],
  ])('preferred %j gives %j', (language, locales) => {
    expect(noticePagesOf('notice', facts, language).map((page) => page.locale)).toEqual(locales);
  });
});

describe('quarantine locale files', () => {
  const files = { 'zh-CN': zhCN, en, ja, ko };

  const keysOf = (value: unknown, prefix = ''): string[] => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => keysOf(item, prefix ? `${prefix}.${key}` : key));
  };

  test.each(LOCALES)('%s has the same keys as zh-CN', (locale) => {
    expect(keysOf(files[locale]).sort()).toEqual(keysOf(zhCN).sort());
  });

  test.each(LOCALES)('%s has as many requirements as zh-CN', (locale) => {
    expect(files[locale].notices.notice.requirements).toHaveLength(zhCN.notices.notice.requirements.length);
    expect(files[locale].notices.release.paragraphs).toHaveLength(zhCN.notices.release.paragraphs.length);
  });
});
