/**
 * The one HTTP client of the web app. Every call sends the current locale as
 * Accept-Language (so server messages come back translated) and the CSRF
 * token on writes, and turns every failed response into an ApiError.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** Codes the client raises itself when no server error envelope is available. */
export const CLIENT_ERROR_CODES = ['NETWORK_ERROR', 'SERVER_UNAVAILABLE', 'UNEXPECTED_RESPONSE'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

export const PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED';

export interface ApiErrorInit {
  code: string;
  message: string;
  status: number;
  field?: string | undefined;
  requestId?: string | undefined;
  cause?: unknown;
}

/** A failed API call: the server's error code, its translated message and the field it concerns. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;
  readonly requestId: string | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.field = init.field;
    this.requestId = init.requestId;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** App callbacks the client depends on. main.ts installs the real ones, tests their own. */
export interface RequestHooks {
  getLocale(): string;
  getCsrfToken(): string | null;
  /** Message of an error the client raises itself, in the current locale. */
  describeClientError(code: ClientErrorCode): string;
  onUnauthorized(error: ApiError): void;
  onPasswordChangeRequired(error: ApiError): void;
}

const hooks: RequestHooks = {
  getLocale: () => 'zh-CN',
  getCsrfToken: () => null,
  describeClientError: (code) => code,
  onUnauthorized: () => undefined,
  onPasswordChangeRequired: () => undefined,
};

export function configureRequest(overrides: Partial<RequestHooks>): void {
  Object.assign(hooks, overrides);
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** False for calls where a 401 is an expected response, such as sign-in and the session probe. */
  redirectOnUnauthorized?: boolean;
  /** Extra request headers, such as a checkpoint phone's `X-Device-Key`. */
  headers?: Record<string, string>;
}

export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: 'application/json',
    'Accept-Language': hooks.getLocale(),
  };
  if (method !== 'GET') {
    const csrfToken = hooks.getCsrfToken();
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }

  // Fastify rejects an empty body sent as application/json, so the header
  // goes out only with a body.
  let body: string | FormData | undefined;
  if (options.body instanceof FormData) {
    // fetch sets the multipart Content-Type, with its boundary, itself.
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (isAbortError(cause)) throw cause;
    throw clientError('NETWORK_ERROR', 0, undefined, cause);
  }

  if (response.ok) return readSuccessBody<T>(response);

  const error = await readApiError(response);
  if (error.status === 401 && options.redirectOnUnauthorized !== false) {
    hooks.onUnauthorized(error);
  }
  if (error.status === 403 && error.code === PASSWORD_CHANGE_REQUIRED) {
    hooks.onPasswordChangeRequired(error);
  }
  throw error;
}

export function get<T>(path: string, query?: Query, options: Omit<RequestOptions, 'query'> = {}): Promise<T> {
  return request<T>('GET', path, { ...options, query });
}

export function post<T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
  return request<T>('POST', path, { ...options, body });
}

export function patch<T>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
  return request<T>('PATCH', path, { ...options, body });
}

/** Builds a same-origin URL; empty, null and undefined query values are left out. */
export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;

  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function readSuccessBody<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;

  const text = await response.text();
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw clientError('UNEXPECTED_RESPONSE', response.status, requestIdHeader(response), cause);
  }
}

interface ErrorEnvelope {
  error?: { code?: unknown; message?: unknown; field?: unknown };
  requestId?: unknown;
}

async function readApiError(response: Response): Promise<ApiError> {
  const headerRequestId = requestIdHeader(response);
  let envelope: ErrorEnvelope | undefined;
  try {
    envelope = JSON.parse(await response.text()) as ErrorEnvelope;
  } catch {
    envelope = undefined;
  }

  const details = envelope?.error;
  if (details && typeof details.code === 'string') {
    return new ApiError({
      code: details.code,
      message: typeof details.message === 'string' && details.message ? details.message : details.code,
      status: response.status,
      field: typeof details.field === 'string' ? details.field : undefined,
      requestId: typeof envelope?.requestId === 'string' ? envelope.requestId : headerRequestId,
    });
  }

  // Without an envelope the response came from a proxy or load balancer, not from Cordon.
  const code: ClientErrorCode = [502, 503, 504].includes(response.status) ? 'SERVER_UNAVAILABLE' : 'UNEXPECTED_RESPONSE';
  return clientError(code, response.status, headerRequestId);
}

function clientError(code: ClientErrorCode, status: number, requestId?: string, cause?: unknown): ApiError {
  return new ApiError({ code, message: hooks.describeClientError(code), status, requestId, cause });
}

function requestIdHeader(response: Response): string | undefined {
  return response.headers.get('x-request-id') ?? undefined;
}

function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
