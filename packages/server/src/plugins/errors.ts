import { formatErrorMessage, negotiateLocale } from '@cordon/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors/app-error.js';

interface AjvIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

const KEYWORD_CODES: Record<string, string> = {
  required: 'FIELD_REQUIRED',
  type: 'FIELD_TYPE_INVALID',
  minLength: 'FIELD_TOO_SHORT',
  maxLength: 'FIELD_TOO_LONG',
  minimum: 'FIELD_OUT_OF_RANGE',
  maximum: 'FIELD_OUT_OF_RANGE',
  exclusiveMinimum: 'FIELD_OUT_OF_RANGE',
  exclusiveMaximum: 'FIELD_OUT_OF_RANGE',
  enum: 'FIELD_NOT_ALLOWED',
  const: 'FIELD_NOT_ALLOWED',
  pattern: 'FIELD_FORMAT_INVALID',
  format: 'FIELD_FORMAT_INVALID',
  additionalProperties: 'FIELD_UNKNOWN',
  minItems: 'FIELD_TOO_FEW_ITEMS',
  maxItems: 'FIELD_TOO_MANY_ITEMS',
};

/** Maps the first schema violation to a catalogue code and the field's name. */
export function fromValidation(issues: AjvIssue[]): AppError {
  const issue = issues[0];
  if (!issue) return new AppError('VALIDATION_FAILED');

  const pathParts = issue.instancePath.split('/').filter(Boolean);
  if (issue.keyword === 'required' && typeof issue.params.missingProperty === 'string') {
    pathParts.push(issue.params.missingProperty);
  }
  if (issue.keyword === 'additionalProperties' && typeof issue.params.additionalProperty === 'string') {
    pathParts.push(issue.params.additionalProperty);
  }
  const field = pathParts.join('.') || undefined;
  // A body that is not a JSON object at all (an array, a string, text/plain) has no field to name.
  if (!field && issue.keyword === 'type') return new AppError('BODY_INVALID');
  const limit = issue.params.limit;
  const params: Record<string, string | number> = {};
  if (typeof limit === 'number') params.limit = limit;
  return new AppError(KEYWORD_CODES[issue.keyword] ?? 'VALIDATION_FAILED', field, params);
}

/** Formats a byte count as the largest whole binary unit: 65536 → "64 KiB". */
export function formatByteSize(bytes: number): string {
  if (bytes >= 1_048_576 && bytes % 1_048_576 === 0) return `${bytes / 1_048_576} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} B`;
}

/**
 * Maps Fastify's own errors (body parsing, rate limit) to catalogue codes.
 * `bodyLimit` is the route's, in bytes, and `acceptedContentTypes` the route's own list for a 415.
 */
function fromFastifyError(error: FastifyError, bodyLimit: number, acceptedContentTypes?: readonly string[]): AppError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('BODY_INVALID_JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('BODY_TOO_LARGE', undefined, { limit: formatByteSize(bodyLimit) });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      // A route that takes XML or multipart names its types, so the message does not ask for JSON.
      if (acceptedContentTypes?.length)
        return new AppError('CONTENT_TYPE_NOT_ACCEPTED', undefined, { types: acceptedContentTypes.join(', ') });
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    // @fastify/static refuses a path it cannot resolve safely (a very long segment, a NUL byte).
    case 'FST_STATIC_FORBIDDEN_PATH':
      return new AppError('NOT_FOUND');
  }
  if (error.statusCode === 429) return new AppError('RATE_LIMITED');
  if (error.statusCode === 400 && error.message?.includes('JSON')) return new AppError('BODY_INVALID_JSON');
  return undefined;
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const locale = negotiateLocale(request.headers['accept-language']);
  const options: { field?: string; params?: Record<string, string | number> } = {};
  // A route may label a field differently from the shared label, as the enrolment's `token` is not a declaration link.
  if (error.field) options.field = request.routeOptions.config?.fieldLabels?.[error.field] ?? error.field;
  if (error.params) options.params = error.params;
  const body = {
    error: {
      code: error.code,
      message: formatErrorMessage(locale, error.code, options),
      ...(error.field ? { field: error.field } : {}),
    },
    requestId: request.id,
  };
  return reply.status(error.statusCode).header('content-language', locale).send(body);
}

/**
 * Sends every error response. Known errors keep their code and field.
 * Anything else is logged and becomes INTERNAL_ERROR with the request id, so
 * internals never reach the client.
 */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let appError: AppError | undefined;
    if (error instanceof AppError) appError = error;
    else if (error.validation) appError = fromValidation(error.validation as unknown as AjvIssue[]);
    else {
      const bodyLimit = request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1_048_576;
      appError = fromFastifyError(error, bodyLimit, request.routeOptions.config?.acceptedContentTypes);
    }

    if (!appError) {
      request.log.error({ err: error }, 'unhandled error');
      return sendError(request, reply, new AppError('INTERNAL_ERROR'));
    }
    if (appError.statusCode >= 500) request.log.error({ err: error, code: appError.code }, 'request failed');
    else request.log.info({ code: appError.code, field: appError.field }, 'request rejected');
    return sendError(request, reply, appError);
  });
});
