import { randomUUID } from 'node:crypto';
import { addCalendarDays } from '@cordon/core';
import type { DatabaseKind } from '../db/dialect.js';
import type { SmsMessage } from '../sms/gateway.js';
import { COMMUNITY_A, COMMUNITY_B, ROOT_ACTOR, createStaff, createTestGrid, loadGusu } from './fixtures.js';
import { createTestApp, request, type Session, type TestApp } from './harness.js';
import { chinaToday } from '../modules/persons/input.js';
import { registerPerson } from '../modules/persons/service.js';
import { testResidentId } from '../modules/persons/test-helpers.js';

/**
 * Today in China by the real clock. Arrival dates may not lie in the future
 * of the real clock, so the fixed test clocks are set on this day.
 */
export const TODAY = chinaToday();
export const YESTERDAY = addCalendarDays(TODAY, -1);

/** Returns the instant of a time of day in China, such as "09:59:59" on `day`. */
export function chinaTime(time: string, day = TODAY): Date {
  return new Date(`${day}T${time}+08:00`);
}

export interface FollowUpFixture {
  t: TestApp;
  gridA1: string;
  gridA2: string;
  staffA: Session;
  staffB: Session;
  gridWorkerA1: Session;
  gateGuardA: Session;
  /** Messages the recording gateway received, oldest first. */
  sms: SmsMessage[];
  /** Makes the next message sends throw, as a provider outage would. */
  failSms(on: boolean): void;
  setClock(instant: Date): void;
  get(session: Session | null, url: string): ReturnType<typeof request>;
  post(session: Session | null, url: string, payload: object): ReturnType<typeof request>;
  addPerson(options: { communityCode: string; gridCode?: string; arrivalDate?: string | null; phone?: string | null }): Promise<string>;
  declare(
    personId: string,
    windowKey: string,
    options?: { temperatureTenths?: number; symptoms?: string[]; late?: boolean },
  ): Promise<string>;
}

let documentSequence = 100;
let phoneSequence = 1000;

/**
 * Creates a test app with 姑苏区, two grids in community A, staff of A and B, a
 * recording SMS gateway and a clock the test sets.
 */
export async function createFollowUpFixture(kind: DatabaseKind): Promise<FollowUpFixture> {
  const t = await createTestApp(kind);
  await loadGusu(t.ctx);
  const gridA1 = (await createTestGrid(t.ctx, COMMUNITY_A, '一网格')).code;
  const gridA2 = (await createTestGrid(t.ctx, COMMUNITY_A, '二网格')).code;
  const staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
  const staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
  const gridWorkerA1 = (await createStaff(t.app, t.ctx, 'grid_worker', gridA1)).session;
  const gateGuardA = (await createStaff(t.app, t.ctx, 'gate_guard', COMMUNITY_A)).session;

  const sms: SmsMessage[] = [];
  let failing = false;
  t.ctx.sms = {
    async send(message) {
      if (failing) throw new Error('SMS provider unavailable');
      sms.push(message);
      return { messageId: randomUUID() };
    },
  };

  let now = chinaTime('08:00:00');
  t.ctx.clock = () => now;

  return {
    t,
    gridA1,
    gridA2,
    staffA,
    staffB,
    gridWorkerA1,
    gateGuardA,
    sms,
    failSms: (on) => {
      failing = on;
    },
    setClock: (instant) => {
      now = instant;
    },
    get: (session, url) => request(t.app, session, { method: 'GET', url, locale: 'en' }),
    post: (session, url, payload) => request(t.app, session, { method: 'POST', url, payload, locale: 'en' }),
    async addPerson(options) {
      documentSequence += 1;
      phoneSequence += 1;
      const phone = options.phone === undefined ? `1390000${String(phoneSequence).padStart(4, '0')}` : options.phone;
      const arrivalDate = options.arrivalDate === undefined ? addCalendarDays(TODAY, -2) : options.arrivalDate;
      const { person } = await registerPerson(t.ctx, ROOT_ACTOR, {
        name: `申报${documentSequence}`,
        documentNumber: testResidentId(documentSequence),
        communityCode: options.communityCode,
        ...(options.gridCode ? { gridCode: options.gridCode } : {}),
        ...(phone ? { phone } : {}),
        ...(arrivalDate ? { arrivalDate } : {}),
      });
      return person.id;
    },
    async declare(personId, windowKey, options = {}) {
      const person = await t.ctx.db
        .selectFrom('persons')
        .select(['community_code', 'grid_code'])
        .where('id', '=', personId)
        .executeTakeFirstOrThrow();
      const id = randomUUID();
      const temperatureTenths = options.temperatureTenths ?? 365;
      const symptoms = options.symptoms ?? ['none'];
      const declaredAt = now.toISOString();
      await t.ctx.db
        .insertInto('declarations')
        .values({
          id,
          person_id: personId,
          window_key: windowKey,
          window_day: windowKey.slice(0, 10),
          community_code: person.community_code,
          grid_code: person.grid_code,
          temperature_tenths: temperatureTenths,
          symptoms: JSON.stringify(symptoms),
          location: null,
          late: options.late ? 1 : 0,
          abnormal: temperatureTenths >= 373 || symptoms.some((symptom) => symptom !== 'none') ? 1 : 0,
          link_id: null,
          declared_at: declaredAt,
          updated_at: declaredAt,
          revision: 1,
        })
        .execute();
      return id;
    },
  };
}

export { COMMUNITY_A, COMMUNITY_B };
