import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import enVisitors from '../../locales/en/visitors.json';
import zhVisitors from '../../locales/zh-CN/visitors.json';
import { countByStatus } from './visitors.js';

describe('countByStatus', () => {
  it('counts every status', () => {
    const counts = countByStatus([{ status: 'waiting' }, { status: 'refused' }, { status: 'waiting' }]);
    expect(counts).toEqual({ waiting: 2, confirmed: 0, declined: 0, refused: 1, expired: 0 });
  });

  it('empty list counts zero', () => {
    expect(Object.values(countByStatus([]))).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('visitor total', () => {
  const i18n = createI18n({ legacy: false, locale: 'en', messages: { en: { visitors: enVisitors }, 'zh-CN': { visitors: zhVisitors } } });
  const { t } = i18n.global;

  it('uses singular for one visitor', () => {
    expect(t('visitors.total', { count: 1 }, 1)).toBe('1 visitor');
  });

  it('uses plural for other counts', () => {
    expect(t('visitors.total', { count: 0 }, 0)).toBe('0 visitors');
    expect(t('visitors.total', { count: 2 }, 2)).toBe('2 visitors');
  });

  it('has one form in Chinese', () => {
    expect(t('visitors.total', { count: 1 }, { locale: 'zh-CN', plural: 1 })).toBe('共 1 人');
  });
});
