import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../errors/app-error.js';
import { IdParams, STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { CreateDeviceBody, CreateDeviceResult, Device, DeviceIdentity, DeviceList } from './schemas.js';
import { createDevice, describeDevice, listDevices, revokeDevice } from './service.js';

export const deviceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['devices'];
  const config = { access: { kind: 'staff' as const, roles: ['admin'] as const } };

  app.get('/devices', { config, schema: { tags, response: { 200: DeviceList, ...STAFF_ERRORS } } }, async (request) => ({
    items: await listDevices(ctx, actorOf(request)),
  }));

  app.post(
    '/devices',
    { config, schema: { tags, body: CreateDeviceBody, response: { 201: CreateDeviceResult, ...STAFF_ERRORS } } },
    async (request, reply) => {
      // A checkpoint phone's key is bound to its checkpoint, which only the enrolment QR code sets.
      if (request.body.kind === 'checkpoint') throw new AppError('DEVICE_KIND_CHECKPOINT_NOT_ALLOWED', 'kind');
      const result = await createDevice(ctx, actorOf(request), request.body);
      request.log.info({ deviceId: result.device.id }, 'device key created');
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/devices/:id/revoke',
    { config, schema: { tags, params: IdParams, response: { 200: Device, ...STAFF_ERRORS } } },
    async (request) => revokeDevice(ctx, actorOf(request), request.params.id),
  );

  // Lets an installer check a key from the gate or phone before going live.
  app.get(
    '/device/whoami',
    { config: { access: { kind: 'device' } }, schema: { tags, response: { 200: DeviceIdentity, ...STAFF_ERRORS } } },
    async (request) => {
      if (!request.device) throw new AppError('DEVICE_KEY_INVALID');
      return describeDevice(request.device);
    },
  );
};
