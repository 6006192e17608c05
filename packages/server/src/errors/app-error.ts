import type { ServerErrorCode } from './catalog.js';
import { statusOfErrorCode } from './catalog.js';

/**
 * An error meant for the client: a stable code from the catalogue (or a
 * parser code of @cordon/core), the field it concerns, and parameters for the
 * translated message. The error handler turns it into the response body.
 */
export class AppError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ServerErrorCode | (string & {}),
    readonly field?: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(code);
    this.name = 'AppError';
    this.statusCode = statusOfErrorCode(code);
  }
}

export function notFound(code: ServerErrorCode, field?: string): AppError {
  return new AppError(code, field);
}
