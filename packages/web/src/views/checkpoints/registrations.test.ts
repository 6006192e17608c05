import { describe, expect, it } from 'vitest';
import { defaultRegistrationFilters, plateFilterOf, rangeProblemOf, registrationQueryOf, statsQueryOf } from './registrations.js';

describe('registration filters', () => {
  it('open on the last seven days', () => {
    expect(defaultRegistrationFilters('2026-12-05').range).toEqual(['2026-11-29', '2026-12-05']);
  });

  it('leave empty filters out of the query', () => {
    expect(registrationQueryOf(defaultRegistrationFilters('2026-12-05'))).toEqual({
      from: '2026-11-29',
      to: '2026-12-05',
      checkpointId: undefined,
      disposition: undefined,
      riskLevel: undefined,
      mode: undefined,
      plate: undefined,
    });
  });

  it('send every chosen filter', () => {
    const filters = {
      range: ['2026-12-01', '2026-12-01'] as [string, string],
      checkpointId: 'c1',
      disposition: 'turned_back' as const,
      riskLevel: 'none' as const,
      mode: 'quick' as const,
      plate: ' 鄂a·123 ',
    };
    expect(registrationQueryOf(filters)).toEqual({
      from: '2026-12-01',
      to: '2026-12-01',
      checkpointId: 'c1',
      disposition: 'turned_back',
      riskLevel: 'none',
      mode: 'quick',
      plate: '鄂A123',
    });
    expect(statsQueryOf(filters)).toEqual({ from: '2026-12-01', to: '2026-12-01', checkpointId: 'c1' });
  });

  it('plate filter drops separators', () => {
    expect(plateFilterOf('苏e 12345')).toBe('苏E12345');
    expect(plateFilterOf('   ')).toBe('');
  });
});

describe('rangeProblemOf', () => {
  it('accepts up to 31 days', () => {
    expect(rangeProblemOf(['2026-12-05', '2026-12-05'])).toBeNull();
    expect(rangeProblemOf(['2026-11-05', '2026-12-05'])).toBeNull();
  });

  it('rejects a longer range', () => {
    expect(rangeProblemOf(['2026-11-04', '2026-12-05'])).toBe('tooLong');
  });

  it('rejects an end before the start', () => {
    expect(rangeProblemOf(['2026-12-05', '2026-12-04'])).toBe('order');
    expect(rangeProblemOf(['', '2026-12-04'])).toBe('order');
  });
});
