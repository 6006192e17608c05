import { describe, expect, it } from 'vitest';
import { choosePublicLocale, matchPublicLocale } from './locale-choice.js';

describe('matchPublicLocale', () => {
  it.each([
    ['ja', 'ja'],
    ['ja-JP', 'ja'],
    ['KO', 'ko'],
    ['ko_KR', 'ko'],
    ['en-GB', 'en'],
    ['zh', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    [['ko', 'en'], 'ko'],
  ])('reads %j as %s', (value, expected) => {
    expect(matchPublicLocale(value)).toBe(expected);
  });

  it.each(['fr', '', '  ', null, undefined, 42, []])('leaves %j to the next source', (value) => {
    expect(matchPublicLocale(value)).toBeUndefined();
  });
});

describe('choosePublicLocale', () => {
  it('takes ?lang= first', () => {
    expect(choosePublicLocale({ query: 'ko', saved: 'ja', preferred: 'en', browser: ['zh-CN'] })).toEqual({
      locale: 'ko',
      source: 'query',
    });
  });

  it('takes the saved choice before the person file', () => {
    expect(choosePublicLocale({ saved: 'ja', preferred: 'en', browser: ['zh-CN'] })).toEqual({ locale: 'ja', source: 'saved' });
  });

  it('takes the preferred language before the browser', () => {
    expect(choosePublicLocale({ saved: null, preferred: 'ko', browser: ['en-US'] })).toEqual({ locale: 'ko', source: 'preferred' });
  });

  it('skips an unknown ?lang=', () => {
    expect(choosePublicLocale({ query: 'fr', preferred: 'en', browser: [] })).toEqual({ locale: 'en', source: 'preferred' });
  });

  it('negotiates the browser languages', () => {
    expect(choosePublicLocale({ browser: ['fr-FR', 'ja-JP', 'en'] })).toEqual({ locale: 'ja', source: 'browser' });
  });

  it('falls back to zh-CN', () => {
    expect(choosePublicLocale({ preferred: null, browser: ['fr-FR'] })).toEqual({ locale: 'zh-CN', source: 'browser' });
    expect(choosePublicLocale({ browser: [] })).toEqual({ locale: 'zh-CN', source: 'browser' });
  });
});
