import { formatErrorMessage, LOCALES } from '@cordon/core';
import { describe, expect, it } from 'vitest';
import { QUARANTINE_ERROR_STATUS } from '../../errors/catalog-quarantine.js';

const PARAMS = {
  quarantineId: 'q-1',
  startOn: '2026-12-01',
  plannedEndOn: '2026-12-14',
  earliest: '2026-11-01',
  latest: '2026-12-01',
  days: 30,
  min: 1,
  max: 60,
  day: '2026-12-01',
  maxDays: 62,
};

describe('quarantine error messages', () => {
  it.each(LOCALES)('%s has every code with its placeholders filled', (locale) => {
    for (const code of Object.keys(QUARANTINE_ERROR_STATUS)) {
      const message = formatErrorMessage(locale, code, { field: 'startOn', params: PARAMS });
      expect(message, code).not.toBe(code);
      expect(message, code).not.toMatch(/\{\w+\}/);
    }
  });
});
