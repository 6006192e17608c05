import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, DEVICE_KINDS, JURISDICTION_LEVELS, LOCALES, ROLES } from '@cordon/core';
import { describe, expect, it } from 'vitest';
import { AUDIT_FIELD_NAMES } from '../views/audit/data.js';
import { PUBLIC_LOCALES, PUBLIC_NAMESPACES } from './index.js';

const localesDir = dirname(fileURLToPath(import.meta.url));

// Languages the staff console ships complete; every key must exist in each.
const COMPLETE_LOCALES = ['zh-CN', 'en'];

type Tree = { [key: string]: string | Tree };

function namespacesOf(locale: string): string[] {
  return readdirSync(join(localesDir, locale))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

function readNamespace(locale: string, namespace: string): Tree {
  return JSON.parse(readFileSync(join(localesDir, locale, `${namespace}.json`), 'utf8')) as Tree;
}

/** Flattens nested messages to dotted keys: { a: { b: 'x' } } → { 'a.b': 'x' }. */
function flatten(tree: Tree, prefix: string, into: Map<string, unknown>): Map<string, unknown> {
  for (const [key, value] of Object.entries(tree)) {
    const path = `${prefix}.${key}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flatten(value, path, into);
    else into.set(path, value);
  }
  return into;
}

function messagesOf(locale: string, namespaces = namespacesOf(locale)): Map<string, unknown> {
  const messages = new Map<string, unknown>();
  for (const namespace of namespaces) flatten(readNamespace(locale, namespace), namespace, messages);
  return messages;
}

/** Distinct placeholders of a message; a plural message repeats them in each form. */
function placeholdersOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''))].sort();
}

/**
 * Messages that the code reads as plural forms, `t(key, named, count)`, so `|`
 * separates their forms. English needs them where Chinese has one form.
 */
const PLURAL_KEYS = new Set(['visitors.total']);

const [reference = 'zh-CN', ...others] = COMPLETE_LOCALES;
const referenceMessages = messagesOf(reference);

describe('console locale files', () => {
  it.each(others)('%s has the same namespace files as zh-CN', (locale) => {
    expect(namespacesOf(locale)).toEqual(namespacesOf(reference));
  });

  it.each(others)('%s has no key that zh-CN lacks', (locale) => {
    const extra = [...messagesOf(locale).keys()].filter((key) => !referenceMessages.has(key));
    expect(extra).toEqual([]);
  });

  it.each(others)('%s has every key of zh-CN', (locale) => {
    const messages = messagesOf(locale);
    const missing = [...referenceMessages.keys()].filter((key) => !messages.has(key));
    expect(missing).toEqual([]);
  });

  it.each(COMPLETE_LOCALES)('%s messages are non-empty strings', (locale) => {
    const invalid = [...messagesOf(locale)].filter(([, value]) => typeof value !== 'string' || value.trim() === '');
    expect(invalid.map(([key]) => key)).toEqual([]);
  });

  it.each(others)('%s uses the same placeholders as zh-CN', (locale) => {
    const mismatched = [...messagesOf(locale)]
      .filter(([key, value]) => {
        const referenceValue = referenceMessages.get(key);
        if (typeof value !== 'string' || typeof referenceValue !== 'string') return false;
        return placeholdersOf(value).join() !== placeholdersOf(referenceValue).join();
      })
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  // vue-i18n reads @ as a linked message and | as a plural separator, so a
  // literal one breaks the message at run time.
  it.each(COMPLETE_LOCALES)('%s messages avoid vue-i18n syntax characters', (locale) => {
    const unsafe = [...messagesOf(locale)].filter(
      ([key, value]) => typeof value === 'string' && (PLURAL_KEYS.has(key) ? /@/ : /[@|]/).test(value),
    );
    expect(unsafe.map(([key]) => key)).toEqual([]);
  });
});

// Languages that only the public pages speak: their folders hold the public namespaces and nothing else.
const PUBLIC_ONLY_LOCALES = PUBLIC_LOCALES.filter((locale) => !COMPLETE_LOCALES.includes(locale));
const publicNamespaces = [...PUBLIC_NAMESPACES].sort();
const referencePublicMessages = messagesOf(reference, publicNamespaces);

describe('public locale files', () => {
  it('cover the languages of server messages', () => {
    expect([...PUBLIC_LOCALES]).toEqual([...LOCALES]);
  });

  it.each(PUBLIC_LOCALES)('%s has a folder', (locale) => {
    expect(existsSync(join(localesDir, locale))).toBe(true);
  });

  it.each(PUBLIC_ONLY_LOCALES)('%s has only the public namespaces', (locale) => {
    expect(namespacesOf(locale)).toEqual(publicNamespaces);
  });

  it.each(PUBLIC_ONLY_LOCALES)('%s has the same public keys as zh-CN', (locale) => {
    const keys = [...messagesOf(locale).keys()].sort();
    expect(keys).toEqual([...referencePublicMessages.keys()].sort());
  });

  it.each(PUBLIC_ONLY_LOCALES)('%s messages are non-empty strings', (locale) => {
    const invalid = [...messagesOf(locale)].filter(([, value]) => typeof value !== 'string' || value.trim() === '');
    expect(invalid.map(([key]) => key)).toEqual([]);
  });

  it.each(PUBLIC_ONLY_LOCALES)('%s uses the same placeholders as zh-CN', (locale) => {
    const mismatched = [...messagesOf(locale)]
      .filter(([key, value]) => {
        const referenceValue = referencePublicMessages.get(key);
        if (typeof value !== 'string' || typeof referenceValue !== 'string') return true;
        return placeholdersOf(value).join() !== placeholdersOf(referenceValue).join();
      })
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it.each(PUBLIC_ONLY_LOCALES)('%s messages avoid vue-i18n syntax characters', (locale) => {
    const unsafe = [...messagesOf(locale)].filter(([, value]) => typeof value === 'string' && /[@|]/.test(value));
    expect(unsafe.map(([key]) => key)).toEqual([]);
  });
});

/** Lists every .ts and .vue file under src/, except tests and the locale folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'locales' ? [] : sourceFiles(path);
    const isSource = ['.ts', '.vue'].includes(extname(entry.name)) && !entry.name.endsWith('.test.ts');
    return isSource ? [path] : [];
  });
}

describe('console source', () => {
  // Any quoted 'namespace.key' counts, so keys kept in data.ts and route
  // meta are checked too. Keys built at run time, such as `roles.${role}`,
  // are out of reach of this scan; the tests below check those against core.
  it('uses only keys that zh-CN defines', () => {
    const srcDir = join(localesDir, '..');
    const keyPattern = new RegExp(`'((?:${namespacesOf(reference).join('|')})\\.[\\w.]+)'`, 'g');
    const used = sourceFiles(srcDir).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(keyPattern)].map((match) => ({ file, key: match[1] ?? '' })),
    );
    const missing = used.filter(({ key }) => !referenceMessages.has(key));

    expect(used.length).toBeGreaterThan(100);
    expect(missing.map(({ file, key }) => `${file.slice(srcDir.length + 1)}: ${key}`)).toEqual([]);
  });

  it('names every role and level of core', () => {
    const expected = [...ROLES.map((role) => `roles.${role}`), ...JURISDICTION_LEVELS.map((level) => `levels.${level}`)];
    expect(expected.filter((key) => !referenceMessages.has(key))).toEqual([]);
  });

  it('describes the duties of every role', () => {
    const missing = ROLES.map((role) => `dashboard.role.duties.${role}`).filter((key) => !referenceMessages.has(key));
    expect(missing).toEqual([]);
  });

  it('names every device kind of core', () => {
    const missing = DEVICE_KINDS.map((kind) => `devices.kinds.${kind}`).filter((key) => !referenceMessages.has(key));
    expect(missing).toEqual([]);
  });

  // An action code such as user.create is read as the nested key audit.actions.user.create.
  it('names every audit action of core', () => {
    const missing = AUDIT_ACTIONS.map((action) => `audit.actions.${action}`).filter((key) => !referenceMessages.has(key));
    expect(missing).toEqual([]);
  });

  it('names every audit entity type of core', () => {
    const missing = AUDIT_ENTITY_TYPES.map((type) => `audit.entityTypes.${type}`).filter((key) => !referenceMessages.has(key));
    expect(missing).toEqual([]);
  });

  it('labels every field the server writes to the audit log', () => {
    const missing = AUDIT_FIELD_NAMES.map((field) => `audit.fieldNames.${field}`).filter((key) => !referenceMessages.has(key));
    expect(missing).toEqual([]);
  });
});

describe('public page source', () => {
  // A key outside the public namespaces would show zh-CN text on a ja or ko page.
  it('uses only keys of the public namespaces', () => {
    const srcDir = join(localesDir, '..');
    const files = [...sourceFiles(join(srcDir, 'views', 'public')), join(srcDir, 'layouts', 'PublicLayout.vue')];
    const keyPattern = new RegExp(`'((?:${namespacesOf(reference).join('|')})\\.[\\w.]+)'`, 'g');
    const used = files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(keyPattern)].map((match) => match[1] ?? ''));
    const outside = used.filter((key) => !publicNamespaces.some((namespace) => key.startsWith(`${namespace}.`)));

    expect(used.length).toBeGreaterThan(20);
    expect(outside).toEqual([]);
  });
});

describe('flatten', () => {
  it('joins nested keys with dots', () => {
    const flat = flatten({ a: { b: 'x', c: { d: 'y' } } }, 'ns', new Map());
    expect([...flat.keys()]).toEqual(['ns.a.b', 'ns.a.c.d']);
  });
});
