import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatErrorMessage, LOCALES, MESSAGES } from '@cordon/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../errors/catalog.js';
import { createTestApp, request, signIn, type TestApp } from '../testing/harness.js';

describe('http surface', () => {
  let t: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-web-'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>console</title>');
    t = await createTestApp('sqlite', { webDistDir: webDir }, (app) => {
      app.get('/api/test-crash', { config: { access: { kind: 'public' } } }, async () => {
        throw new Error('database password is hunter2');
      });
    });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('every catalogue code has a message in every locale', () => {
    for (const locale of LOCALES) {
      for (const code of Object.keys(ERROR_STATUS)) {
        expect(MESSAGES[locale].errors[code], `${locale} ${code}`).toBeTruthy();
      }
    }
  });

  it('docs/errors.md lists every code', () => {
    const page = fs.readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
    const missing = Object.keys(MESSAGES['zh-CN'].errors).filter((code) => !page.includes(`\`${code}\``));
    expect(missing, 'run node scripts/generate-error-docs.mjs').toEqual([]);
  });

  it('every error message names its field when given one', () => {
    expect(formatErrorMessage('zh-CN', 'FIELD_REQUIRED', { field: 'username' })).toBe('请填写用户名');
    expect(formatErrorMessage('en', 'FIELD_TOO_LONG', { field: 'displayName', params: { limit: 50 } })).toBe(
      'Display name is too long: at most 50 characters',
    );
  });

  it('health endpoints answer without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready', database: 'sqlite' });
  });

  it('security headers are set', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('a sane incoming request id is kept', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { 'x-request-id': 'gateway-12345678' } });
    expect(response.headers['x-request-id']).toBe('gateway-12345678');
    expect(response.json().requestId).toBe('gateway-12345678');
    const odd = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { 'x-request-id': '<script>' } });
    expect(odd.json().requestId).not.toBe('<script>');
  });

  it('unknown API paths answer a JSON 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toEqual({ code: 'NOT_FOUND', message: 'The requested address does not exist' });
  });

  it('console routes fall back to index.html', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/users/list' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('console');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('the root path serves the console', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('console');
  });

  it('missing hashed assets answer 404, not the page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/assets/index-deadbeef.js' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });

  it('files added after start are served', async () => {
    fs.mkdirSync(path.join(webDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(webDir, 'assets', 'late-1234.js'), 'export {};');
    const response = await t.app.inject({ method: 'GET', url: '/assets/late-1234.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('malformed JSON and wrong content types are named', async () => {
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('BODY_INVALID_JSON');
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=a',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('JSON without its content type gets 415', async () => {
    const payload = JSON.stringify({ username: 'a', password: 'b' });
    for (const headers of [{ 'content-type': 'text/plain' }, {}]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        headers: { ...headers, 'accept-language': 'en' },
        payload,
      });
      expect(response.statusCode, JSON.stringify(headers)).toBe(415);
      expect(response.json().error).toEqual({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Unsupported content type: send the body as JSON with the header Content-Type: application/json',
      });
    }
  });

  it('prototype keys are rejected by name', async () => {
    const payloads = [
      ['{"username":"a","__proto__":{"admin":true}}', '__proto__'],
      ['{"username":{"constructor":{"prototype":{"admin":true}}}}', 'constructor'],
    ];
    for (const [payload, key] of payloads) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        payload,
      });
      expect(response.statusCode, key).toBe(400);
      expect(response.json().error).toEqual({
        code: 'BODY_FORBIDDEN_KEY',
        message: `The request body contains the forbidden key "${key}"; remove it and try again`,
      });
    }
  });

  it('enrolment token is labelled as the enrolment code', async () => {
    const enrolment = await t.app.inject({
      method: 'POST',
      url: '/api/public/checkpoint-enrolments',
      payload: {},
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(enrolment.json().error).toEqual({ code: 'FIELD_REQUIRED', field: 'token', message: '请填写绑定码' });
    expect(formatErrorMessage('zh-CN', 'FIELD_REQUIRED', { field: 'token' })).toBe('请填写申报链接');
  });

  it('messages with a field label read once', () => {
    expect(formatErrorMessage('zh-CN', 'CHECKPOINT_NOT_ASSIGNED', { field: 'checkpointId' })).not.toContain('卡口对应的卡口');
    expect(formatErrorMessage('en', 'CHECKPOINT_NOT_ASSIGNED', { field: 'checkpointId' })).not.toContain('in checkpoint');
    expect(formatErrorMessage('zh-CN', 'SITE_NOT_FOUND', { field: 'siteId' })).toBe('在您的辖区内找不到该场所');
    expect(formatErrorMessage('en', 'SITE_NOT_FOUND', { field: 'siteId' })).toBe('The site was not found within your area.');
    expect(formatErrorMessage('zh-CN', 'CHECKPOINT_SITE_NOT_ALLOWED', { field: 'siteId' })).toContain('转运');
  });

  it('English messages start with a capital', () => {
    expect(formatErrorMessage('en', 'FIELD_REQUIRED', { field: 'siteId' })).toBe('Site is required');
    expect(formatErrorMessage('en', 'FIELD_TOO_FEW_ITEMS', { field: 'items', params: { limit: 1 } })).toBe(
      'Registrations: too few items, the minimum is 1',
    );
  });

  it('oversized bodies are rejected', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'a', password: 'x'.repeat(2_000_000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('internal errors hide details behind the request id', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/test-crash' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('hunter2');
    expect(response.json().error.code).toBe('INTERNAL_ERROR');
    expect(response.json().requestId).toBe(response.headers['x-request-id']);
  });

  it('OpenAPI document lists the routes with schemas', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    for (const route of [
      '/api/auth/sign-in',
      '/api/users',
      '/api/users/{id}',
      '/api/jurisdictions/{code}/children',
      '/api/devices',
      '/api/audit',
    ]) {
      expect(Object.keys(document.paths), route).toContain(route);
    }
    expect(document.paths['/api/users'].post.requestBody.content['application/json'].schema.required).toEqual([
      'username',
      'displayName',
      'role',
      'nodeCode',
    ]);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('made-up cookies count against the address', async () => {
    const limited = await createTestApp('sqlite', { publicRateLimit: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await limited.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        remoteAddress: '10.1.1.1',
        headers: { cookie: `cordon_session=made-up-${i}` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    await limited.close();
  });

  it('responses carry only declared fields', async () => {
    const session = await signIn(t.app, 'admin', t.adminPassword);
    const me = await request(t.app, session, { method: 'GET', url: '/api/auth/me' });
    expect(Object.keys(me.json().user).sort()).toEqual([
      'displayName',
      'id',
      'mustChangePassword',
      'nodeCode',
      'nodeName',
      'nodePath',
      'role',
      'username',
    ]);
    expect(me.body).not.toContain('password_hash');
  });
  it('sign-in is rate limited per address', async () => {
    const limited = await createTestApp('sqlite', { signInRateLimit: 3 });
    const attempts = [];
    for (let i = 0; i < 4; i++) {
      attempts.push(
        await limited.app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          remoteAddress: '10.9.8.7',
          payload: { username: 'nobody', password: 'nothing-123' },
        }),
      );
    }
    expect(attempts.slice(0, 3).map((response) => response.statusCode)).toEqual([401, 401, 401]);
    expect(attempts[3]?.statusCode).toBe(429);
    expect(attempts[3]?.json().error.code).toBe('RATE_LIMITED');
    const otherAddress = await limited.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: '10.9.8.6',
      payload: { username: 'admin', password: limited.adminPassword },
    });
    expect(otherAddress.statusCode).toBe(200);
    await limited.close();
  });
});
