import { describe, expect, it } from 'vitest';
import { applicationNameOf, channelOf } from './pg-bus.js';

describe('channelOf', () => {
  it('names the schema when it fits', () => {
    expect(channelOf('public')).toBe('cordon_alerts_public');
  });

  it('hashes a long schema name', () => {
    const channel = channelOf(`tenant_${'x'.repeat(60)}`);
    expect(channel).toMatch(/^cordon_alerts_[0-9a-f]{32}$/);
    expect(channel.length).toBeLessThanOrEqual(63);
  });

  it('hashes a schema name with quotes or capitals', () => {
    expect(channelOf('Mixed"Case')).toMatch(/^cordon_alerts_[0-9a-f]{32}$/);
  });

  it('keeps schemas apart', () => {
    expect(channelOf(`a_${'x'.repeat(60)}`)).not.toBe(channelOf(`b_${'x'.repeat(60)}`));
  });
});

describe('applicationNameOf', () => {
  it('fits PostgreSQL identifiers', () => {
    expect(applicationNameOf(channelOf('public'))).toBe('cordon_alerts_public');
    expect(applicationNameOf('x'.repeat(80))).toHaveLength(63);
  });
});
