import { describe, expect, test } from 'vitest';
import { LOCALES, formatErrorMessage } from '../locales.js';
import en from '../locales/en/regions.json' with { type: 'json' };
import ja from '../locales/ja/regions.json' with { type: 'json' };
import ko from '../locales/ko/regions.json' with { type: 'json' };
import zhCN from '../locales/zh-CN/regions.json' with { type: 'json' };
import { REGION_ERROR_CODES } from './codes.js';

const files = { 'zh-CN': zhCN, en, ja, ko };

describe('regions locale files', () => {
  test.each(LOCALES)('%s has the same keys as zh-CN', (locale) => {
    expect(Object.keys(files[locale].errors).sort()).toEqual(Object.keys(zhCN.errors).sort());
    expect(Object.keys(files[locale].fields).sort()).toEqual(Object.keys(zhCN.fields).sort());
  });

  test('zh-CN has a message for every error code', () => {
    expect(Object.keys(zhCN.errors).sort()).toEqual([...REGION_ERROR_CODES].sort());
  });

  test.each(LOCALES)('%s messages are formatted', (locale) => {
    for (const code of REGION_ERROR_CODES) {
      const message = formatErrorMessage(locale, code);
      expect(message, code).not.toBe(code);
      expect(message, code).not.toMatch(/\{\w+\}/);
    }
  });
});
