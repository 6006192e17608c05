import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness.js';

// Requests that fail before any route runs still get a catalogue error in the caller's language.
describe('errors raised before a route', () => {
  let t: TestApp;
  let distDir: string;

  beforeAll(async () => {
    distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-dist-'));
    fs.writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>Cordon</title>');
    t = await createTestApp('sqlite', { webDistDir: distDir });
  });

  afterAll(async () => {
    await t?.close();
    fs.rmSync(distDir, { recursive: true, force: true });
  });

  it('bad percent-encoding is URL_INVALID', async () => {
    for (const url of ['/api/public/declare/link/%ED%A0%80', '/d/%E0%A4%A']) {
      const response = await t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'ja' } });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('URL_INVALID');
      expect(response.headers['content-language']).toBe('ja');
    }
  });

  it('long page segment opens page', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/d/${'Ab9_-'.repeat(80)}` });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<title>Cordon</title>');
  });

  it('long token reaches its route', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/public/declare/link/${'a'.repeat(150)}`,
      headers: { 'accept-language': 'en' },
    });
    expect(response.statusCode).not.toBe(404);
    expect(response.statusCode).toBeLessThan(500);
  });

  it('list limit counts items', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/public/declare/code',
      headers: { 'accept-language': 'en', 'content-type': 'application/json' },
      payload: { phone: ['13800000000'] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).not.toContain('characters');
  });
});
