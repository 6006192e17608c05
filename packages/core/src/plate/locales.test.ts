import { describe, expect, it } from 'vitest';
import en from '../locales/en/plate.json' with { type: 'json' };
import ja from '../locales/ja/plate.json' with { type: 'json' };
import ko from '../locales/ko/plate.json' with { type: 'json' };
import zhCN from '../locales/zh-CN/plate.json' with { type: 'json' };
import { PLATE_ERROR_CODES } from './types.js';

const LOCALE_FILES = { 'zh-CN': zhCN, en, ja, ko };
const LOCALES = Object.entries(LOCALE_FILES);

describe('plate locale files', () => {
  it.each(LOCALES)('%s has a message for every error code', (_locale, messages) => {
    expect(Object.keys(messages.errors).sort()).toEqual([...PLATE_ERROR_CODES].sort());
  });

  it.each(LOCALES)('%s has the same field labels as zh-CN', (_locale, messages) => {
    expect(Object.keys(messages.fields).sort()).toEqual(Object.keys(zhCN.fields).sort());
  });

  it.each(LOCALES)('%s names the field in every message', (_locale, messages) => {
    for (const [code, message] of Object.entries(messages.errors)) {
      expect(message, code).toContain('{field}');
    }
  });
});
