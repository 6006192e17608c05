import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../testing/harness.js';
import { createGateFixture, type GateFixture } from './test-helpers.js';

describeEachDatabase('gate test fixture', (kind) => {
  let f: GateFixture;
  beforeAll(async () => {
    f = await createGateFixture(kind);
  });
  afterAll(async () => f.t.close());

  it('builds three compounds with a gate, a device and rooms each', () => {
    for (const compound of [f.a1, f.a2, f.b1]) {
      expect(compound.roomIds).toHaveLength(4);
      expect(compound.deviceKey).toMatch(/^cdk_/);
    }
  });
});
