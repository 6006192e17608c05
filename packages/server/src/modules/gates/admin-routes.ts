import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { publicOriginOf } from '../declarations/reminders-links.js';
import { attachmentDisposition } from '../exports/content-disposition.js';
import { listGateCompounds } from './admin-compounds.js';
import {
  CompoundManagerList,
  CompoundParams,
  CompoundSummaryList,
  CreateGateBody,
  CreateGateDeviceBody,
  CreateKeyTrackingBody,
  CreatedGateDevice,
  CreateVehicleBody,
  DeviceParams,
  Gate,
  GateDevice,
  GateEventList,
  GateList,
  GateParams,
  IssuePassBody,
  KeyTracking,
  KeyTrackingList,
  KeyTrackingParams,
  ManagerCandidateList,
  PaperPassQuery,
  Pass,
  PassLink,
  PassList,
  PassListQuery,
  PassParams,
  PersonParams,
  PutManagersBody,
  RevokePassBody,
  SearchQuery,
  UpdateGateBody,
  UpdatePassBody,
  Vehicle,
  VehicleList,
  VehicleParams,
} from './admin-schemas.js';
import { createGate, createGateDevice, listGates, revokeGateDevice, updateGate } from './gates-service.js';
import { createKeyTracking, endKeyTracking, listKeyTracking, listKeyTrackingEvents, listPersonGateEvents } from './key-tracking.js';
import { listManagerCandidates, listManagers, putManagers } from './managers.js';
import { paperPassesPdf, paperPassPdf } from './paper-pass.js';
import { createPassLink } from './pass-links.js';
import { issuePass, listPasses, reissuePass, revokePass, updatePassDetails } from './passes.js';
import { GATE_MANAGER_ROLES, GATE_VIEWER_ROLES } from './roles.js';
import { createVehicle, deleteVehicle, listVehicles } from './vehicles.js';

const PDF = { description: 'PDF document', type: 'string', format: 'binary' } as const;

function sendPdf(reply: FastifyReply, result: { pdf: Buffer; fileName: string }) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', attachmentDisposition(result.fileName))
    .header('cache-control', 'no-store')
    .send(result.pdf);
}

/**
 * Gates and access control in the console (门禁管理): compounds, gates and
 * their device keys, managers, resident vehicles, access passes and key
 * tracking. The role lists admit the route; each service then checks the
 * compound: staff reach the compounds of their scope, a gate guard only the
 * compounds he manages, and anything else is 404. Logs carry ids only, never
 * names, plates, keys or link tokens.
 */
