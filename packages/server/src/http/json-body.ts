import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.js';

/**
 * Maximum nesting of a whole request body. Cordon's deepest body, a batch of
 * registrations with their occupants' symptoms, nests 6 levels. Recursive code
 * such as structuredClone overflows the stack at a few thousand levels.
 */
export const MAX_BODY_DEPTH = 256;

/** Location of the first value nested deeper than allowed: the keys and indexes leading to it. */
export interface NestingViolation {
  path: (string | number)[];
}

interface WalkStep {
  node: unknown;
  depth: number;
  key: string | number | null;
  parent: WalkStep | null;
}

/**
 * Finds the first value nested more than `maxDepth` levels below `value`
 * (an object or array counts one level). It walks with its own stack, so a
 * hostile body cannot overflow the call stack here, and each step links to
 * its parent, so the path is built only for the violation.
 */
export function findNestingViolation(value: unknown, maxDepth: number): NestingViolation | null {
  const stack: WalkStep[] = [{ node: value, depth: 0, key: null, parent: null }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const { node, depth } = step;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= maxDepth) return { path: pathOf(step) };

    const entries: [string | number, unknown][] = Array.isArray(node)
      ? node.map((item, index) => [index, item])
      : Object.entries(node as Record<string, unknown>);
    for (const [key, child] of entries) {
      if (child !== null && typeof child === 'object') stack.push({ node: child, depth: depth + 1, key, parent: step });
    }
  }
  return null;
}

function pathOf(step: WalkStep): (string | number)[] {
  const path: (string | number)[] = [];
  for (let current: WalkStep | null = step; current?.key != null; current = current.parent) path.unshift(current.key);
  return path;
}

/**
 * Returns the first key that could reach an object's prototype once the body
 * is merged into another object: `__proto__`, or `constructor` holding a
 * `prototype`. These are the keys that Fastify's own JSON parser rejects.
 */
export function findForbiddenKey(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }

    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      if (key === '__proto__') return key;
      if (key === 'constructor' && child !== null && typeof child === 'object' && 'prototype' in child) return key;
      stack.push(child);
    }
  }
  return null;
}

/**
 * Replaces Fastify's body parsers: JSON only, checked for depth and forbidden
 * keys, with errors that name the rule the body broke. Without a text/plain
 * parser, a JSON body sent as text/plain gets 415 like any other type.
 * Routes that take uploads register their own parser in their scope.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    let value: unknown;
    try {
      value = JSON.parse(body as string);
    } catch {
      done(new AppError('BODY_INVALID_JSON'), undefined);
      return;
    }

    if (findNestingViolation(value, MAX_BODY_DEPTH)) {
      done(new AppError('BODY_TOO_DEEP', undefined, { limit: MAX_BODY_DEPTH }), undefined);
      return;
    }
    const forbiddenKey = findForbiddenKey(value);
    if (forbiddenKey !== null) {
      done(new AppError('BODY_FORBIDDEN_KEY', undefined, { key: forbiddenKey }), undefined);
      return;
    }
    done(null, value);
  });
}
