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

// Public pages and their API carry a resident's link token in the path
// (/d/<token> to declare, /p/<token> for an e-pass, /v/<token> to confirm a
// visitor, /api/public/…/<token>). A reader of the log could act for that
// person, so long opaque segments there are replaced.
const PUBLIC_PATH_PREFIXES = ['/api/public/', '/d/', '/p/', '/v/'];
// A segment that contains a long run of token characters anywhere, so that a
// token with a stray '=', '%20' or '。' around it is hidden as well.
const TOKEN_SEGMENT = /\/[^/]*[A-Za-z0-9_-]{20,}[^/]*/g;

/** Returns the path of a request for the log, without the query string and without a token in a public path. */
export function loggedPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  if (!PUBLIC_PATH_PREFIXES.some((prefix) => path.startsWith(prefix))) return path;
  return path.replace(TOKEN_SEGMENT, '/[token]');
}

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
        return { method: request.method, path: loggedPath(request.url) };
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode };
      },
    },
  };
}
