import { expect, test } from 'vitest';
import en from '../locales/en/phone.json' with { type: 'json' };
import ja from '../locales/ja/phone.json' with { type: 'json' };
import ko from '../locales/ko/phone.json' with { type: 'json' };
import zhCN from '../locales/zh-CN/phone.json' with { type: 'json' };
import { formatErrorMessage, LOCALES } from '../locales.js';
import { PHONE_ERROR_CODES } from './index.js';

const catalogues = { 'zh-CN': zhCN, en, ja, ko };

test.each(Object.entries(catalogues))('phone messages %s cover every code', (_locale, catalogue) => {
  expect(Object.keys(catalogue.errors).sort()).toEqual([...PHONE_ERROR_CODES].sort());
});

test.each(Object.entries(catalogues))('phone fields %s match zh-CN', (_locale, catalogue) => {
  expect(Object.keys(catalogue.fields).sort()).toEqual(Object.keys(zhCN.fields).sort());
});

test.each(LOCALES)('phone message %s names field', (locale) => {
  const message = formatErrorMessage(locale, 'PHONE_AREA_CODE_MISSING', { field: 'phone' });

  expect(message).toContain(catalogues[locale].fields.phone);
  expect(message).not.toContain('{');
});
