/**
 * Outcome of the declaration checks. Like the parsers' ParseResult, but a
 * failure also carries the parameters its message needs (the window's
 * number, the rejected value), so the message can name what is wrong.
 */
export type DeclarationCheck<T, Code extends string = string> =
  { ok: true; value: T } | { ok: false; code: Code; params: Record<string, string | number> };

export function passed<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function failed<Code extends string>(code: Code, params: Record<string, string | number> = {}) {
  return { ok: false as const, code, params };
}
