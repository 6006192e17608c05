import { chinaCalendarDate } from '@cordon/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A } from '../../testing/fixtures.js';
import { describeEachDatabase, request } from '../../testing/harness.js';
import { testResidentId } from '../persons/test-helpers.js';
import { type CheckpointFixture, createCheckpointFixture, quickRegistration } from './test-helpers.js';

const REGISTER = '/api/checkpoint-registrations';

/**
 * The registration path builds its response from the values it wrote and
 * keeps device keys, checkpoints and the risk list in memory for a few
 * seconds. These tests check that the response matches the stored
 * registration and that a change made on this instance applies at once.
 */
describeEachDatabase('checkpoint registration fast path', (kind) => {
  let f: CheckpointFixture;
  let sequence = 700;

  beforeAll(async () => {
    f = await createCheckpointFixture(kind);
  });
  afterAll(async () => f.t.close());

  const register = (payload: unknown, key = f.phoneKey) => f.phone('POST', REGISTER, payload, key);

  /** Builds a quick registration with its own plate and driver, so that no other test's registration is a duplicate. */
  function ownRegistration(overrides: Record<string, unknown> = {}) {
    sequence += 1;
    return quickRegistration(f.checkpointA, {
      plate: `苏E7${String(sequence).padStart(4, '0')}`,
      occupants: [{ role: 'driver', documentNumber: testResidentId(sequence, '19850101'), phone: '13800138000' }],
      ...overrides,
    });
  }

  it('quick response equals its resend', async () => {
    const body = ownRegistration();
    const first = await register(body);
    expect(first.statusCode).toBe(201);
    const resent = await register(body);
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toEqual(first.json());
  });

  it('detailed response equals its resend', async () => {
    sequence += 2;
    const body = ownRegistration({
      mode: 'detailed',
      plate: '鄂A71234',
      occupants: [
        { role: 'driver', name: '王驾驶', documentNumber: testResidentId(sequence, '19800101'), phone: '13800138001', temperature: 36.5 },
        { role: 'passenger', name: '李乘客', documentNumber: testResidentId(sequence + 1, '19900101'), symptoms: ['none'] },
      ],
      originRegionCode: '420106',
      destination: { communityCode: COMMUNITY_A, text: '3幢2单元1202' },
      travelHistory: [{ regionCode: '420100' }],
      purpose: 'return_home',
    });
    const first = await register(body);
    expect(first.statusCode, first.body).toBe(201);
    const registration = first.json().registration;
    expect(registration.destinationCommunityCode).toBe(COMMUNITY_A);
    expect(registration.destinationCommunityName).not.toBeNull();
    expect(registration.taskId).not.toBeNull();

    const resent = await register(body);
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toEqual(first.json());
  });

  it('risk entry applies to the next registration', async () => {
    const plate = '鄂B70001';
    const before = await register(ownRegistration({ plate }));
    expect(before.json().registration.riskLevel).toBeNull();

    const entry = { kind: 'plate_prefix', value: '鄂B', level: 'high', effectiveFrom: chinaCalendarDate(new Date()) };
    const created = await f.send(f.admin, 'POST', '/api/risk-regions', entry);
    expect(created.statusCode, created.body).toBe(201);
    const listed = await register(ownRegistration({ plate }));
    expect(listed.json().registration.riskLevel).toBe('high');
    expect(listed.json().registration.riskReasons).toEqual([{ subject: 'plate', regionCode: '鄂B', level: 'high' }]);

    const deleted = await request(f.t.app, f.admin, { method: 'DELETE', url: `/api/risk-regions/${created.json().id}` });
    expect(deleted.statusCode, deleted.body).toBeLessThan(300);
    const after = await register(ownRegistration({ plate }));
    expect(after.json().registration.riskLevel).toBeNull();
  });

  it('revoked key is rejected after a cached use', async () => {
    const { key, deviceId } = await f.enrolPhone(f.staffA, f.checkpointA, '缓存测试手机');
    expect((await register(ownRegistration(), key)).statusCode).toBe(201);

    const revoked = await f.send(f.staffA, 'POST', `/api/checkpoints/${f.checkpointA}/devices/${deviceId}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    const body = ownRegistration();
    const rejected = await register(body, key);
    expect(rejected.statusCode).toBe(401);
    expect(rejected.json().error.code).toBe('DEVICE_KEY_INVALID');
    const stored = await f.t.ctx.db.selectFrom('checkpoint_registrations').select('id').where('id', '=', body.id).execute();
    expect(stored).toEqual([]);
  });

  it('deactivated checkpoint is rejected after a cached use', async () => {
    const checkpointId = await f.createCheckpoint(f.staffA);
    const { key } = await f.enrolPhone(f.staffA, checkpointId);
    expect((await register(ownRegistration({ checkpointId }), key)).statusCode).toBe(201);

    const patched = await f.send(f.staffA, 'PATCH', `/api/checkpoints/${checkpointId}`, { active: false });
    expect(patched.statusCode, patched.body).toBe(200);
    const rejected = await register(ownRegistration({ checkpointId }), key);
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json().error.code).toBe('CHECKPOINT_INACTIVE');
  });

  it('duplicates list plate hits then document hits', async () => {
    sequence += 1;
    const plate = `苏E8${String(sequence).padStart(4, '0')}`;
    const document = testResidentId(sequence, '19750101');
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const driver = (documentNumber: string) => [{ role: 'driver', documentNumber, phone: '13800138000' }];

    const samePlate = ownRegistration({ plate, registeredAt: at(30) });
    const sameDocument = ownRegistration({ occupants: driver(document), registeredAt: at(20) });
    const both = ownRegistration({ plate, occupants: driver(document), registeredAt: at(10) });
    for (const body of [samePlate, sameDocument, both]) expect((await register(body)).statusCode).toBe(201);

    const latest = await register(ownRegistration({ plate, occupants: driver(document) }));
    const hits = latest.json().duplicates.map((hit: { registrationId: string; matchedBy: string }) => [hit.matchedBy, hit.registrationId]);
    expect(hits).toEqual([
      ['plate', both.id],
      ['plate', samePlate.id],
      ['document', both.id],
      ['document', sameDocument.id],
    ]);
  });
});
