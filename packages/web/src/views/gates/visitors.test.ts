import { describe, expect, it } from 'vitest';
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
