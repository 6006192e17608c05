import { expect, test } from 'vitest';
import en from '../locales/en/credit-code.json' with { type: 'json' };
import ja from '../locales/ja/credit-code.json' with { type: 'json' };
import ko from '../locales/ko/credit-code.json' with { type: 'json' };
import zhCN from '../locales/zh-CN/credit-code.json' with { type: 'json' };
import { formatErrorMessage, LOCALES } from '../locales.js';
import { CREDIT_CODE_ERROR_CODES } from './index.js';

const catalogues = { 'zh-CN': zhCN, en, ja, ko };

test.each(Object.entries(catalogues))('credit code messages %s cover every code', (_locale, catalogue) => {
  expect(Object.keys(catalogue.errors).sort()).toEqual([...CREDIT_CODE_ERROR_CODES].sort());
});

test.each(Object.entries(catalogues))('credit code fields %s match zh-CN', (_locale, catalogue) => {
  expect(Object.keys(catalogue.fields).sort()).toEqual(Object.keys(zhCN.fields).sort());
});

test.each(LOCALES)('credit code message %s names field', (locale) => {
  const message = formatErrorMessage(locale, 'CREDIT_CODE_CHECKSUM_INVALID', { field: 'creditCode' });

  expect(message).toContain(catalogues[locale].fields.creditCode);
  expect(message).not.toContain('{');
});
