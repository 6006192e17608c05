import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { readGateSettings, updateGateSettings } from './gate-settings.js';
import { GATE_MANAGER_ROLES } from './roles.js';
import {
  CopyDefaultGateRulesBody,
  CreateGateRuleBody,
  GateRule,
  GateRuleList,
  GateRuleListQuery,
  GateSettings,
  GateSettingsBody,
  ReorderGateRulesBody,
  UpdateGateRuleBody,
} from './rules-schemas.js';
import { copyDefaultGateRules, createGateRule, deleteGateRule, listGateRules, reorderGateRules, updateGateRule } from './rules-service.js';

/** Roles that change settings shared by every compound. */
const GATE_SETTINGS_ROLES = ['admin', 'hq'] as const;

/**
 * Gate rules of compounds and jurisdictions, and the gate settings. The
 * service decides per target who may change it: a compound's managers (gate
 * guards included) its own rules, staff in scope a jurisdiction's rules.
 */
export const gateRuleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['gate-rules'];
  const manage = { access: { kind: 'staff' as const, roles: GATE_MANAGER_ROLES } };
  const errors = { ...STAFF_ERRORS, 409: STAFF_ERRORS[400] };

  app.get(
    '/',
    { config: manage, schema: { tags, querystring: GateRuleListQuery, response: { 200: GateRuleList, ...errors } } },
    async (request) => listGateRules(ctx, actorOf(request), request.query),
  );

  app.post(
    '/',
    { config: manage, schema: { tags, body: CreateGateRuleBody, response: { 201: GateRule, ...errors } } },
    async (request, reply) => {
      const rule = await createGateRule(ctx, actorOf(request), request.body);
      request.log.info({ ruleId: rule.id, kind: rule.kind }, 'gate rule created');
      return reply.status(201).send(rule);
    },
  );

  app.post(
    '/copy-defaults',
    { config: manage, schema: { tags, body: CopyDefaultGateRulesBody, response: { 201: GateRuleList, ...errors } } },
    async (request, reply) => {
      const chain = await copyDefaultGateRules(ctx, actorOf(request), request.body.compoundId);
      request.log.info({ compoundId: request.body.compoundId, count: chain.rules.length }, 'default gate rules copied');
      return reply.status(201).send(chain);
    },
  );

  app.put(
    '/order',
    {
      config: manage,
      schema: { tags, body: ReorderGateRulesBody, response: { 200: Type.Object({ items: Type.Array(GateRule) }), ...errors } },
    },
    async (request) => ({ items: await reorderGateRules(ctx, actorOf(request), request.body) }),
  );

  app.get('/settings', { config: manage, schema: { tags, response: { 200: GateSettings, ...errors } } }, async () => readGateSettings(ctx));

  app.put(
    '/settings',
    {
      config: { access: { kind: 'staff' as const, roles: GATE_SETTINGS_ROLES } },
      schema: { tags, body: GateSettingsBody, response: { 200: GateSettings, ...errors } },
    },
    async (request) => updateGateSettings(ctx, actorOf(request), request.body),
  );

  app.patch(
    '/:id',
    { config: manage, schema: { tags, params: IdParams, body: UpdateGateRuleBody, response: { 200: GateRule, ...errors } } },
    async (request) => updateGateRule(ctx, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/:id',
    { config: manage, schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await deleteGateRule(ctx, actorOf(request), request.params.id);
      request.log.info({ ruleId: request.params.id }, 'gate rule deleted');
      return reply.status(204).send(null);
    },
  );
};
