/**
 * Client of the public declaration API (/api/public/declare), which residents
 * reach without an account. It is kept apart from request.ts because that
 * client sends the console's language and treats a 401 as an expired staff
 * session, while here a 401 means an invalid link and the language is one of
 * the four public ones.
 */
import type { DeclarationSymptom } from '@cordon/core';
import { ApiError } from './request.js';

const BASE = '/api/public/declare';

/** Maximum length of the current location, in characters (Unicode code points). */
export const MAX_LOCATION_LENGTH = 100;

/** The one code the server returns for an expired, revoked or unknown token. */
export const LINK_INVALID = 'DECLARATION_LINK_INVALID';
export const WINDOW_CLOSED = 'DECLARATION_WINDOW_CLOSED';

/** One day's declaration window, such as 07:00–10:00 on 2026-12-05, as the link lookup returns it. */
export interface WindowState {
  /** Day in China and the window's number from 1, such as "2026-12-05/1". */
  key: string;
  /** YYYY-MM-DD in Asia/Shanghai. */
  day: string;
  index: number;
  start: string;
  end: string;
  open: boolean;
  /** True when the window has closed and a declaration made now counts as late for it. */
  late: boolean;
}

export interface Declaration {
  id: string;
  /** °C with one decimal. */
  temperature: number;
  symptoms: DeclarationSymptom[];
  location: string | null;
  late: boolean;
  declaredAt: string;
  updatedAt: string;
  editable: boolean;
}

export interface LinkState {
  person: { maskedName: string; preferredLanguage: string | null };
  /** The open window, or the last closed one when none is open; null before the first window ever. */
  window: WindowState | null;
  nextWindow: WindowState | null;
  /** The person's declaration for `window`, if any. */
  declaration: Declaration | null;
}

export interface CodeSent {
  resendAfterSeconds: number;
  expiresInMinutes: number;
}

export interface CodeVerified {
  token: string;
  expiresAt: string;
  /** Present when the phone belongs to several persons: each declaration then names one by index. */
  persons?: Array<{ index: number; maskedName: string }>;
}

export interface DeclarationRequest {
  temperature: number;
  symptoms: DeclarationSymptom[];
  location?: string;
  personIndex?: number;
}

export interface DeclarationSaved {
  declaration: Declaration;
  abnormal: boolean;
}

/** Hooks the public page installs: the page's language and the texts of errors the client raises itself. */
export interface PublicRequestHooks {
  getLocale(): string;
  describeClientError(code: 'NETWORK_ERROR' | 'SERVER_UNAVAILABLE' | 'UNEXPECTED_RESPONSE'): string;
}

const hooks: PublicRequestHooks = {
  getLocale: () => 'zh-CN',
  describeClientError: (code) => code,
};

export function configurePublicRequest(overrides: Partial<PublicRequestHooks>): void {
  Object.assign(hooks, overrides);
}

/** Reads the state of a link: the person, the current window and any declaration in it. */
export function getLinkState(token: string, personIndex?: number): Promise<LinkState> {
  const query = personIndex === undefined ? '' : `?personIndex=${personIndex}`;
  return publicRequest<LinkState>('GET', `${BASE}/link/${encodeURIComponent(token)}${query}`);
}

/** Requests a one-time code by SMS. The server returns the same response whether or not the phone is on file. */
export function sendCode(phone: string): Promise<CodeSent> {
  return publicRequest<CodeSent>('POST', `${BASE}/code`, { phone });
}

export function verifyCode(phone: string, code: string): Promise<CodeVerified> {
  return publicRequest<CodeVerified>('POST', `${BASE}/code/verify`, { phone, code });
}

/** Declares for the link's window, or edits the declaration already made in it while it is open. */
export function submitDeclaration(token: string, body: DeclarationRequest): Promise<DeclarationSaved> {
  return publicRequest<DeclarationSaved>('POST', `${BASE}/${encodeURIComponent(token)}`, body);
}

/** Sends a request of a public page: no cookies, the public page's language, and Cordon's error envelope read into an ApiError. */
export async function publicRequest<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': hooks.getLocale() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    // No cookies: the token in the path is the only credential of these calls.
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'omit',
    });
  } catch (cause) {
    throw clientError('NETWORK_ERROR', 0, cause);
  }

  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch (cause) {
    throw clientError(response.ok ? 'UNEXPECTED_RESPONSE' : bareFailureCode(response.status), response.status, cause);
  }
  if (response.ok) return parsed as T;
  throw errorOf(parsed, response.status);
}

interface ErrorEnvelope {
  error?: { code?: unknown; message?: unknown; field?: unknown };
  requestId?: unknown;
}

function errorOf(envelope: unknown, status: number): ApiError {
  const { error: details, requestId } = (envelope ?? {}) as ErrorEnvelope;
  if (!details || typeof details.code !== 'string') return clientError(bareFailureCode(status), status);
  return new ApiError({
    code: details.code,
    message: typeof details.message === 'string' && details.message ? details.message : details.code,
    status,
    field: typeof details.field === 'string' ? details.field : undefined,
    requestId: typeof requestId === 'string' ? requestId : undefined,
  });
}

/** Returns the client code of a failure without Cordon's error envelope, which came from a proxy or load balancer. */
function bareFailureCode(status: number): 'SERVER_UNAVAILABLE' | 'UNEXPECTED_RESPONSE' {
  return [502, 503, 504].includes(status) ? 'SERVER_UNAVAILABLE' : 'UNEXPECTED_RESPONSE';
}

function clientError(code: Parameters<PublicRequestHooks['describeClientError']>[0], status: number, cause?: unknown): ApiError {
  return new ApiError({ code, message: hooks.describeClientError(code), status, cause });
}
