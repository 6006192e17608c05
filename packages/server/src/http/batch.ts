import { formatErrorMessage, type Locale } from '@cordon/core';
import type { TSchema } from 'typebox';
import { AppError } from '../errors/app-error.js';
import { fromValidation } from '../plugins/errors.js';
import { findNestingViolation } from './json-body.js';
import { buildValidatorCompiler } from './validators.js';

/** Serialises a value with object keys sorted, so equal bodies give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      // Keys of one object are distinct, so no two compare equal.
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

type BodyValidator = ((value: unknown) => boolean) & { errors?: Parameters<typeof fromValidation>[0] | null };

const compileValidator = buildValidatorCompiler();

/** Compiles a body schema with the options of the request validator, to check the items of a batch one by one. */
export function compileBodyValidator(schema: TSchema, url: string): BodyValidator {
  return compileValidator({ schema, httpPart: 'body', method: 'POST', url }) as BodyValidator;
}

export interface BatchItemError {
  code: string;
  message: string;
  field?: string;
}

export type BatchItemResult<Stored extends object> = { id: string | null; status: number; error?: BatchItemError } & Partial<Stored>;

/**
 * Maximum nesting of one batch item. A registration nests 4 levels
 * (occupants, an occupant, its symptoms), so anything deeper is malformed.
 */
export const MAX_ITEM_DEPTH = 32;

/** Rejects an item nested deeper than MAX_ITEM_DEPTH, naming its top-level field when there is one. */
function checkItemDepth(item: unknown): void {
  const violation = findNestingViolation(item, MAX_ITEM_DEPTH);
  if (!violation) return;
  const [field] = violation.path;
  const params = { limit: MAX_ITEM_DEPTH };
  throw typeof field === 'string' ? new AppError('FIELD_TOO_DEEP', field, params) : new AppError('BODY_TOO_DEEP', undefined, params);
}

function idOf(item: unknown): string | null {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length <= 64 ? id : null;
}

/**
 * Validates and stores queued items one after another. Each gets the status a
 * single POST would have returned, with the error translated into `locale`,
 * so one invalid item does not block the others. Server failures (5xx and
 * errors that are not AppError) propagate: the phone keeps the whole batch
 * and sends it again, which the idempotent `store` makes safe.
 */
export async function runBatch<Stored extends object>(
  items: unknown[],
  locale: Locale,
  validate: BodyValidator,
  store: (body: unknown) => Promise<{ status: number } & Stored>,
): Promise<BatchItemResult<Stored>[]> {
  const results: BatchItemResult<Stored>[] = [];
  for (const item of items) {
    const id = idOf(item);
    try {
      checkItemDepth(item);
      // The validator fills defaults in place, so it gets a copy of the item.
      const body = structuredClone(item);
      if (!validate(body)) throw fromValidation(validate.errors ?? []);
      results.push({ id, ...(await store(body)) } as BatchItemResult<Stored>);
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode >= 500) throw error;
      const options = { ...(error.field ? { field: error.field } : {}), ...(error.params ? { params: error.params } : {}) };
      const message = formatErrorMessage(locale, error.code, options);
      const field = error.field ? { field: error.field } : {};
      results.push({ id, status: error.statusCode, error: { code: error.code, message, ...field } } as BatchItemResult<Stored>);
    }
  }
  return results;
}
