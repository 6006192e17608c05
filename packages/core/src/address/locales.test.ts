import { expect, test } from 'vitest';
import en from '../locales/en/address.json' with { type: 'json' };
import ja from '../locales/ja/address.json' with { type: 'json' };
import ko from '../locales/ko/address.json' with { type: 'json' };
import zhCN from '../locales/zh-CN/address.json' with { type: 'json' };
import { formatErrorMessage, LOCALES } from '../locales.js';
import { ADDRESS_ERROR_CODES } from './index.js';

const catalogues = { 'zh-CN': zhCN, en, ja, ko };

test.each(Object.entries(catalogues))('address messages %s cover every code', (_locale, catalogue) => {
  expect(Object.keys(catalogue.errors).sort()).toEqual([...ADDRESS_ERROR_CODES].sort());
});

test.each(Object.entries(catalogues))('address fields %s match zh-CN', (_locale, catalogue) => {
  expect(Object.keys(catalogue.fields).sort()).toEqual(Object.keys(zhCN.fields).sort());
});

test.each(LOCALES)('address message %s names field', (locale) => {
  for (const code of ADDRESS_ERROR_CODES) {
    const message = formatErrorMessage(locale, code, { field: 'room' });

    expect(message).toContain(catalogues[locale].fields.room);
    expect(message).not.toContain('{');
  }
});
