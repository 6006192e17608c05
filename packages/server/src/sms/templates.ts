import { LOCALES, type Locale } from '@cordon/core';
import en from './templates/en.json' with { type: 'json' };
import ja from './templates/ja.json' with { type: 'json' };
import ko from './templates/ko.json' with { type: 'json' };
import zhCN from './templates/zh-CN.json' with { type: 'json' };

/** Template codes senders may use. Each locale file has every one of them. */
export const SMS_TEMPLATES = [
  'declaration_link',
  'declaration_code',
  'declaration_reminder',
  'gate_pass_link',
  'gate_alert',
  'visitor_confirm',
  'gate_alert_test',
] as const;
export type SmsTemplate = (typeof SMS_TEMPLATES)[number];

interface TemplateFile {
  /**
   * Signature (签名) in front of every message, as providers in China send it: Alibaba Cloud SMS and
   * Huawei Cloud SMS put the signature they approved at the start of each message.
   */
  sign: string;
  /**
   * Texts by template code. A key "<code>+<param>" is a variant used when the
   * optional parameter is given, e.g. "declaration_link+name".
   */
  templates: Record<string, string>;
}

const FILES: Record<Locale, TemplateFile> = { 'zh-CN': zhCN, en, ja, ko };

const PLACEHOLDER = /\{([A-Za-z_]+)\}/g;

/**
 * A template that does not exist or lacks a parameter: a programming error of
 * the sender. The message names the template, locale and parameter, never a
 * parameter's value (a link or code is a credential).
 */
export class SmsTemplateError extends Error {
  constructor(
    message: string,
    readonly template: string,
    readonly locale: string,
  ) {
    super(message);
    this.name = 'SmsTemplateError';
  }
}

function isGiven(value: string | undefined): value is string {
  return typeof value === 'string' && value !== '';
}

/** Picks the variant with the most optional parameters that the caller gave, or the base text. */
function selectText(file: TemplateFile, template: string, params: Record<string, string>): string | undefined {
  let best: { text: string; extras: number } | undefined;
  for (const [key, text] of Object.entries(file.templates)) {
    const [code, ...extras] = key.split('+');
    if (code !== template || !extras.every((name) => isGiven(params[name]))) continue;
    if (!best || extras.length > best.extras) best = { text, extras: extras.length };
  }
  return best?.text;
}

/**
 * Renders a template in a locale, with the locale's sign in front. Every
 * placeholder must have a non-empty value; parameters the text does not use
 * are ignored. Values are inserted as they are, in one pass, so a value
 * containing "{x}" is not expanded again.
 */
export function renderSmsTemplate(template: string, locale: string, params: Record<string, string>): string {
  if (!(LOCALES as readonly string[]).includes(locale)) {
    throw new SmsTemplateError(`SMS locale "${locale}" is not one of ${LOCALES.join(', ')}`, template, locale);
  }
  const file = FILES[locale as Locale];
  const text = selectText(file, template, params);
  if (text === undefined) {
    throw new SmsTemplateError(`SMS template "${template}" does not exist; known templates: ${SMS_TEMPLATES.join(', ')}`, template, locale);
  }

  const missing = [...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string).filter((name) => !isGiven(params[name]));
  if (missing.length > 0) {
    throw new SmsTemplateError(`SMS template "${template}" (${locale}) is missing the parameter ${missing.join(', ')}`, template, locale);
  }
  return file.sign + text.replace(PLACEHOLDER, (_match, name: string) => params[name] as string);
}

/** Collects the placeholder names of every text of every locale, for the consistency test of the locale files. */
export function placeholdersByLocale(): Record<Locale, Record<string, string[]>> {
  const result = {} as Record<Locale, Record<string, string[]>>;
  for (const locale of LOCALES) {
    const entries = Object.entries(FILES[locale].templates).map(([key, text]) => {
      const names = [...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string).sort();
      return [key, names] as const;
    });
    result[locale] = Object.fromEntries(entries);
  }
  return result;
}
