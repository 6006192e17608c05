import type { FastifyServerOptions } from 'fastify';

// Paths pino replaces with "[redacted]". Request bodies are never logged, but
// services log objects too: any of these keys, at the top or one level down,
// is hidden wherever it appears.
const SENSITIVE_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'temporaryPassword',
  'token',
  'csrfToken',
  'key',
  'secret',
  'cookie',
  'authorization',
  'name',
  'displayName',
  'idNumber',
  'documentNumber',
  'phone',
  'address',
  'temperature',
  'symptoms',
];

const REDACT_PATHS = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((key) => `*.${key}`),
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-device-key"]',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

/**
 * Pino options of the server: request id on every line, no query strings
 * (searches carry names and numbers), personal fields and secrets redacted.
 */
export function buildLoggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req(request: { method: string; url: string; ip?: string }) {
        return { method: request.method, path: request.url.split('?')[0] };
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode };
      },
    },
  };
}
