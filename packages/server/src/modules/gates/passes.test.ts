import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutboxMessages } from '../../sms/read-outbox.js';
import { describeEachDatabase } from '../../testing/harness.js';
import { checkPassCode, paperPassCode, parsePassCode } from './pass-code.js';
import { PASSES_PER_PAGE } from './paper-pass-pdf.js';
import { passSecretOf } from './passes.js';
import { MAX_CARD_INPUT_LENGTH } from './passes-input.js';
import { findPass } from './passes-repository.js';
import { createGateFixture, type GateFixture } from './test-helpers.js';

describeEachDatabase('gate admin: access passes', (kind) => {
  let f: GateFixture;

  beforeAll(async () => {
    f = await createGateFixture(kind);
  });
  afterAll(async () => f.t.close());

  const passesUrl = (compoundId: string) => `/api/gate-admin/compounds/${compoundId}/passes`;

  async function issue(compound: GateFixture['a1'], personId: string, extra: object = {}) {
    const response = await f.send(f.staffA, 'POST', passesUrl(compound.id), { personId, ...extra });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; serial: string; status: string; cardNumber: string | null; revokedReason: string | null };
  }

  async function passRow(id: string) {
    const row = await findPass(f.t.ctx.db, id);
    if (!row) throw new Error('pass not found');
    return row;
  }

  async function auditOf(id: string) {
    return f.t.ctx.db.selectFrom('audit_log').select(['action', 'fields', 'reason']).where('entity_id', '=', id).orderBy('seq').execute();
  }

  describe('issue', () => {
    it('issues a pass with the next serial, a masked name and an audit row', async () => {
      const response = await f.send(f.guardA1.session, 'POST', passesUrl(f.a1.id), { personId: f.a1.residentId, cardNumber: 'a1-b2 c3d4' });
      expect(response.statusCode).toBe(201);
      const pass = response.json();
      expect(pass).toMatchObject({
        personId: f.a1.residentId,
        status: 'active',
        cardNumber: 'A1B2C3D4',
        linkSent: false,
        validUntil: null,
      });
      expect(pass.serial).toMatch(/^A\d{7}$/);
      expect(pass.personName).toMatch(/^住\*+$/);
      expect(pass.roomText).toContain('金色家园');

      const row = await passRow(pass.id);
      expect(row.secret_enc).not.toBe('');
      const audit = await auditOf(pass.id);
      expect(audit.map((entry) => entry.action)).toEqual(['pass.issue']);
      expect(JSON.parse(audit[0]?.fields ?? '[]')).toEqual(['personId', 'serial', 'cardNumber']);
      expect(audit[0]?.fields).not.toContain('A1B2');

      const second = await issue(f.a1, await f.createResident(f.a1, 1));
      expect(Number(second.serial.slice(1))).toBe(Number(pass.serial.slice(1)) + 1);
    });

    it('rejects a second active pass, a resident elsewhere and a taken card', async () => {
      const again = await f.send(f.staffA, 'POST', passesUrl(f.a1.id), { personId: f.a1.residentId });
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toMatchObject({ code: 'PASS_ALREADY_ACTIVE', field: 'personId' });

      const elsewhere = await f.send(f.staffA, 'POST', passesUrl(f.a1.id), { personId: f.a2.residentId });
      expect(elsewhere.statusCode).toBe(400);
      expect(elsewhere.json().error).toMatchObject({ code: 'PASS_PERSON_NOT_RESIDENT', field: 'personId' });

      const person = await f.createResident(f.a1, 2);
      const taken = await f.send(f.staffA, 'POST', passesUrl(f.a1.id), { personId: person, cardNumber: 'A1B2C3D4' });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().error).toMatchObject({ code: 'PASS_CARD_TAKEN', field: 'cardNumber' });

      // The same card number at another compound is another card.
      const a2Pass = await f.send(f.staffA, 'POST', passesUrl(f.a2.id), { personId: f.a2.residentId, cardNumber: 'A1B2C3D4' });
      expect(a2Pass.statusCode).toBe(201);
    });

    it('rejects a bad card number and a past day by field', async () => {
      const person = await f.createResident(f.a1, 3);
      const cases: [object, string, string][] = [
        [{ cardNumber: '12!' }, 'PASS_CARD_NUMBER_INVALID', 'cardNumber'],
        [{ validUntil: '2020-01-01' }, 'PASS_VALID_UNTIL_INVALID', 'validUntil'],
        [{ validUntil: '2099-02-30' }, 'PASS_VALID_UNTIL_INVALID', 'validUntil'],
      ];
      for (const [body, code, field] of cases) {
        const response = await f.send(f.staffA, 'POST', passesUrl(f.a1.id), { personId: person, ...body });
        expect(response.statusCode, code).toBe(400);
        expect(response.json().error, code).toMatchObject({ code, field });
      }
    });

    it('accepts a 32-character card typed with separators', async () => {
      const person = await f.createResident(f.a1, 3);
      const typed = `${'9F:'.repeat(13)}E`;
      expect(typed).toHaveLength(MAX_CARD_INPUT_LENGTH);
      const response = await f.send(f.staffA, 'POST', passesUrl(f.a1.id), { personId: person, cardNumber: typed });
      expect(response.statusCode).toBe(201);
      expect(response.json().cardNumber).toBe(`${'9F'.repeat(13)}E`);
      // Later tests count the compound's passes, so this one goes again.
      await f.t.ctx.db.deleteFrom('access_passes').where('id', '=', response.json().id).execute();

      const tooLong = await f.send(f.staffA, 'POST', passesUrl(f.a1.id), { personId: person, cardNumber: `${typed}0` });
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json().error.field).toContain('cardNumber');
    });

    it('a gate guard of another compound gets 404 everywhere', async () => {
      const [pass] = (await f.send(f.guardA1.session, 'GET', passesUrl(f.a1.id))).json().items;
      const requests: ['GET' | 'POST' | 'PATCH', string][] = [
        ['GET', passesUrl(f.a1.id)],
        ['PATCH', `/api/gate-admin/passes/${pass.id}`],
        ['POST', `/api/gate-admin/passes/${pass.id}/revoke`],
        ['POST', `/api/gate-admin/passes/${pass.id}/reissue`],
        ['POST', `/api/gate-admin/passes/${pass.id}/link`],
        ['GET', `/api/gate-admin/passes/${pass.id}/paper.pdf`],
      ];
      for (const [method, url] of requests) {
        const response = await f.send(f.guardA2.session, method, url, method === 'GET' ? undefined : {});
        expect(response.statusCode, url).toBe(404);
      }
      const b1 = await f.send(f.guardA1.session, 'POST', passesUrl(f.b1.id), { personId: f.b1.residentId });
      expect(b1.statusCode).toBe(404);
    });
  });

  describe('list and update', () => {
    it('filters by status and text', async () => {
      const all = (await f.send(f.staffA, 'GET', passesUrl(f.a1.id))).json().items;
      expect(all.length).toBeGreaterThanOrEqual(2);
      const byCard = (await f.send(f.staffA, 'GET', `${passesUrl(f.a1.id)}?q=b2c3`)).json().items;
      expect(byCard.map((pass: { cardNumber: string }) => pass.cardNumber)).toEqual(['A1B2C3D4']);
      const revoked = (await f.send(f.staffA, 'GET', `${passesUrl(f.a1.id)}?status=revoked`)).json().items;
      expect(revoked).toEqual([]);
    });

    it('changes the card and the last day, audited', async () => {
      const person = await f.createResident(f.a1, 1);
      const pass = await issue(f.a1, person);
      const response = await f.send(f.staffA, 'PATCH', `/api/gate-admin/passes/${pass.id}`, {
        cardNumber: '0012345678',
        validUntil: '2099-12-31',
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ cardNumber: '0012345678', validUntil: '2099-12-31' });
      const audit = await auditOf(pass.id);
      expect(audit.map((entry) => entry.action)).toEqual(['pass.issue', 'pass.update']);
      expect(JSON.parse(audit[1]?.fields ?? '[]')).toEqual(['cardNumber', 'validUntil']);
    });
  });

  describe('e-pass links and codes', () => {
    let passId: string;
    let token: string;

    it('creates a link, sends it by SMS and shows a masked name', async () => {
      const person = await f.createResident(f.a1, 2, { phone: '13800000611' });
      passId = (await issue(f.a1, person)).id;
      const response = await f.send(f.guardA1.session, 'POST', `/api/gate-admin/passes/${passId}/link`);
      expect(response.statusCode).toBe(200);
      const { url, smsSent } = response.json();
      expect(smsSent).toBe(true);
      expect(url).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);
      token = url.split('/p/')[1];

      const row = await passRow(passId);
      expect(row.link_token_hash).not.toBeNull();
      expect(row.link_token_hash).not.toContain(token);
      const messages = await readOutboxMessages(f.t.ctx.db, f.t.ctx.keys, { phone: '13800000611', template: 'gate_pass_link' });
      expect(messages).toHaveLength(1);
      expect(messages[0]?.body).toContain(url);
      expect(
        (await f.send(f.staffA, 'GET', passesUrl(f.a1.id))).json().items.find((pass: { id: string }) => pass.id === passId).linkSent,
      ).toBe(true);

      const page = await f.send(null, 'GET', `/api/public/passes/${token}`);
      expect(page.statusCode).toBe(200);
      expect(page.json()).toMatchObject({ compoundName: '金色家园', status: 'active', validUntil: null });
      expect(page.json().holderName).toMatch(/^住\*+$/);
    });

    it('returns a rotating code that checkPassCode accepts', async () => {
      const response = await f.send(null, 'GET', `/api/public/passes/${token}/code`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const { code, expiresAt, stepSeconds } = response.json();
      expect(stepSeconds).toBe(30);
      expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now() - 1000);
      const parsed = parsePassCode(code);
      expect(parsed).toMatchObject({ kind: 'rotating', passId });
      const secret = passSecretOf(f.t.ctx, await passRow(passId));
      expect(checkPassCode(parsed as NonNullable<typeof parsed>, secret, new Date())).toBe('valid');
    });

    it('answers 404 for unknown and malformed tokens', async () => {
      for (const bad of ['A'.repeat(43), 'short', `${token}x`]) {
        const response = await f.send(null, 'GET', `/api/public/passes/${bad}/code`);
        expect(response.statusCode, bad).toBe(404);
        expect(response.json().error.code).toBe('PASS_LINK_NOT_FOUND');
      }
    });

    it('a reissued pass drops the old link and the old paper code', async () => {
      const before = await passRow(passId);
      const oldPaper = paperPassCode(passId, passSecretOf(f.t.ctx, before));

      const response = await f.send(f.staffA, 'POST', `/api/gate-admin/passes/${passId}/reissue`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: 'active', linkSent: false });

      const newSecret = passSecretOf(f.t.ctx, await passRow(passId));
      const parsedOld = parsePassCode(oldPaper);
      expect(checkPassCode(parsedOld as NonNullable<typeof parsedOld>, newSecret, new Date())).toBe('forged');
      const fresh = parsePassCode(paperPassCode(passId, newSecret));
      expect(checkPassCode(fresh as NonNullable<typeof fresh>, newSecret, new Date())).toBe('valid');

      expect((await f.send(null, 'GET', `/api/public/passes/${token}`)).statusCode).toBe(404);
      expect((await auditOf(passId)).map((entry) => entry.action)).toEqual(['pass.issue', 'pass.link', 'pass.reissue']);
    });

    it('a revoked pass shows its status and gets 403 on the code', async () => {
      const link = await f.send(f.staffA, 'POST', `/api/gate-admin/passes/${passId}/link`);
      token = link.json().url.split('/p/')[1];

      const revoked = await f.send(f.staffA, 'POST', `/api/gate-admin/passes/${passId}/revoke`, { reason: '已搬离' });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toMatchObject({ status: 'revoked', revokedReason: 'manual' });
      expect(revoked.json().revokedAt).not.toBeNull();

      const page = await f.send(null, 'GET', `/api/public/passes/${token}`);
      expect(page.json().status).toBe('revoked');
      const code = await f.send(null, 'GET', `/api/public/passes/${token}/code`);
      expect(code.statusCode).toBe(403);
      expect(code.json().error.code).toBe('PASS_REVOKED');

      const again = await f.send(f.staffA, 'POST', `/api/gate-admin/passes/${passId}/revoke`, {});
      expect(again.statusCode).toBe(409);
      const audit = await auditOf(passId);
      expect(audit.at(-1)).toMatchObject({ action: 'pass.revoke', reason: '已搬离' });
    });

    it('an expired pass shows its status and gets 403 on the code', async () => {
      const person = await f.createResident(f.a1, 3, { phone: '13800000612' });
      const pass = await issue(f.a1, person, { validUntil: '2099-12-31' });
      const link = await f.send(f.staffA, 'POST', `/api/gate-admin/passes/${pass.id}/link`);
      const expiredToken = link.json().url.split('/p/')[1];
      await f.t.ctx.db.updateTable('access_passes').set({ valid_until: '2020-01-31' }).where('id', '=', pass.id).execute();

      const page = await f.send(null, 'GET', `/api/public/passes/${expiredToken}`);
      expect(page.json()).toMatchObject({ status: 'expired', validUntil: '2020-01-31' });
      const code = await f.send(null, 'GET', `/api/public/passes/${expiredToken}/code`);
      expect(code.statusCode).toBe(403);
      expect(code.json().error.code).toBe('PASS_EXPIRED');
      expect(code.json().error.message).toContain('2020-01-31');
    });

    it('a revoke without a body is accepted', async () => {
      const person = await f.createResident(f.a1, 3);
      const pass = await issue(f.a1, person);
      const response = await f.t.app.inject({
        method: 'POST',
        url: `/api/gate-admin/passes/${pass.id}/revoke`,
        headers: { cookie: f.staffA.cookie, 'x-csrf-token': f.staffA.csrfToken },
      });
      expect(response.statusCode, response.body).toBe(200);
    });

    it('a revoked card can be given to a new pass', async () => {
      const person = await f.createResident(f.a1, 0);
      const first = await issue(f.a1, person, { cardNumber: 'FFEE0001' });
      await f.send(f.staffA, 'POST', `/api/gate-admin/passes/${first.id}/revoke`, {});
      const second = await issue(f.a1, person, { cardNumber: 'ffee0001' });
      expect(second.cardNumber).toBe('FFEE0001');
      expect((await passRow(first.id)).card_number).toBeNull();
    });
  });

  describe('auto-revoke', () => {
    it('revokes on a home quarantine start and refuses a new pass', async () => {
      const person = await f.createResident(f.a1, 1);
      const pass = await issue(f.a1, person);
      const started = await f.send(f.staffA, 'POST', '/api/quarantines', { personId: person, reason: '密切接触者' });
      expect(started.statusCode, started.body).toBe(201);

      const row = await passRow(pass.id);
      expect(row).toMatchObject({ status: 'revoked', revoked_reason: 'home_quarantine' });
      expect((await auditOf(pass.id)).at(-1)).toMatchObject({ action: 'pass.revoke', reason: 'home_quarantine' });

      const refused = await f.send(f.staffA, 'POST', passesUrl(f.a1.id), { personId: person });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'PASS_PERSON_UNDER_QUARANTINE', field: 'personId' });
    });

    it('keeps the pass on a move within the compound and revokes it on a move out', async () => {
      const person = await f.createResident(f.a1, 0);
      const pass = await issue(f.a1, person);

      const within = await f.send(f.staffA, 'PATCH', `/api/persons/${person}`, { roomId: f.a1.roomIds[3] });
      expect(within.statusCode, within.body).toBe(200);
      expect((await passRow(pass.id)).status).toBe('active');

      const out = await f.send(f.staffA, 'PATCH', `/api/persons/${person}`, { roomId: f.a2.roomIds[1] });
      expect(out.statusCode, out.body).toBe(200);
      expect(await passRow(pass.id)).toMatchObject({ status: 'revoked', revoked_reason: 'moved_out' });
    });

    it('revokes when the room is cleared', async () => {
      const person = await f.createResident(f.a1, 2);
      const pass = await issue(f.a1, person);
      const cleared = await f.send(f.staffA, 'PATCH', `/api/persons/${person}`, { roomId: null });
      expect(cleared.statusCode, cleared.body).toBe(200);
      expect(await passRow(pass.id)).toMatchObject({ status: 'revoked', revoked_reason: 'moved_out' });
    });
  });

  describe('paper passes', () => {
    it('prints one page per eight passes with a PDF header', async () => {
      const ids: string[] = [];
      for (let index = 0; index < PASSES_PER_PAGE + 1; index += 1) {
        ids.push((await issue(f.a2, await f.createResident(f.a2, index % 4))).id);
      }
      const response = await f.send(f.staffA, 'GET', `${passesUrl(f.a2.id)}/paper.pdf?ids=${ids.join(',')}`);
      expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      const pdf = response.rawPayload;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(2);

      const audit = await f.t.ctx.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'pass.print').execute();
      expect(audit.map((row) => row.entity_id).sort()).toEqual([...ids].sort());
    });

    it('prints a single pass on one page', async () => {
      const [pass] = (await f.send(f.staffA, 'GET', `${passesUrl(f.a2.id)}?status=active`)).json().items;
      const response = await f.send(f.guardA2.session, 'GET', `/api/gate-admin/passes/${pass.id}/paper.pdf`);
      expect(response.statusCode).toBe(200);
      expect(response.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    });

    it('rejects ids of another compound and bad lists', async () => {
      const [a1Pass] = (await f.send(f.staffA, 'GET', `${passesUrl(f.a1.id)}?status=active`)).json().items;
      const cases: [string, number, string][] = [
        [a1Pass.id, 404, 'PASS_NOT_FOUND'],
        ['not-an-id', 400, 'FIELD_FORMAT_INVALID'],
        [',', 400, 'FIELD_REQUIRED'],
      ];
      for (const [ids, status, code] of cases) {
        const response = await f.send(f.staffA, 'GET', `${passesUrl(f.a2.id)}/paper.pdf?ids=${encodeURIComponent(ids)}`);
        expect(response.statusCode, ids).toBe(status);
        expect(response.json().error, ids).toMatchObject({ code, field: 'ids' });
      }
    });
  });
  // Last, because the limit then holds for this client address.
  it('rate-limits the public e-pass routes per client address', async () => {
    let status = 0;
    for (let attempt = 0; attempt < 200 && status !== 429; attempt += 1) {
      status = (await f.send(null, 'GET', `/api/public/passes/${'B'.repeat(43)}`)).statusCode;
    }
    expect(status).toBe(429);
  });
});
