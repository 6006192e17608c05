import { expect, test } from 'vitest';
import en from '../locales/en/identity.json' with { type: 'json' };
import ja from '../locales/ja/identity.json' with { type: 'json' };
import ko from '../locales/ko/identity.json' with { type: 'json' };
import zhCN from '../locales/zh-CN/identity.json' with { type: 'json' };
import { formatErrorMessage, LOCALES } from '../locales.js';
import { IDENTITY_ERROR_CODES } from './index.js';

const catalogues = { 'zh-CN': zhCN, en, ja, ko };

test.each(Object.entries(catalogues))('identity messages %s cover every code', (_locale, catalogue) => {
  expect(Object.keys(catalogue.errors).sort()).toEqual([...IDENTITY_ERROR_CODES].sort());
});

test.each(Object.entries(catalogues))('identity fields %s match zh-CN', (_locale, catalogue) => {
  expect(Object.keys(catalogue.fields).sort()).toEqual(Object.keys(zhCN.fields).sort());
});

test.each(LOCALES)('identity message %s names field', (locale) => {
  const message = formatErrorMessage(locale, 'ID_NUMBER_CHECKSUM_INVALID', { field: 'idNumber' });

  expect(message).toContain(catalogues[locale].fields.idNumber);
  expect(message).not.toContain('{');
});
