import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/harness.js';
import { createGateFixture, type GateFixture } from '../modules/gates/test-helpers.js';
import { anyPostDecided, simulateGates } from './simulate-gates.js';

describeEachDatabase('cordon simulate gates', (kind) => {
  let f: GateFixture;
  let url: string;
  beforeAll(async () => {
    f = await createGateFixture(kind);
    await f.t.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(f.t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => f.t.close());

  it('sends every format and summarises', async () => {
    const lines: string[] = [];
    const summaries = await simulateGates({
      url,
      keys: [f.a1.deviceKey],
      minutes: 120,
      speed: 200,
      formats: ['cordon', 'hikvision', 'dahua', 'vzenith', 'gat1400'],
      maxRealMs: 3_000,
      write: (line) => lines.push(line),
    });
    const total = Object.values(summaries).reduce((sum, summary) => sum + summary.sent, 0);
    expect(total).toBeGreaterThan(10);
    const decided = Object.values(summaries).reduce((sum, summary) => sum + summary.open + summary.deny, 0);
    expect(decided).toBeGreaterThan(0);
    expect(anyPostDecided(summaries)).toBe(true);
    expect(lines[0]).toContain('format');
    expect(lines).toHaveLength(6);
    const stored = await f.t.ctx.db.selectFrom('gate_events').select('format').where('compound_id', '=', f.a1.id).execute();
    expect(stored.length).toBe(decided);
  });

  it('says plainly when a wrong key made every post fail', async () => {
    const lines: string[] = [];
    const summaries = await simulateGates({
      url,
      keys: ['cdk_wrong_key'],
      minutes: 30,
      speed: 400,
      formats: ['cordon'],
      maxRealMs: 1_000,
      write: (line) => lines.push(line),
    });
    expect(lines.at(-1)).toContain('every post was rejected (DEVICE_KEY_INVALID');
    // The command then exits with 1, so a script sees the failure.
    expect(anyPostDecided(summaries)).toBe(false);
  });
});
