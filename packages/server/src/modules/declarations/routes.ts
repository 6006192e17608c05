import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { lookupSessionOnce } from '../../plugins/session-lookup.js';
import { getCompletionReport } from './completion.js';
import { getFollowUpSummary, listFollowUpPersons } from './follow-up.js';
import { sendReminders } from './reminders.js';
import { publicOriginOf } from './reminders-links.js';
import {
  CompletionQuery,
  CompletionReport,
  FollowUpPersonList,
  FollowUpPersonsQuery,
  FollowUpQuery,
  FollowUpSummary,
  REMINDER_REQUESTS_PER_MINUTE,
  ReminderBody,
  ReminderResult,
} from './schemas.js';

/**
 * Follow-up of declarations for the office: who must declare in a window,
 * who did and who did not, reminders by SMS, and completion rates. Every
 * query is limited to the caller's subtree; a node outside it is 404.
 */
export const declarationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['declarations'];
  const read = {
    access: { kind: 'staff' as const, roles: ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'grid_worker', 'doctor'] as const },
  };
  const remind = {
    access: { kind: 'staff' as const, roles: ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'grid_worker'] as const },
  };

  // Per user, so one office's bulk reminders do not slow another's; an anonymous request counts against its address.
  // NOTE: @fastify/rate-limit keeps the counts in memory, so with several instances each one allows the maximum.
  async function reminderRateKey(request: FastifyRequest): Promise<string> {
    const lookup = await lookupSessionOnce(app, request);
    return lookup.state === 'valid' ? `declaration-reminders:user:${lookup.session.user.id}` : `declaration-reminders:ip:${request.ip}`;
  }

  app.get(
    '/follow-up',
    { config: read, schema: { tags, querystring: FollowUpQuery, response: { 200: FollowUpSummary, ...STAFF_ERRORS } } },
    async (request) => getFollowUpSummary(ctx, actorOf(request), request.query.nodeCode, request.query.window),
  );

  app.get(
    '/follow-up/persons',
    { config: read, schema: { tags, querystring: FollowUpPersonsQuery, response: { 200: FollowUpPersonList, ...STAFF_ERRORS } } },
    async (request) => listFollowUpPersons(ctx, actorOf(request), request.query),
  );

  app.post(
    '/reminders',
    {
      config: {
        ...remind,
        rateLimit: { max: REMINDER_REQUESTS_PER_MINUTE, timeWindow: 60_000, keyGenerator: reminderRateKey },
      },
      schema: { tags, body: ReminderBody, response: { 200: ReminderResult, ...STAFF_ERRORS } },
    },
    async (request) => {
      const source = { actor: actorOf(request), publicOrigin: publicOriginOf(request, ctx.config.publicUrl), log: request.log };
      const result = await sendReminders(ctx, source, request.body);
      request.log.info(
        {
          windowKey: result.window.key,
          nodeCode: request.body.nodeCode,
          sent: result.sent,
          skipped: result.skipped,
          remaining: result.remaining,
        },
        'declaration reminders sent',
      );
      return result;
    },
  );

  app.get(
    '/completion',
    { config: read, schema: { tags, querystring: CompletionQuery, response: { 200: CompletionReport, ...STAFF_ERRORS } } },
    async (request) => getCompletionReport(ctx, actorOf(request), request.query),
  );
};
