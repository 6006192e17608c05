import { expect, test } from 'vitest';
import en from '../locales/en/declaration.json' with { type: 'json' };
import ja from '../locales/ja/declaration.json' with { type: 'json' };
import ko from '../locales/ko/declaration.json' with { type: 'json' };
import zhCN from '../locales/zh-CN/declaration.json' with { type: 'json' };
import { formatErrorMessage, LOCALES } from '../locales.js';
import { DECLARATION_SYMPTOM_ERROR_CODES } from './symptoms.js';
import { DECLARATION_TEMPERATURE_ERROR_CODES } from './temperature.js';
import { DECLARATION_WINDOW_ERROR_CODES } from './windows.js';

const catalogues = { 'zh-CN': zhCN, en, ja, ko };
const CORE_CODES = [...DECLARATION_WINDOW_ERROR_CODES, ...DECLARATION_TEMPERATURE_ERROR_CODES, ...DECLARATION_SYMPTOM_ERROR_CODES];

test.each(Object.entries(catalogues))('declaration messages %s match zh-CN', (_locale, catalogue) => {
  expect(Object.keys(catalogue.errors).sort()).toEqual(Object.keys(zhCN.errors).sort());
  expect(Object.keys(catalogue.fields).sort()).toEqual(Object.keys(zhCN.fields).sort());
});

test('every core code has a message', () => {
  expect(CORE_CODES.filter((code) => !(code in zhCN.errors))).toEqual([]);
});

test.each(LOCALES)('temperature message %s names field and range', (locale) => {
  const message = formatErrorMessage(locale, 'DECLARATION_TEMPERATURE_OUT_OF_RANGE', {
    field: 'temperature',
    params: { min: '35.0', max: '42.0' },
  });

  // English messages start with a capital, so the label may be capitalised.
  expect(message.toLowerCase()).toContain(catalogues[locale].fields.temperature.toLowerCase());
  expect(message).toContain('42.0');
  expect(message).not.toContain('{');
});

test.each(LOCALES)('overlap message %s fills every placeholder', (locale) => {
  const message = formatErrorMessage(locale, 'DECLARATION_WINDOW_OVERLAP', {
    field: 'windows.1.start',
    params: { window: 2, other: 1, start: '09:00', end: '12:00' },
  });

  expect(message).toContain('09:00');
  expect(message).not.toContain('{');
});
