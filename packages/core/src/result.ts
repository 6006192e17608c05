/**
 * Outcome of every parser in this package. Parsers never throw on bad input:
 * they report a stable error code that the server maps to an HTTP error and
 * the locale files map to a message.
 */
export type ParseResult<T, Code extends string = string> = { ok: true; value: T } | { ok: false; code: Code };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<Code extends string>(code: Code): { ok: false; code: Code } {
  return { ok: false, code };
}
