import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Config } from '../../config.js';
import type { DatabaseKind } from '../../db/dialect.js';
import { sha256Hex } from '../../crypto/tokens.js';
import { COMMUNITY_A, COMMUNITY_B, createStaff, loadGusu } from '../../testing/fixtures.js';
import { type Session, type TestApp, createTestApp, request } from '../../testing/harness.js';
import { generateDeviceKey } from '../devices/service.js';
import { testResidentId } from '../persons/test-helpers.js';

/** One compound of the fixture with a gate, a gate device key and four rooms. */
export interface FixtureCompound {
  id: string;
  communityCode: string;
  gateId: string;
  deviceId: string;
  deviceKey: string;
  /** Rooms 1-1-101, 1-1-102, 1-1-201, 1-1-202, in that order. */
  roomIds: string[];
  /** A resident of the first room. */
  residentId: string;
}

/**
 * A test app with 姑苏区 loaded and three compounds: A1 and A2 in community A,
 * B1 in community B. Staff: an admin, community staff of A and of B, and a
 * gate guard who manages A1 only (guardA1) and one who manages A2 only (guardA2).
 */
export interface GateFixture {
  t: TestApp;
  admin: Session;
  staffA: Session;
  staffB: Session;
  guardA1: { session: Session; userId: string };
  guardA2: { session: Session; userId: string };
  a1: FixtureCompound;
  a2: FixtureCompound;
  b1: FixtureCompound;
  send(
    session: Session | null,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ): ReturnType<typeof request>;
  /** Posts to the device API with a key (header X-Device-Key) and a raw or JSON body. */
  device(
    url: string,
    body: string | Buffer | object,
    options?: { key?: string | null; contentType?: string; locale?: string },
  ): Promise<LightMyRequestResponse>;
  /** Makes a person file in a room of a compound and returns its id. */
  createResident(compound: FixtureCompound, roomIndex: number, overrides?: object): Promise<string>;
}

let residentSequence = 600;

export async function createGateFixture(kind: DatabaseKind, overrides: Partial<Config> = {}): Promise<GateFixture> {
  const t = await createTestApp(kind, overrides);
  await loadGusu(t.ctx);
  const admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;
  const staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
  const staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
  const guardA1User = await createStaff(t.app, t.ctx, 'gate_guard', COMMUNITY_A);
  const guardA2User = await createStaff(t.app, t.ctx, 'gate_guard', COMMUNITY_A);

  const send = (session: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    request(t.app, session, { method, url, ...(payload ? { payload } : {}), locale: 'en' });

  const device: GateFixture['device'] = (url, body, options = {}) => {
    const json = typeof body === 'object' && !Buffer.isBuffer(body);
    return t.app.inject({
      method: 'POST',
      url,
      payload: json ? JSON.stringify(body) : body,
      headers: {
        'accept-language': options.locale ?? 'en',
        'content-type': options.contentType ?? 'application/json',
        ...(options.key ? { 'x-device-key': options.key } : {}),
      },
    });
  };

  async function createResident(
    compound: FixtureCompound | { id: string; communityCode: string; roomIds: string[] },
    roomIndex: number,
    overrides: object = {},
  ) {
    residentSequence += 1;
    const session = compound.communityCode === COMMUNITY_A ? staffA : staffB;
    const response = await send(session, 'POST', '/api/persons', {
      name: `住户${residentSequence}`,
      documentNumber: testResidentId(residentSequence),
      communityCode: compound.communityCode,
      roomId: compound.roomIds[roomIndex],
      ...overrides,
    });
    if (response.statusCode !== 201) throw new Error(`person creation failed with ${response.statusCode}: ${response.body}`);
    return response.json().person.id as string;
  }

  async function createCompound(name: string, communityCode: string, session: Session, managerId: string | null): Promise<FixtureCompound> {
    const created = await send(session, 'POST', '/api/addresses/compounds', { communityCode, name });
    if (created.statusCode !== 201) throw new Error(`compound creation failed with ${created.statusCode}: ${created.body}`);
    const compoundId = created.json().id as string;
    const generated = await send(session, 'POST', `/api/addresses/compounds/${compoundId}/generate`, {
      buildings: '1',
      units: '1',
      floors: '1-2',
      roomsPerFloor: '1-2',
    });
    if (generated.statusCode !== 200) throw new Error(`room generation failed with ${generated.statusCode}: ${generated.body}`);
    const rooms = await t.ctx.db
      .selectFrom('rooms')
      .innerJoin('units', 'units.id', 'rooms.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select('rooms.id')
      .where('buildings.compound_id', '=', compoundId)
      .orderBy('rooms.number')
      .execute();

    // Gates, devices and managers go straight into the tables, so the fixture does not depend on the console API it tests.
    const now = new Date().toISOString();
    const gateId = randomUUID();
    await t.ctx.db
      .insertInto('gates')
      .values({
        id: gateId,
        compound_id: compoundId,
        name: '东门',
        kind: 'both',
        active: 1,
        created_by: null,
        created_at: now,
        updated_by: null,
        updated_at: now,
      })
      .execute();
    const { key, keyPrefix } = generateDeviceKey();
    const deviceId = randomUUID();
    await t.ctx.db
      .insertInto('devices')
      .values({
        id: deviceId,
        name: `${name}东门道闸`,
        kind: 'gate',
        node_code: communityCode,
        key_hash: sha256Hex(key),
        key_prefix: keyPrefix,
        created_by: null,
        created_at: now,
        last_used_at: null,
        revoked_at: null,
        checkpoint_id: null,
        gate_id: gateId,
      })
      .execute();
    if (managerId) {
      await t.ctx.db
        .insertInto('compound_managers')
        .values({
          compound_id: compoundId,
          user_id: managerId,
          phone_enc: null,
          phone_masked: null,
          sms_alerts: 0,
          assigned_by: null,
          assigned_at: now,
        })
        .execute();
    }

    const partial = { id: compoundId, communityCode, roomIds: rooms.map((room) => room.id) };
    const residentId = await createResident(partial, 0);
    return { ...partial, gateId, deviceId, deviceKey: key, residentId };
  }

  const a1 = await createCompound('金色家园', COMMUNITY_A, staffA, guardA1User.user.id);
  const a2 = await createCompound('银杏苑', COMMUNITY_A, staffA, guardA2User.user.id);
  const b1 = await createCompound('枫桥新村', COMMUNITY_B, staffB, null);

  return {
    t,
    admin,
    staffA,
    staffB,
    guardA1: { session: guardA1User.session, userId: guardA1User.user.id },
    guardA2: { session: guardA2User.session, userId: guardA2User.user.id },
    a1,
    a2,
    b1,
    send,
    device,
    createResident,
  };
}
