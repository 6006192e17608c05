import { DEFAULT_GATE_RULES, LEADING_DEFAULT_KINDS } from '@cordon/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMMUNITY_A, DISTRICT } from '../../testing/fixtures.js';
import { describeEachDatabase } from '../../testing/harness.js';
import { forgetGateRules, loadEffectiveRules } from './effective-rules.js';
import { getAlertFoldMinutes } from './gate-settings.js';
import { createGateFixture, type GateFixture } from './test-helpers.js';

describeEachDatabase('gate rules API', (kind) => {
  let f: GateFixture;

  beforeAll(async () => {
    f = await createGateFixture(kind);
  });
  afterAll(async () => f.t.close());
  beforeEach(async () => {
    await f.t.ctx.db.deleteFrom('gate_rules').execute();
  });

  const create = (session: GateFixture['admin'], body: object) => f.send(session, 'POST', '/api/gate-rules', body);

  describe('listing', () => {
    it('shows the defaults when nothing is configured', async () => {
      const response = await f.send(f.staffA, 'GET', `/api/gate-rules?compoundId=${f.a1.id}`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.defaultsApply).toBe(true);
      expect(body.rules).toEqual([]);
      expect(body.defaults.map((rule: { source: string }) => rule.source)).toEqual(Array(8).fill('default'));
      expect(body.defaults.every((rule: { editable: boolean }) => !rule.editable)).toBe(true);
    });

    it('orders compound, community, district and skips disabled at the gate', async () => {
      const district = await create(f.admin, { nodeCode: DISTRICT, kind: 'key_person', action: 'open_and_alert' });
      const community1 = await create(f.staffA, {
        nodeCode: COMMUNITY_A,
        kind: 'high_temperature',
        action: 'deny_and_alert',
        params: { thresholdTenths: 375 },
      });
      const community2 = await create(f.staffA, { nodeCode: COMMUNITY_A, kind: 'close_contact', action: 'deny', enabled: false });
      const compound = await create(f.guardA1.session, {
        compoundId: f.a1.id,
        kind: 'risk_region_plate',
        action: 'open_and_alert',
        params: { levels: ['high'] },
      });
      for (const response of [district, community1, community2, compound]) expect(response.statusCode, response.body).toBe(201);

      const listed = (await f.send(f.staffA, 'GET', `/api/gate-rules?compoundId=${f.a1.id}`)).json();
      // The four configured kinds (close_contact disabled) replace their defaults; the other four kinds keep theirs.
      const untouched = ['revoked_pass', 'home_quarantine_leaving', 'unregistered_person', 'unregistered_vehicle'];
      expect(listed.defaultsApply).toBe(true);
      expect(listed.defaults.map((rule: { kind: string }) => rule.kind)).toEqual(untouched);
      expect(listed.rules.map((rule: { kind: string }) => rule.kind)).toEqual([
        'risk_region_plate',
        'high_temperature',
        'close_contact',
        'key_person',
      ]);
      expect(listed.rules.map((rule: { source: string }) => rule.source)).toEqual([
        'compound',
        'jurisdiction',
        'jurisdiction',
        'jurisdiction',
      ]);
      // Community staff of A may change the community's rules, not the district's.
      expect(listed.rules.map((rule: { editable: boolean }) => rule.editable)).toEqual([true, true, true, false]);

      const own = (await f.send(f.staffA, 'GET', `/api/gate-rules?nodeCode=${COMMUNITY_A}`)).json();
      expect(own.node).toMatchObject({ code: COMMUNITY_A });
      expect(own.rules.map((rule: { kind: string }) => rule.kind)).toEqual(['high_temperature', 'close_contact']);
      expect((await f.send(f.guardA1.session, 'GET', `/api/gate-rules?nodeCode=${COMMUNITY_A}`)).statusCode).toBe(404);

      // Unconfigured safety checks lead, the configured rules follow, the unregistered checks come last.
      const effective = await loadEffectiveRules(f.t.ctx, f.a1.id);
      expect(effective?.rules.map((rule) => rule.kind)).toEqual([
        'revoked_pass',
        'home_quarantine_leaving',
        'risk_region_plate',
        'high_temperature',
        'key_person',
        'unregistered_person',
        'unregistered_vehicle',
      ]);
      expect(effective?.rules.map((rule) => rule.source)).toEqual([
        'default',
        'default',
        'compound',
        'jurisdiction',
        'jurisdiction',
        'default',
        'default',
      ]);
      expect(effective?.rules[3]?.params).toEqual({ thresholdTenths: 375 });
      expect(listed.defaults.map((rule: { placement: string }) => rule.placement)).toEqual(['before', 'before', 'after', 'after']);
    });

    it('orders by position and follows a reorder', async () => {
      const first = (await create(f.staffA, { compoundId: f.a1.id, kind: 'key_person', action: 'open' })).json();
      const second = (await create(f.staffA, { compoundId: f.a1.id, kind: 'close_contact', action: 'deny' })).json();
      expect([first.position, second.position]).toEqual([1, 2]);

      const reordered = await f.send(f.staffA, 'PUT', '/api/gate-rules/order', { compoundId: f.a1.id, ids: [second.id, first.id] });
      expect(reordered.statusCode, reordered.body).toBe(200);
      const effective = await loadEffectiveRules(f.t.ctx, f.a1.id);
      const configured = effective?.rules.filter((rule) => rule.source === 'compound') ?? [];
      expect(configured.map((rule) => rule.id)).toEqual([second.id, first.id]);

      const partial = await f.send(f.staffA, 'PUT', '/api/gate-rules/order', { compoundId: f.a1.id, ids: [second.id] });
      expect(partial.statusCode).toBe(400);
      expect(partial.json().error).toMatchObject({ code: 'GATE_RULE_ORDER_INVALID', field: 'ids' });
    });
  });

  describe('validation', () => {
    const cases: Array<[string, object, string, string]> = [
      ['no target', { kind: 'key_person', action: 'open' }, 'GATE_RULE_TARGET_REQUIRED', 'compoundId'],
      [
        'unknown level',
        { kind: 'risk_region_plate', action: 'open', params: { levels: ['severe'] } },
        'FIELD_NOT_ALLOWED',
        'params.levels.0',
      ],
      ['empty levels', { kind: 'risk_region_plate', action: 'open', params: { levels: [] } }, 'FIELD_TOO_FEW_ITEMS', 'params.levels'],
      [
        'threshold too low',
        { kind: 'high_temperature', action: 'deny', params: { thresholdTenths: 349 } },
        'FIELD_OUT_OF_RANGE',
        'params.thresholdTenths',
      ],
      [
        'threshold too high',
        { kind: 'high_temperature', action: 'deny', params: { thresholdTenths: 421 } },
        'FIELD_OUT_OF_RANGE',
        'params.thresholdTenths',
      ],
      [
        'levels on another kind',
        { kind: 'key_person', action: 'open', params: { levels: ['high'] } },
        'GATE_RULE_PARAM_NOT_ALLOWED',
        'params.levels',
      ],
      ['unknown action', { kind: 'key_person', action: 'explode' }, 'FIELD_NOT_ALLOWED', 'action'],
      ['control character', { kind: 'key_person', action: 'open', alertText: 'a\u0007b' }, 'GATE_RULE_ALERT_TEXT_INVALID', 'alertText'],
      ['alert text too long', { kind: 'key_person', action: 'open', alertText: '注'.repeat(201) }, 'FIELD_TOO_LONG', 'alertText'],
    ];
    it.each(cases)('rejects %s', async (_name, body, code, field) => {
      const target = code === 'GATE_RULE_TARGET_REQUIRED' ? {} : { compoundId: f.a1.id };
      const response = await create(f.staffA, { ...target, ...body });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code, field });
    });

    it('drops an unknown parameter', async () => {
      const response = await create(f.staffA, { compoundId: f.a1.id, kind: 'key_person', action: 'open', params: { colour: 'red' } });
      expect(response.statusCode).toBe(201);
      expect(response.json().params).toEqual({});
    });

    it('rejects a grid as the rule owner', async () => {
      const grid = await f.send(f.staffA, 'POST', `/api/jurisdictions/${COMMUNITY_A}/grids`, { name: '规则网格' });
      expect(grid.statusCode, grid.body).toBe(201);
      const response = await create(f.admin, { nodeCode: grid.json().code, kind: 'key_person', action: 'open' });
      expect(response.json().error).toMatchObject({ code: 'GATE_RULE_NODE_INVALID', field: 'nodeCode' });
    });
  });

  describe('access', () => {
    it('lets a gate guard edit his compound only', async () => {
      const own = await create(f.guardA1.session, {
        compoundId: f.a1.id,
        kind: 'key_person',
        action: 'open_and_alert',
        alertText: '请注意',
      });
      expect(own.statusCode).toBe(201);
      const patched = await f.send(f.guardA1.session, 'PATCH', `/api/gate-rules/${own.json().id}`, { action: 'deny_and_alert' });
      expect(patched.statusCode).toBe(200);
      expect(patched.json().action).toBe('deny_and_alert');

      const other = await create(f.guardA1.session, { compoundId: f.a2.id, kind: 'key_person', action: 'open' });
      expect(other.statusCode).toBe(404);
      expect(other.json().error.code).toBe('COMPOUND_NOT_FOUND');

      const community = await create(f.guardA1.session, { nodeCode: COMMUNITY_A, kind: 'key_person', action: 'open' });
      expect(community.statusCode).toBe(404);

      const communityRule = (await create(f.staffA, { nodeCode: COMMUNITY_A, kind: 'close_contact', action: 'deny' })).json();
      const denied = await f.send(f.guardA1.session, 'PATCH', `/api/gate-rules/${communityRule.id}`, { enabled: false });
      expect(denied.statusCode).toBe(404);
      expect(denied.json().error.code).toBe('GATE_RULE_NOT_FOUND');
      const deleted = await f.send(f.guardA1.session, 'DELETE', `/api/gate-rules/${communityRule.id}`);
      expect(deleted.statusCode).toBe(404);

      const a2Rule = (await create(f.guardA2.session, { compoundId: f.a2.id, kind: 'key_person', action: 'open' })).json();
      const foreign = await f.send(f.guardA1.session, 'PATCH', `/api/gate-rules/${a2Rule.id}`, { enabled: false });
      expect(foreign.statusCode).toBe(404);
      const listForeign = await f.send(f.guardA1.session, 'GET', `/api/gate-rules?compoundId=${f.a2.id}`);
      expect(listForeign.statusCode).toBe(404);

      const unchanged = await f.t.ctx.db
        .selectFrom('gate_rules')
        .select(['enabled'])
        .where('id', 'in', [communityRule.id, a2Rule.id])
        .execute();
      expect(unchanged.map((row) => row.enabled)).toEqual([1, 1]);
    });

    it('hides community B from staff of A', async () => {
      const response = await create(f.staffA, { compoundId: f.b1.id, kind: 'key_person', action: 'open' });
      expect(response.statusCode).toBe(404);
    });
  });

  describe('audit and caches', () => {
    it('audits create, update, reorder and delete', async () => {
      const before = await f.t.ctx.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirstOrThrow();
      const created = (await create(f.staffA, { compoundId: f.a1.id, kind: 'key_person', action: 'open' })).json();
      await f.send(f.staffA, 'PATCH', `/api/gate-rules/${created.id}`, { alertText: '请注意观察' });
      await f.send(f.staffA, 'PUT', '/api/gate-rules/order', { compoundId: f.a1.id, ids: [created.id] });
      expect((await f.send(f.staffA, 'DELETE', `/api/gate-rules/${created.id}`)).statusCode).toBe(204);

      const audit = await f.t.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'entity_type', 'node_code', 'fields'])
        .where('action', 'like', 'gate_rule.%')
        .where('seq', '>', before.seq)
        .where((eb) => eb.or([eb('entity_id', '=', created.id), eb('entity_id', '=', f.a1.id)]))
        .orderBy('seq')
        .execute();
      expect(audit.map((row) => row.action)).toEqual(['gate_rule.create', 'gate_rule.update', 'gate_rule.reorder', 'gate_rule.delete']);
      expect(audit.every((row) => row.entity_type === 'gate_rule' && row.node_code === COMMUNITY_A)).toBe(true);
      expect(JSON.parse(audit[1]?.fields ?? '[]')).toEqual(['alertText']);
    });

    it('clears the cached rules after a change', async () => {
      expect((await loadEffectiveRules(f.t.ctx, f.a1.id))?.rules.every((rule) => rule.source === 'default')).toBe(true);
      await create(f.staffA, { compoundId: f.a1.id, kind: 'key_person', action: 'deny' });
      const rules = (await loadEffectiveRules(f.t.ctx, f.a1.id))?.rules ?? [];
      expect(rules.find((rule) => rule.source === 'compound')).toMatchObject({ kind: 'key_person', action: 'deny' });
      expect(rules.filter((rule) => rule.kind === 'key_person')).toHaveLength(1);
    });

    it('keeps the other defaults beside one compound rule', async () => {
      await create(f.staffA, { compoundId: f.a1.id, kind: 'unregistered_vehicle', action: 'open' });
      const rules = (await loadEffectiveRules(f.t.ctx, f.a1.id))?.rules ?? [];
      // Six safety checks lead, so "open every unregistered car" cannot let a risk-region car or a fever through unseen.
      expect(rules.map((rule) => rule.source)).toEqual([...Array(6).fill('default'), 'compound', 'default']);
      expect(rules.map((rule) => rule.kind)).toEqual([
        ...DEFAULT_GATE_RULES.filter((rule) => LEADING_DEFAULT_KINDS.has(rule.kind)).map((rule) => rule.kind),
        'unregistered_vehicle',
        'unregistered_person',
      ]);
    });

    it('turns a check off with a disabled rule', async () => {
      await create(f.staffA, { nodeCode: COMMUNITY_A, kind: 'high_temperature', action: 'deny_and_alert', enabled: false });
      const rules = (await loadEffectiveRules(f.t.ctx, f.a1.id))?.rules ?? [];
      expect(rules.map((rule) => rule.kind)).not.toContain('high_temperature');
      expect(rules).toHaveLength(7);
      const listed = (await f.send(f.staffA, 'GET', `/api/gate-rules?compoundId=${f.a1.id}`)).json();
      expect(listed.rules.map((rule: { enabled: boolean }) => rule.enabled)).toEqual([false]);
      expect(listed.defaults).toHaveLength(7);
    });
  });

  describe('copying the defaults', () => {
    const copy = (session: GateFixture['admin'], compoundId: string) =>
      f.send(session, 'POST', '/api/gate-rules/copy-defaults', { compoundId });
    const ruleCount = async (compoundId: string) =>
      (await f.t.ctx.db.selectFrom('gate_rules').select('id').where('compound_id', '=', compoundId).execute()).length;

    it('creates the defaults as compound rules, audited', async () => {
      forgetGateRules(f.t.ctx);
      expect((await loadEffectiveRules(f.t.ctx, f.a1.id))?.rules[0]?.source).toBe('default');
      const response = await copy(f.guardA1.session, f.a1.id);
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body.defaultsApply).toBe(false);
      expect(body.defaults).toEqual([]);
      expect(body.rules.map((rule: { source: string }) => rule.source)).toEqual(Array(8).fill('compound'));
      expect(body.rules.map((rule: { kind: string }) => rule.kind)).toEqual(DEFAULT_GATE_RULES.map((rule) => rule.kind));
      expect(body.rules.map((rule: { action: string }) => rule.action)).toEqual(DEFAULT_GATE_RULES.map((rule) => rule.action));
      expect(body.rules.every((rule: { editable: boolean; enabled: boolean }) => rule.editable && rule.enabled)).toBe(true);

      const effective = await loadEffectiveRules(f.t.ctx, f.a1.id);
      expect(effective?.rules.map((rule) => rule.source)).toEqual(Array(8).fill('compound'));

      const ids = body.rules.map((rule: { id: string }) => rule.id);
      const audit = await f.t.ctx.db.selectFrom('audit_log').select(['action', 'node_code']).where('entity_id', 'in', ids).execute();
      expect(audit).toHaveLength(8);
      expect(audit.every((row) => row.action === 'gate_rule.create' && row.node_code === COMMUNITY_A)).toBe(true);
    });

    it('copies only the kinds not configured', async () => {
      await create(f.staffA, { compoundId: f.a1.id, kind: 'key_person', action: 'deny' });
      await create(f.staffA, { nodeCode: COMMUNITY_A, kind: 'close_contact', action: 'open', enabled: false });
      const response = await copy(f.staffA, f.a1.id);
      expect(response.statusCode).toBe(201);
      const body = response.json();
      const copied = body.rules.filter((rule: { source: string }) => rule.source === 'compound');
      expect(copied.map((rule: { kind: string }) => rule.kind)).toEqual([
        'key_person',
        ...DEFAULT_GATE_RULES.map((rule) => rule.kind).filter((kind) => kind !== 'key_person' && kind !== 'close_contact'),
      ]);
      expect(copied.map((rule: { position: number }) => rule.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(body.defaults).toEqual([]);
      expect(await ruleCount(f.a1.id)).toBe(7);
    });

    it('rejects a chain that configures every kind', async () => {
      expect((await copy(f.staffA, f.a1.id)).statusCode).toBe(201);
      const response = await copy(f.staffA, f.a1.id);
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toMatchObject({ code: 'GATE_RULES_EXIST', field: 'compoundId' });
      expect(await ruleCount(f.a1.id)).toBe(8);
    });

    it('copies once when two requests race', async () => {
      const responses = await Promise.all([copy(f.staffA, f.a2.id), copy(f.guardA2.session, f.a2.id)]);
      expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409]);
      expect(await ruleCount(f.a2.id)).toBe(8);
    });

    it('hides compounds out of reach', async () => {
      expect((await copy(f.guardA1.session, f.a2.id)).statusCode).toBe(404);
      expect((await copy(f.staffA, f.b1.id)).statusCode).toBe(404);
      expect(await ruleCount(f.a2.id)).toBe(0);
      expect(await ruleCount(f.b1.id)).toBe(0);
    });
  });

  describe('settings', () => {
    it('reads, validates, stores and audits the fold window', async () => {
      expect(await getAlertFoldMinutes(f.t.ctx)).toBe(10);
      expect((await f.send(f.guardA1.session, 'GET', '/api/gate-rules/settings')).json()).toEqual({ alertFoldMinutes: 10 });
      expect((await f.send(f.staffA, 'PUT', '/api/gate-rules/settings', { alertFoldMinutes: 30 })).statusCode).toBe(403);

      const invalid = await f.send(f.admin, 'PUT', '/api/gate-rules/settings', { alertFoldMinutes: 1441 });
      expect(invalid.json().error).toMatchObject({ code: 'FIELD_OUT_OF_RANGE', field: 'alertFoldMinutes' });

      const saved = await f.send(f.admin, 'PUT', '/api/gate-rules/settings', { alertFoldMinutes: 30 });
      expect(saved.json()).toEqual({ alertFoldMinutes: 30 });
      expect(await getAlertFoldMinutes(f.t.ctx)).toBe(30);
      const audit = await f.t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'gate.settings.update').execute();
      expect(audit).toHaveLength(1);
    });
  });
});
