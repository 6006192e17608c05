import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf, SESSION_COOKIE, sessionOf } from '../../plugins/auth.js';
import { findNodesByCodes } from '../jurisdictions/repository.js';
import { PasswordChangeBody, SessionResponse, SignInBody } from './schemas.js';
import { changePassword, resolveSession, signIn, signOut } from './service.js';

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;

  async function describeSession(request: FastifyRequest, csrfToken: string) {
    const session = sessionOf(request);
    // The session already carries the node's materialised path, so only the names are read.
    const codes = session.scope.nodePath.split('/').filter(Boolean);
    const byCode = new Map((await findNodesByCodes(ctx.db, codes)).map((row) => [row.code, row]));
    const nodePath = codes
      .map((code) => byCode.get(code))
      .filter((row) => row !== undefined)
      .map((row) => ({ code: row.code, name: row.name, level: row.level }));
    const { id, username, displayName, role, nodeCode, nodeName, mustChangePassword } = session.user;
    return { user: { id, username, displayName, role, nodeCode, nodeName, nodePath, mustChangePassword }, csrfToken };
  }

  function setSessionCookie(reply: FastifyReply, token: string) {
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.secureCookies,
      maxAge: ctx.config.sessionMaxHours * 3600,
    });
  }

  app.post(
    '/sign-in',
    {
      config: {
        access: { kind: 'public' },
        rateLimit: { max: ctx.config.signInRateLimit, timeWindow: 60_000, keyGenerator: (request) => `sign-in:${request.ip}` },
      },
      schema: { tags: ['auth'], body: SignInBody, response: { 200: SessionResponse, 423: Type.Ref('ErrorResponse'), ...STAFF_ERRORS } },
    },
    async (request, reply) => {
      const result = await signIn(ctx, request.body.username, request.body.password, request.id);
      request.log.info({ userId: result.userId }, 'signed in');
      setSessionCookie(reply, result.token);
      const lookup = await resolveSession(ctx, result.token);
      if (lookup.state === 'valid') request.session = lookup.session;
      return describeSession(request, result.csrfToken);
    },
  );

  app.get(
    '/me',
    {
      config: { access: { kind: 'staff', allowPendingPasswordChange: true } },
      schema: { tags: ['auth'], response: { 200: SessionResponse, ...STAFF_ERRORS } },
    },
    async (request) => describeSession(request, sessionOf(request).csrfToken),
  );

  app.post(
    '/sign-out',
    {
      // Signing out must work even when the user has used up their requests.
      config: { access: { kind: 'staff', allowPendingPasswordChange: true }, rateLimit: false },
      schema: { tags: ['auth'], response: { 204: Type.Null(), ...STAFF_ERRORS } },
    },
    async (request, reply) => {
      await signOut(ctx, sessionOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/password',
    {
      config: { access: { kind: 'staff', allowPendingPasswordChange: true } },
      schema: { tags: ['auth'], body: PasswordChangeBody, response: { 204: Type.Null(), ...STAFF_ERRORS } },
    },
    async (request, reply) => {
      await changePassword(ctx, actorOf(request), sessionOf(request), request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );
};