export const gateAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['gate admin'];
  const manage = { access: { kind: 'staff' as const, roles: GATE_MANAGER_ROLES } };
  const view = { access: { kind: 'staff' as const, roles: GATE_VIEWER_ROLES } };
  const errors = { ...STAFF_ERRORS, 409: STAFF_ERRORS[400] };

  app.get(
    '/compounds',
    { config: view, schema: { tags, querystring: SearchQuery, response: { 200: CompoundSummaryList, ...errors } } },
    async (request) => ({ items: await listGateCompounds(ctx, actorOf(request), request.query.q) }),
  );

  // Gates and their devices.
  app.get(
    '/compounds/:compoundId/gates',
    { config: manage, schema: { tags, params: CompoundParams, response: { 200: GateList, ...errors } } },
    async (request) => ({ items: await listGates(ctx, actorOf(request), request.params.compoundId) }),
  );

  app.post(
    '/compounds/:compoundId/gates',
    { config: manage, schema: { tags, params: CompoundParams, body: CreateGateBody, response: { 201: Gate, ...errors } } },
    async (request, reply) => {
      const gate = await createGate(ctx, actorOf(request), request.params.compoundId, request.body);
      request.log.info({ gateId: gate.id, compoundId: gate.compoundId }, 'gate created');
      return reply.status(201).send(gate);
    },
  );

  app.patch(
    '/gates/:gateId',
    { config: manage, schema: { tags, params: GateParams, body: UpdateGateBody, response: { 200: Gate, ...errors } } },
    async (request) => updateGate(ctx, actorOf(request), request.params.gateId, request.body),
  );

  app.post(
    '/gates/:gateId/devices',
    { config: manage, schema: { tags, params: GateParams, body: CreateGateDeviceBody, response: { 201: CreatedGateDevice, ...errors } } },
    async (request, reply) => {
      const result = await createGateDevice(ctx, actorOf(request), request.params.gateId, request.body);
      request.log.info({ deviceId: result.device.id, gateId: request.params.gateId }, 'gate device key created');
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/devices/:deviceId/revoke',
    { config: manage, schema: { tags, params: DeviceParams, response: { 200: GateDevice, ...errors } } },
    async (request) => {
      const device = await revokeGateDevice(ctx, actorOf(request), request.params.deviceId);
      request.log.info({ deviceId: device.id }, 'gate device key revoked');
      return device;
    },
  );

  // Managers: gate guards read the list, office staff change it.
  app.get(
    '/compounds/:compoundId/managers',
    { config: manage, schema: { tags, params: CompoundParams, response: { 200: CompoundManagerList, ...errors } } },
    async (request) => ({ items: await listManagers(ctx, actorOf(request), request.params.compoundId) }),
  );

  app.get(
    '/compounds/:compoundId/manager-candidates',
    {
      config: manage,
      schema: { tags, params: CompoundParams, querystring: SearchQuery, response: { 200: ManagerCandidateList, ...errors } },
    },
    async (request) => ({ items: await listManagerCandidates(ctx, actorOf(request), request.params.compoundId, request.query.q) }),
  );

  app.put(
    '/compounds/:compoundId/managers',
    { config: manage, schema: { tags, params: CompoundParams, body: PutManagersBody, response: { 200: CompoundManagerList, ...errors } } },
    async (request) => ({ items: await putManagers(ctx, actorOf(request), request.params.compoundId, request.body) }),
  );

  // Resident vehicles.
  app.get(
    '/compounds/:compoundId/vehicles',
    { config: manage, schema: { tags, params: CompoundParams, querystring: SearchQuery, response: { 200: VehicleList, ...errors } } },
    async (request) => ({ items: await listVehicles(ctx, actorOf(request), request.params.compoundId, request.query.q) }),
  );

  app.post(
    '/compounds/:compoundId/vehicles',
    { config: manage, schema: { tags, params: CompoundParams, body: CreateVehicleBody, response: { 201: Vehicle, ...errors } } },
    async (request, reply) => {
      const vehicle = await createVehicle(ctx, actorOf(request), request.params.compoundId, request.body);
      request.log.info({ vehicleId: vehicle.id, compoundId: request.params.compoundId }, 'vehicle registered');
      return reply.status(201).send(vehicle);
    },
  );

  app.delete(
    '/vehicles/:vehicleId',
    { config: manage, schema: { tags, params: VehicleParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await deleteVehicle(ctx, actorOf(request), request.params.vehicleId);
      return reply.status(204).send(null);
    },
  );

  // Access passes.
  app.get(
    '/compounds/:compoundId/passes',
    { config: manage, schema: { tags, params: CompoundParams, querystring: PassListQuery, response: { 200: PassList, ...errors } } },
    async (request) => ({ items: await listPasses(ctx, actorOf(request), request.params.compoundId, request.query) }),
  );

  app.post(
    '/compounds/:compoundId/passes',
    { config: manage, schema: { tags, params: CompoundParams, body: IssuePassBody, response: { 201: Pass, ...errors } } },
    async (request, reply) => {
      const pass = await issuePass(ctx, actorOf(request), request.params.compoundId, request.body);
      request.log.info({ passId: pass.id, compoundId: request.params.compoundId }, 'access pass issued');
      return reply.status(201).send(pass);
    },
  );

  app.get(
    '/compounds/:compoundId/passes/paper.pdf',
    {
      config: { ...manage, fieldLabels: { ids: 'passIds' } },
      schema: { tags, params: CompoundParams, querystring: PaperPassQuery, response: { 200: PDF, ...errors } },
    },
    async (request, reply) => {
      const result = await paperPassesPdf(ctx, actorOf(request), request.params.compoundId, request.query.ids);
      request.log.info({ compoundId: request.params.compoundId, fileName: result.fileName }, 'paper passes printed');
      return sendPdf(reply, result);
    },
  );

  app.patch(
    '/passes/:passId',
    { config: manage, schema: { tags, params: PassParams, body: UpdatePassBody, response: { 200: Pass, ...errors } } },
    async (request) => updatePassDetails(ctx, actorOf(request), request.params.passId, request.body),
  );

  app.post(
    '/passes/:passId/revoke',
    {
      config: manage,
      schema: { tags, params: PassParams, body: RevokePassBody, response: { 200: Pass, ...errors } },
      // The reason is optional, so a request without a body is a revoke without one.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const pass = await revokePass(ctx, actorOf(request), request.params.passId, request.body.reason);
      request.log.info({ passId: pass.id }, 'access pass revoked');
      return pass;
    },
  );

  app.post(
    '/passes/:passId/reissue',
    { config: manage, schema: { tags, params: PassParams, response: { 200: Pass, ...errors } } },
    async (request) => {
      const pass = await reissuePass(ctx, actorOf(request), request.params.passId);
      request.log.info({ passId: pass.id }, 'access pass reissued');
      return pass;
    },
  );

  app.post(
    '/passes/:passId/link',
    { config: manage, schema: { tags, params: PassParams, response: { 200: PassLink, ...errors } } },
    async (request) => {
      const origin = publicOriginOf(request, ctx.config.publicUrl);
      const { url, smsSent, smsFailed } = await createPassLink(ctx, actorOf(request), request.params.passId, origin);
      if (smsFailed) request.log.warn({ passId: request.params.passId }, 'e-pass link SMS failed; the link was still created');
      else request.log.info({ passId: request.params.passId, smsSent }, 'e-pass link created');
      return { url, smsSent };
    },
  );

  app.get(
    '/passes/:passId/paper.pdf',
    { config: manage, schema: { tags, params: PassParams, response: { 200: PDF, ...errors } } },
    async (request, reply) => {
      const result = await paperPassPdf(ctx, actorOf(request), request.params.passId);
      request.log.info({ passId: request.params.passId }, 'paper pass printed');
      return sendPdf(reply, result);
    },
  );

  // Key tracking (重点跟踪).
  app.get(
    '/compounds/:compoundId/key-tracking',
    { config: manage, schema: { tags, params: CompoundParams, response: { 200: KeyTrackingList, ...errors } } },
    async (request) => ({ items: await listKeyTracking(ctx, actorOf(request), request.params.compoundId) }),
  );

  app.post(
    '/compounds/:compoundId/key-tracking',
    { config: manage, schema: { tags, params: CompoundParams, body: CreateKeyTrackingBody, response: { 201: KeyTracking, ...errors } } },
    async (request, reply) => {
      const tracking = await createKeyTracking(ctx, actorOf(request), request.params.compoundId, request.body);
      request.log.info({ keyTrackingId: tracking.id, compoundId: request.params.compoundId }, 'key tracking started');
      return reply.status(201).send(tracking);
    },
  );

  app.post(
    '/key-tracking/:id/end',
    { config: manage, schema: { tags, params: KeyTrackingParams, response: { 200: KeyTracking, ...errors } } },
    async (request) => endKeyTracking(ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/key-tracking/:id/events',
    { config: manage, schema: { tags, params: KeyTrackingParams, response: { 200: GateEventList, ...errors } } },
    async (request) => ({ items: await listKeyTrackingEvents(ctx, actorOf(request), request.params.id) }),
  );

  app.get(
    '/persons/:personId/gate-events',
    { config: view, schema: { tags, params: PersonParams, response: { 200: GateEventList, ...errors } } },
    async (request) => ({ items: await listPersonGateEvents(ctx, actorOf(request), request.params.personId) }),
  );
};
