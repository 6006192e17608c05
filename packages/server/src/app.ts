import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import './context/fastify-augment.js';
import type { ServiceContext } from './context/types.js';
import type { Keys } from './crypto/keys.js';
import type { DatabaseHandle } from './db/database.js';
import type { EventBus } from './events/bus.js';
import { createServerEventBus } from './events/default.js';
import { AppError } from './errors/app-error.js';
import { ErrorResponse } from './http/common-schemas.js';
import { createDefaultSmsGateway } from './sms/default.js';
import type { SmsGateway } from './sms/gateway.js';
import { registerJsonBodyParser } from './http/json-body.js';
import { buildValidatorCompiler } from './http/validators.js';
import { addressRoutes } from './modules/addresses/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { deviceRoutes } from './modules/devices/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { jurisdictionRoutes } from './modules/jurisdictions/routes.js';
import { personRoutes } from './modules/persons/routes.js';
import { importRoutes } from './modules/imports/routes.js';
import { exportRoutes } from './modules/exports/routes.js';
import { screeningRoutes } from './modules/screening/routes.js';
import { householdRoutes } from './modules/households/routes.js';
import { riskRegionRoutes } from './modules/risk-regions/routes.js';
import { userRoutes } from './modules/users/routes.js';
import { taskRoutes } from './modules/tasks/routes.js';
import { alertRoutes } from './modules/alerts/routes.js';
import { declarationRoutes } from './modules/declarations/routes.js';
import { publicDeclarationRoutes } from './modules/declarations/public-routes.js';
import { declarationSettingsRoutes } from './modules/declarations/settings-routes.js';
import { declarationLinkRoutes } from './modules/declarations/links-routes.js';
import { quarantineRoutes } from './modules/quarantine/routes.js';
import { siteRoutes } from './modules/sites/routes.js';
import { smsRoutes } from './modules/sms/routes.js';
import { checkpointRoutes } from './modules/checkpoints/routes.js';
import { checkpointPhoneRoutes } from './modules/checkpoints/phone-routes.js';
import { publicCheckpointRoutes } from './modules/checkpoints/public-routes.js';
import { checkpointRegistrationRoutes } from './modules/checkpoints/registration-routes.js';
import { checkpointReadRoutes } from './modules/checkpoints/read-routes.js';
import { checkpointArrivalRoutes } from './modules/checkpoints/arrivals-routes.js';
import { gateDeviceRoutes } from './modules/gates/device-routes.js';
import { gateEventReadRoutes } from './modules/gates/event-read-routes.js';
import { gateAdminRoutes } from './modules/gates/admin-routes.js';
import { publicPassRoutes } from './modules/gates/pass-public-routes.js';
import { gateRuleRoutes } from './modules/gates/rules-routes.js';
import { notifierWebhookRoutes } from './modules/notifier/routes.js';
import { visitorRoutes } from './modules/visitors/routes.js';
import { publicVisitorRoutes } from './modules/visitors/public-routes.js';
import { authPlugin } from './plugins/auth.js';
import { errorsPlugin, sendError } from './plugins/errors.js';
import { inflightPlugin } from './plugins/inflight.js';
import { buildLoggerOptions } from './plugins/logging.js';
import { openApiPlugin } from './plugins/openapi.js';
import { securityPlugin } from './plugins/security.js';
import { webPlugin } from './plugins/web.js';
import { VERSION } from './version.js';

