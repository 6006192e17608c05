import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../testing/harness.js';
import { cordonPost } from './formats/samples.js';
import { createGateFixture, type GateFixture } from './test-helpers.js';

const PROXY_ADDRESS = '10.4.0.1';

describeEachDatabase('device rate limit', (kind) => {
  let f: GateFixture;

  beforeAll(async () => {
    f = await createGateFixture(kind, { publicRateLimit: 3, deviceRateLimit: 4 });
  });
  afterAll(async () => f.t.close());

  function camera(key: string, options: { inQuery?: boolean } = {}) {
    const sample = cordonPost({ kind: 'plate', plate: '苏E12345' });
    return f.t.app.inject({
      method: 'POST',
      url: options.inQuery ? `/api/gate-events?key=${encodeURIComponent(key)}` : '/api/gate-events',
      payload: sample.body,
      remoteAddress: PROXY_ADDRESS,
      headers: { 'content-type': sample.contentType, ...(options.inQuery ? {} : { 'x-device-key': key }) },
    });
  }

  it('camera passes when public bucket is exhausted', async () => {
    const publicStatuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await f.t.app.inject({
        method: 'GET',
        url: `/api/public/visitor-confirmations/${'x'.repeat(43)}`,
        remoteAddress: PROXY_ADDRESS,
      });
      publicStatuses.push(response.statusCode);
    }
    expect(publicStatuses.at(-1)).toBe(429);

    const withHeader = await camera(f.a1.deviceKey);
    expect(withHeader.statusCode).toBe(200);
    const withQuery = await camera(f.a2.deviceKey, { inQuery: true });
    expect(withQuery.statusCode).toBe(200);
  });

  it('each device key has its own bucket', async () => {
    // A1's key used one request above; three more fill its bucket of four.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await camera(f.a1.deviceKey)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await camera(f.b1.deviceKey)).statusCode).toBe(200);
  });

  it('made-up key counts against the address', async () => {
    const response = await f.t.app.inject({
      method: 'GET',
      url: '/api/checkpoint-phone/context',
      remoteAddress: PROXY_ADDRESS,
      headers: { 'x-device-key': 'cdk_madeup00_' + 'z'.repeat(43) },
    });
    expect(response.statusCode).toBe(429);
    const gatePost = await camera('cdk_madeup00_' + 'z'.repeat(43));
    expect(gatePost.statusCode).toBe(429);
  });
});
