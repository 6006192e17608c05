import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { publicOriginOf } from '../declarations/reminders-links.js';
import { createEnrolment, getEnrolmentStatus, listCheckpointDevices, revokeCheckpointDevice } from './enrolment.js';
import {
  AssignOfficersBody,
  Checkpoint,
  CheckpointDevice,
  CheckpointDeviceList,
  CheckpointDeviceParams,
  CheckpointList,
  CheckpointListQuery,
  CreateCheckpointBody,
  CreateEnrolmentBody,
  Enrolment,
  EnrolmentParams,
  EnrolmentStatus,
  OfficerCandidateList,
  UpdateCheckpointBody,
} from './schemas.js';
import { assignOfficers, createCheckpoint, listCheckpoints, listOfficerCandidates, updateCheckpoint } from './service.js';

/** Roles that set up checkpoints, their rosters and phones, within their scope. */
export const CHECKPOINT_MANAGERS = ['admin', 'hq', 'subdistrict_staff'] as const;

/**
 * Checkpoints (卡口) in the console: the list, set-up, officer rosters and the
 * phones enrolled on each checkpoint. Officers read the checkpoints they are
 * assigned to. Logs carry ids only, never enrolment tokens or keys.
 */
export const checkpointRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['checkpoints'];
  const manage = { access: { kind: 'staff' as const, roles: CHECKPOINT_MANAGERS } };
  const read = { access: { kind: 'staff' as const, roles: [...CHECKPOINT_MANAGERS, 'checkpoint_officer'] as const } };
  const errors = { ...STAFF_ERRORS, 409: STAFF_ERRORS[400] };

  app.get(
    '/',
    { config: read, schema: { tags, querystring: CheckpointListQuery, response: { 200: CheckpointList, ...errors } } },
    async (request) => ({
      items: await listCheckpoints(ctx, actorOf(request), request.query.includeInactive ?? false),
    }),
  );

  app.post(
    '/',
    { config: manage, schema: { tags, body: CreateCheckpointBody, response: { 201: Checkpoint, ...errors } } },
    async (request, reply) => {
      const checkpoint = await createCheckpoint(ctx, actorOf(request), request.body);
      request.log.info({ checkpointId: checkpoint.id }, 'checkpoint created');
      return reply.status(201).send(checkpoint);
    },
  );

  app.get(
    '/officer-candidates',
    { config: manage, schema: { tags, response: { 200: OfficerCandidateList, ...errors } } },
    async (request) => ({
      items: await listOfficerCandidates(ctx, actorOf(request)),
    }),
  );

  app.get(
    '/enrolments/:id',
    { config: manage, schema: { tags, params: EnrolmentParams, response: { 200: EnrolmentStatus, ...errors } } },
    async (request) => getEnrolmentStatus(ctx, actorOf(request), request.params.id),
  );

  app.patch(
    '/:id',
    { config: manage, schema: { tags, params: IdParams, body: UpdateCheckpointBody, response: { 200: Checkpoint, ...errors } } },
    async (request) => updateCheckpoint(ctx, actorOf(request), request.params.id, request.body),
  );

  app.put(
    '/:id/officers',
    { config: manage, schema: { tags, params: IdParams, body: AssignOfficersBody, response: { 200: Checkpoint, ...errors } } },
    async (request) => {
      const checkpoint = await assignOfficers(ctx, actorOf(request), request.params.id, request.body.userIds);
      request.log.info({ checkpointId: checkpoint.id, officers: checkpoint.officers.length }, 'checkpoint roster replaced');
      return checkpoint;
    },
  );

  app.get(
    '/:id/devices',
    { config: manage, schema: { tags, params: IdParams, response: { 200: CheckpointDeviceList, ...errors } } },
    async (request) => ({ items: await listCheckpointDevices(ctx, actorOf(request), request.params.id) }),
  );

  app.post(
    '/:id/devices/:deviceId/revoke',
    { config: manage, schema: { tags, params: CheckpointDeviceParams, response: { 200: CheckpointDevice, ...errors } } },
    async (request) => {
      const device = await revokeCheckpointDevice(ctx, actorOf(request), request.params.id, request.params.deviceId);
      request.log.info({ checkpointId: request.params.id, deviceId: device.id }, 'checkpoint phone key revoked');
      return device;
    },
  );

  app.post(
    '/:id/enrolments',
    { config: manage, schema: { tags, params: IdParams, body: CreateEnrolmentBody, response: { 201: Enrolment, ...errors } } },
    async (request, reply) => {
      const origin = publicOriginOf(request, ctx.config.publicUrl);
      const enrolment = await createEnrolment(ctx, actorOf(request), request.params.id, request.body.deviceName, origin);
      request.log.info({ checkpointId: request.params.id, enrolmentId: enrolment.id }, 'checkpoint enrolment created');
      return reply.status(201).send(enrolment);
    },
  );
};