export interface AppOptions {
  config: Config;
  database: DatabaseHandle;
  keys: Keys;
  /** false silences request logs (tests); a pino options object replaces the defaults. */
  logger?: boolean;
  /** Defaults: the LISTEN/NOTIFY bus on PostgreSQL (else the local one), the outbox SMS gateway and the system clock. */
  events?: EventBus;
  sms?: SmsGateway;
  clock?: () => Date;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Builds the Fastify application without listening: the CLI starts it, tests
 * call `inject` or listen on a free port. Plugins load in a fixed order:
 * errors and security first, then authentication, then the module routes,
 * then the web console and the 404 handler.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database, keys } = options;
  const app = Fastify({
    logger: options.logger === false ? false : buildLoggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    // Long enough for any id or link token, so that an overlong one reaches the
    // route's schema and gets its error instead of a 404 from the router.
    // A longer one finds no route: with onMaxParamLength present but undefined,
    // find-my-way 9 returns no match and the request reaches the 404 handler with
    // its hooks (rate limit, logging). Fastify's default instead sends
    // FST_ERR_MAX_PARAM_LENGTH to frameworkErrors, which skips every hook.
    routerOptions: { maxParamLength: 500, onMaxParamLength: undefined },
    // A malformed percent-encoding never reaches a route, so its error is sent here in the caller's language.
    frameworkErrors: (error, request, reply) => {
      if (error.code === 'FST_ERR_BAD_URL') return sendError(request, reply, new AppError('URL_INVALID'));
      if (error.statusCode === 400) return sendError(request, reply, new AppError('BODY_INVALID'));
      request.log.error({ err: error }, 'unhandled framework error');
      return sendError(request, reply, new AppError('INTERNAL_ERROR'));
    },
    // genReqId reads the header itself, so that only sane incoming ids are kept.
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const clock = options.clock ?? (() => new Date());
  const services: ServiceContext = {
    db: database.db,
    dbKind: database.kind,
    keys,
    config,
    events: options.events ?? createServerEventBus(database, config.databaseUrl, app.log),
    sms: options.sms ?? createDefaultSmsGateway(database.db, keys, { logger: app.log, clock }),
    clock,
  };
  // A bus passed in belongs to the caller; the one created here closes with the app.
  if (!options.events) app.addHook('onClose', async () => services.events.close());
  app.setValidatorCompiler(buildValidatorCompiler());
  registerJsonBodyParser(app);
  app.decorate('services', services);
  app.addSchema(ErrorResponse);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(inflightPlugin);
  await app.register(errorsPlugin);
  await app.register(securityPlugin, { config });
  await app.register(openApiPlugin, { version: VERSION });
  await app.register(authPlugin);

  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(jurisdictionRoutes, { prefix: '/api/jurisdictions' });
  await app.register(userRoutes, { prefix: '/api/users' });
  await app.register(deviceRoutes, { prefix: '/api' });
  await app.register(auditRoutes, { prefix: '/api/audit' });
  await app.register(addressRoutes, { prefix: '/api/addresses' });
  await app.register(personRoutes, { prefix: '/api/persons' });
  await app.register(importRoutes, { prefix: '/api/imports' });
  await app.register(exportRoutes, { prefix: '/api/exports' });
  await app.register(screeningRoutes, { prefix: '/api/screening' });
  await app.register(householdRoutes, { prefix: '/api/households' });
  await app.register(riskRegionRoutes, { prefix: '/api/risk-regions' });
  await app.register(taskRoutes, { prefix: '/api/tasks' });
  await app.register(alertRoutes, { prefix: '/api/alerts' });
  await app.register(declarationRoutes, { prefix: '/api/declarations' });
  await app.register(declarationSettingsRoutes, { prefix: '/api/declarations/settings' });
  await app.register(declarationLinkRoutes, { prefix: '/api/declarations/links' });
  await app.register(publicDeclarationRoutes, { prefix: '/api/public/declare' });
  await app.register(quarantineRoutes, { prefix: '/api/quarantines' });
  await app.register(siteRoutes, { prefix: '/api/sites' });
  await app.register(smsRoutes, { prefix: '/api/sms' });
  await app.register(checkpointRoutes, { prefix: '/api/checkpoints' });
  await app.register(checkpointPhoneRoutes, { prefix: '/api/checkpoint-phone' });
  await app.register(publicCheckpointRoutes, { prefix: '/api/public/checkpoint-enrolments' });
  await app.register(checkpointRegistrationRoutes, { prefix: '/api/checkpoint-registrations' });
  await app.register(checkpointReadRoutes, { prefix: '/api/checkpoint-registrations' });
  await app.register(checkpointArrivalRoutes, { prefix: '/api/checkpoint-arrivals' });
  await app.register(gateDeviceRoutes, { prefix: '/api/gate-events' });
  await app.register(gateEventReadRoutes, { prefix: '/api/gate-events' });
  await app.register(gateAdminRoutes, { prefix: '/api/gate-admin' });
  await app.register(publicPassRoutes, { prefix: '/api/public/passes' });
  await app.register(gateRuleRoutes, { prefix: '/api/gate-rules' });
  await app.register(notifierWebhookRoutes, { prefix: '/api/notifier-webhooks' });
  await app.register(visitorRoutes, { prefix: '/api/visitors' });
  await app.register(publicVisitorRoutes, { prefix: '/api/public/visitor-confirmations' });

  await app.register(webPlugin, { distDir: config.webDistDir });
  return app;
}
