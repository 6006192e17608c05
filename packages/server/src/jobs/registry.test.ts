import { describe, expect, it } from 'vitest';
import { listScheduledJobs } from './registry.js';

describe('scheduled job registry', () => {
  it('names every job once', () => {
    const names = listScheduledJobs().map((job) => job.name);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
  });
});
