import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Runtime settings, read once from the environment at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  secret: string | undefined;
  adminPassword: string | undefined;
  logLevel: string;
  /** Minutes of inactivity after which a session ends. */
  sessionIdleMinutes: number;
  /** Hours after sign-in after which a session ends whatever the activity. */
  sessionMaxHours: number;
  /** Sign-in attempts allowed per client address per minute. */
  signInRateLimit: number;
  /** Requests allowed per client address per minute on public endpoints. */
  publicRateLimit: number;
  /** Requests allowed per staff session per minute on the API. */
  staffRateLimit: number;
  /** Requests allowed per device key per minute (gate cameras, checkpoint phones). */
  deviceRateLimit: number;
  /** Serve the built staff console from this folder when it exists. */
  webDistDir: string | undefined;
  /** Marks cookies Secure; on by default when NODE_ENV is production. */
  secureCookies: boolean;
  trustProxy: boolean;
  /**
   * Address residents reach the public pages at (https://cordon.example.gov.cn),
   * used in links sent by SMS. Without it a link uses the address the staff
   * member's browser used, or for scheduled messages the server's own.
   */
  publicUrl: string | undefined;
  /** Days a gate event's pictures are kept; a daily job deletes older ones. */
  gatePictureDays: number;
}

export class ConfigError extends Error {}

/**
 * Folder of the installation (the repository root). The default data folder
 * sits there, wherever a command is run from, so that `npx cordon` in a
 * subfolder does not quietly create a second, empty database.
 */
export const INSTALL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function readInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function readFlag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function readPublicUrl(env: NodeJS.ProcessEnv): string | undefined {
  const value = readOptional(env, 'CORDON_PUBLIC_URL');
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      `CORDON_PUBLIC_URL is invalid: "${value}" is not an address. Set it to one such as https://cordon.example.gov.cn`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(
      `CORDON_PUBLIC_URL is invalid: it starts with "${url.protocol}". Use an address that starts with https:// or http://`,
    );
  }
  if (url.search || url.hash)
    throw new ConfigError('CORDON_PUBLIC_URL is invalid: it has a query or a fragment. Remove what follows ? or #');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function readOptional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/**
 * Reads the settings. A relative CORDON_DATA_DIR is taken from the current
 * folder, as shells and service managers expect; without it the data folder
 * is `data/` of the installation.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const configuredDataDir = readOptional(env, 'CORDON_DATA_DIR');
  const dataDir = configuredDataDir ? path.resolve(cwd, configuredDataDir) : path.join(INSTALL_DIR, 'data');
  return {
    port: readInteger(env, 'PORT', 3000, 0, 65535),
    host: readOptional(env, 'HOST') ?? '0.0.0.0',
    dataDir,
    databaseUrl: readOptional(env, 'DATABASE_URL'),
    secret: readOptional(env, 'CORDON_SECRET'),
    adminPassword: readOptional(env, 'CORDON_ADMIN_PASSWORD'),
    logLevel: readOptional(env, 'LOG_LEVEL') ?? 'info',
    sessionIdleMinutes: readInteger(env, 'CORDON_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionMaxHours: readInteger(env, 'CORDON_SESSION_MAX_HOURS', 12, 1, 24 * 30),
    signInRateLimit: readInteger(env, 'CORDON_SIGN_IN_RATE_LIMIT', 30, 1, 1_000_000),
    publicRateLimit: readInteger(env, 'CORDON_PUBLIC_RATE_LIMIT', 300, 1, 1_000_000),
    staffRateLimit: readInteger(env, 'CORDON_STAFF_RATE_LIMIT', 1200, 1, 1_000_000),
    deviceRateLimit: readInteger(env, 'CORDON_DEVICE_RATE_LIMIT', 1200, 1, 1_000_000),
    webDistDir: readOptional(env, 'CORDON_WEB_DIST'),
    secureCookies: readFlag(env, 'CORDON_SECURE_COOKIES', env.NODE_ENV === 'production'),
    trustProxy: readFlag(env, 'CORDON_TRUST_PROXY', false),
    publicUrl: readPublicUrl(env),
    gatePictureDays: readInteger(env, 'CORDON_GATE_PICTURE_DAYS', 30, 1, 3650),
  };
}
