import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const BASE_OPTIONS = { removeAdditional: 'all', useDefaults: true, allErrors: false, strict: false } as const;

/**
 * Validators of request parts. Query strings and path parameters arrive as
 * text, so they are coerced ("20" → 20). JSON bodies are not: a body that
 * sends null, a number or an array where a string or boolean belongs is
 * rejected, because coercion would turn {"disabled": null} into false.
 */
export function buildValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strictAjv = new Ajv({ ...BASE_OPTIONS, coerceTypes: false });
  const coercingAjv = new Ajv({ ...BASE_OPTIONS, coerceTypes: 'array' });
  addFormats.default(strictAjv);
  addFormats.default(coercingAjv);

  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strictAjv : coercingAjv;
    return ajv.compile(schema as object);
  };
}
