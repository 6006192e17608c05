import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { DatabaseKind } from '../../db/dialect.js';
import { SUBDISTRICT_A, SUBDISTRICT_B, createStaff, loadGusu } from '../../testing/fixtures.js';
import { type Session, type TestApp, createTestApp, request } from '../../testing/harness.js';
import { testResidentId } from '../persons/test-helpers.js';

/**
 * A test app with 姑苏区 loaded, managers of two subdistricts, an officer of
 * each, a checkpoint in subdistrict A with officer A on its roster, and a
 * phone enrolled on it.
 */
export interface CheckpointFixture {
  t: TestApp;
  admin: Session;
  staffA: Session;
  staffB: Session;
  officerA: { session: Session; userId: string };
  officerB: { session: Session; userId: string };
  checkpointA: string;
  phoneKey: string;
  phoneId: string;
  send(session: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object): ReturnType<typeof request>;
  phone(method: 'GET' | 'POST', url: string, payload?: unknown, key?: string, locale?: string): Promise<LightMyRequestResponse>;
  createCheckpoint(session: Session, payload?: object): Promise<string>;
  enrolPhone(session: Session, checkpointId: string, deviceName?: string): Promise<{ key: string; deviceId: string }>;
}

export async function createCheckpointFixture(kind: DatabaseKind): Promise<CheckpointFixture> {
  const t = await createTestApp(kind);
  await loadGusu(t.ctx);
  const admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;
  const staffA = (await createStaff(t.app, t.ctx, 'subdistrict_staff', SUBDISTRICT_A)).session;
  const staffB = (await createStaff(t.app, t.ctx, 'subdistrict_staff', SUBDISTRICT_B)).session;
  const officerAUser = await createStaff(t.app, t.ctx, 'checkpoint_officer', SUBDISTRICT_A);
  const officerBUser = await createStaff(t.app, t.ctx, 'checkpoint_officer', SUBDISTRICT_B);

  const send = (session: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    request(t.app, session, { method, url, ...(payload ? { payload } : {}), locale: 'en' });
  const phone = (method: 'GET' | 'POST', url: string, payload?: unknown, key?: string, locale = 'en') =>
    t.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: { 'accept-language': locale, ...(key ? { 'x-device-key': key } : {}) },
    });

  let counter = 0;
  async function createCheckpoint(session: Session, payload: object = {}) {
    counter += 1;
    const body = { name: `卡口${counter}`, type: 'highway_exit', nodeCode: SUBDISTRICT_A, location: `G2 出口 ${counter}`, ...payload };
    const response = await send(session, 'POST', '/api/checkpoints', body);
    if (response.statusCode !== 201) throw new Error(`checkpoint creation failed with ${response.statusCode}: ${response.body}`);
    return response.json().id as string;
  }

  async function enrolPhone(session: Session, checkpointId: string, deviceName = '卡口手机') {
    const created = await send(session, 'POST', `/api/checkpoints/${checkpointId}/enrolments`, { deviceName });
    if (created.statusCode !== 201) throw new Error(`enrolment failed with ${created.statusCode}: ${created.body}`);
    const exchanged = await phone('POST', '/api/public/checkpoint-enrolments', { token: created.json().token });
    if (exchanged.statusCode !== 201) throw new Error(`exchange failed with ${exchanged.statusCode}: ${exchanged.body}`);
    return { key: exchanged.json().key as string, deviceId: exchanged.json().device.id as string };
  }

  const checkpointA = await createCheckpoint(staffA);
  const roster = await send(staffA, 'PUT', `/api/checkpoints/${checkpointA}/officers`, { userIds: [officerAUser.user.id] });
  if (roster.statusCode !== 200) throw new Error(`roster failed with ${roster.statusCode}: ${roster.body}`);
  officerOnDutyOf.set(checkpointA, officerAUser.user.id);
  const enrolled = await enrolPhone(staffA, checkpointA);

  return {
    t,
    admin,
    staffA,
    staffB,
    officerA: { session: officerAUser.session, userId: officerAUser.user.id },
    officerB: { session: officerBUser.session, userId: officerBUser.user.id },
    checkpointA,
    phoneKey: enrolled.key,
    phoneId: enrolled.deviceId,
    send,
    phone,
    createCheckpoint,
    enrolPhone,
  };
}

let sequence = 0;

/** Officer on the roster of each fixture checkpoint that has one: a phone must name the officer on duty there. */
const officerOnDutyOf = new Map<string, string>();

/**
 * Builds a quick registration at `checkpointId` with a new id and a made-up driver, naming the officer on
 * duty when the fixture put one on the checkpoint's roster. Overrides replace top-level fields.
 */
export function quickRegistration(checkpointId: string, overrides: Record<string, unknown> = {}) {
  sequence += 1;
  const officerOnDuty = officerOnDutyOf.get(typeof overrides.checkpointId === 'string' ? overrides.checkpointId : checkpointId);
  return {
    id: randomUUID(),
    checkpointId,
    ...(officerOnDuty ? { officerId: officerOnDuty } : {}),
    mode: 'quick',
    registeredAt: new Date(Date.now() - 60_000).toISOString(),
    plate: '苏E12345',
    occupants: [{ role: 'driver', documentNumber: testResidentId(100 + (sequence % 800), '19800101'), phone: '13800138000' }],
    disposition: 'pass',
    ...overrides,
  };
}
