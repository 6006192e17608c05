import type { Locale } from '../locales.js';
import en from '../locales/en/quarantine.json' with { type: 'json' };
import ja from '../locales/ja/quarantine.json' with { type: 'json' };
import ko from '../locales/ko/quarantine.json' with { type: 'json' };
import zhCN from '../locales/zh-CN/quarantine.json' with { type: 'json' };

/** Printable notices: the home-quarantine notice (居家隔离告知书) and the release notice (解除隔离告知单). */
export const NOTICE_KINDS = ['notice', 'release'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Document-number prefixes used when the `quarantine.noticePrefixes` setting is absent. */
export const DEFAULT_NOTICE_PREFIXES: Record<NoticeKind, string> = { notice: '苏隔告', release: '苏解隔' };

const NOTICE_FILES = { 'zh-CN': zhCN, en, ja, ko } as const;

/** The facts printed on a notice. Days are YYYY-MM-DD; the document is already masked. */
export interface NoticeFacts {
  number: string;
  name: string;
  documentMasked: string;
  address: string;
  community: string;
  startOn: string;
  plannedEndOn: string;
  /** Day of the release; required for the release notice. */
  endedOn: string | null;
  days: number;
  issuedOn: string;
}

/** The text of one page of a notice in one language, ready to lay out. */
export interface NoticePage {
  locale: Locale;
  title: string;
  /** Line saying that a page in another language is a translation; empty on the Chinese page. */
  translationNote: string;
  fields: Array<{ label: string; value: string }>;
  salutation: string;
  paragraphs: string[];
  requirements: string[];
  closing: string;
  signature: string;
  issuer: string;
  issuedOn: string;
}

/**
 * Formats a document number as offices write it: prefix, year in hexagonal
 * brackets (〔〕, as GB/T 9704 prescribes for document numbers) and a six-digit
 * sequence, "苏隔告〔2026〕第000123号".
 */
export function formatNoticeNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}〔${year}〕第${String(sequence).padStart(6, '0')}号`;
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = values[name];
    return value === undefined ? placeholder : String(value);
  });
}

/** Writes a calendar day (YYYY-MM-DD) the way a notice in the locale does. */
export function formatNoticeDate(locale: Locale, day: string): string {
  const [year = '', mm = '', dd = ''] = day.split('-');
  return fill(NOTICE_FILES[locale].notices.dateFormat, { year, mm, dd, month: Number(mm), day: Number(dd) });
}

/** Builds the text of one page of a notice from the locale files. */
export function noticePageOf(locale: Locale, kind: NoticeKind, facts: NoticeFacts): NoticePage {
  const texts = NOTICE_FILES[locale].notices;
  const body = texts[kind];
  const date = (day: string | null) => (day === null ? '' : formatNoticeDate(locale, day));
  const values = {
    name: facts.name,
    address: facts.address,
    community: facts.community,
    days: facts.days,
    startOn: date(facts.startOn),
    plannedEndOn: date(facts.plannedEndOn),
    endedOn: date(facts.endedOn),
  };

  const fields = [
    { label: texts.labels.number, value: facts.number },
    { label: texts.labels.name, value: facts.name },
    { label: texts.labels.document, value: facts.documentMasked },
    { label: texts.labels.address, value: facts.address },
    { label: texts.labels.period, value: fill(texts.periodText, values) },
    ...(kind === 'release' ? [{ label: texts.labels.endedOn, value: values.endedOn }] : []),
    { label: texts.labels.community, value: facts.community },
  ];
  return {
    locale,
    title: body.title,
    translationNote: texts.translationNote,
    fields,
    salutation: fill(body.salutation, values),
    paragraphs: body.paragraphs.map((paragraph) => fill(paragraph, values)),
    requirements: body.requirements.map((requirement, index) => `${index + 1}. ${requirement}`),
    closing: body.closing,
    signature: body.signature,
    issuer: facts.community,
    issuedOn: date(facts.issuedOn),
  };
}

/**
 * Lists the pages of a notice: the Chinese page, which is the notice itself,
 * and a translated page when the person prefers English, Japanese or Korean.
 */
export function noticePagesOf(kind: NoticeKind, facts: NoticeFacts, preferredLanguage: string | null): NoticePage[] {
  const pages = [noticePageOf('zh-CN', kind, facts)];
  if (preferredLanguage === 'en' || preferredLanguage === 'ja' || preferredLanguage === 'ko') {
    pages.push(noticePageOf(preferredLanguage, kind, facts));
  }
  return pages;
}

/** Name of a half-day of observation in a locale, as the notices and lists print it. */
export function observationPeriodLabel(locale: Locale, period: 'morning' | 'afternoon'): string {
  return NOTICE_FILES[locale].notices.periodLabels[period];
}
