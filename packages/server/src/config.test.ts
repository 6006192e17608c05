import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, INSTALL_DIR, loadConfig } from './config.js';

describe('configuration', () => {
  it('data folder defaults to the installation', () => {
    expect(loadConfig({}, '/tmp').dataDir).toBe(path.join(INSTALL_DIR, 'data'));
    expect(loadConfig({}, '/').dataDir).toBe(path.join(INSTALL_DIR, 'data'));
  });

  it('relative CORDON_DATA_DIR follows the current folder', () => {
    expect(loadConfig({ CORDON_DATA_DIR: 'cordon-data' }, '/srv').dataDir).toBe('/srv/cordon-data');
    expect(loadConfig({ CORDON_DATA_DIR: '/var/lib/cordon' }, '/srv').dataDir).toBe('/var/lib/cordon');
  });

  it('public address loses its trailing slash', () => {
    expect(loadConfig({ CORDON_PUBLIC_URL: 'https://cordon.example.gov.cn/' }, '/tmp').publicUrl).toBe('https://cordon.example.gov.cn');
    expect(loadConfig({ CORDON_PUBLIC_URL: 'https://gov.cn/cordon/' }, '/tmp').publicUrl).toBe('https://gov.cn/cordon');
  });

  it('defaults match the README', () => {
    const config = loadConfig({}, '/tmp');
    expect(config).toMatchObject({ port: 3000, host: '0.0.0.0', sessionIdleMinutes: 30, sessionMaxHours: 12, signInRateLimit: 30 });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('gate picture retention defaults to 30 days', () => {
    expect(loadConfig({}, '/tmp').gatePictureDays).toBe(30);
    expect(loadConfig({ CORDON_GATE_PICTURE_DAYS: '7' }, '/tmp').gatePictureDays).toBe(7);
  });

  it.each([
    [{ CORDON_GATE_PICTURE_DAYS: '0' }, /CORDON_GATE_PICTURE_DAYS must be a whole number from 1 to 3650/],
    [{ PORT: '70000' }, /PORT must be a whole number from 0 to 65535/],
    [{ PORT: '3.5' }, /PORT/],
    [{ CORDON_SESSION_IDLE_MINUTES: '0' }, /CORDON_SESSION_IDLE_MINUTES/],
    [{ CORDON_SECURE_COOKIES: 'maybe' }, /CORDON_SECURE_COOKIES must be true or false/],
    [{ CORDON_PUBLIC_URL: 'cordon.example.gov.cn' }, /CORDON_PUBLIC_URL is invalid: "cordon.example.gov.cn" is not an address/],
    [{ CORDON_PUBLIC_URL: 'ftp://cordon.example.gov.cn' }, /starts with "ftp:"/],
    [{ CORDON_PUBLIC_URL: 'https://cordon.example.gov.cn/?a=1' }, /has a query or a fragment/],
  ])('rejects %j', (env, message) => {
    expect(() => loadConfig(env, '/tmp')).toThrow(ConfigError);
    expect(() => loadConfig(env, '/tmp')).toThrow(message);
  });
});
