import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, configureRequest, get, patch, post, request } from './request.js';

const fetchMock = vi.fn<typeof fetch>();
const onUnauthorized = vi.fn();
const onPasswordChangeRequired = vi.fn();

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function errorEnvelope(code: string, message: string, field?: string) {
  return { error: { code, message, ...(field ? { field } : {}) }, requestId: 'req-1' };
}

async function captureError(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

function lastRequest(): { url: string; init: RequestInit; headers: Headers } {
  const [url, init = {}] = fetchMock.mock.calls.at(-1) ?? [];
  return { url: String(url), init, headers: new Headers(init.headers) };
}

beforeEach(() => {
  vi.stubGlobal('fetch', fetchMock);
  configureRequest({
    getLocale: () => 'en',
    getCsrfToken: () => 'csrf-123',
    describeClientError: (code) => `client:${code}`,
    onUnauthorized,
    onPasswordChangeRequired,
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  fetchMock.mockReset();
  onUnauthorized.mockReset();
  onPasswordChangeRequired.mockReset();
});

describe('request headers', () => {
  it('sends the locale as Accept-Language', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { ok: true }));
    await get('/api/users');
    expect(lastRequest().headers.get('Accept-Language')).toBe('en');
  });

  it('sends the CSRF token on writes', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, {}));
    await patch('/api/users/1', { displayName: 'Li Lei' });
    expect(lastRequest().headers.get('X-CSRF-Token')).toBe('csrf-123');
  });

  it('omits the CSRF token on reads', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, {}));
    await get('/api/users');
    expect(lastRequest().headers.has('X-CSRF-Token')).toBe(false);
  });

  it('uses same-origin credentials', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, {}));
    await get('/api/auth/me');
    expect(lastRequest().init.credentials).toBe('same-origin');
  });

  it('sends a JSON body with its content type', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, {}));
    await post('/api/users', { username: 'li' });
    const { init, headers } = lastRequest();
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(init.body).toBe('{"username":"li"}');
  });

  it('sends no content type without a body', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await post('/api/auth/sign-out');
    const { init, headers } = lastRequest();
    expect(headers.has('Content-Type')).toBe(false);
    expect(init.body).toBeUndefined();
  });
});

describe('request success bodies', () => {
  it('parses JSON', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { items: [1, 2], total: 2 }));
    await expect(get('/api/users')).resolves.toEqual({ items: [1, 2], total: 2 });
  });

  it('returns undefined for 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(post('/api/auth/password', { currentPassword: 'a', newPassword: 'b' })).resolves.toBeUndefined();
  });

  it('rejects a body that is not JSON', async () => {
    fetchMock.mockResolvedValue(new Response('<html></html>', { status: 200 }));
    const error = await captureError(get('/api/users'));
    expect(error.code).toBe('UNEXPECTED_RESPONSE');
    expect(error.message).toBe('client:UNEXPECTED_RESPONSE');
  });
});

describe('request error mapping', () => {
  it('maps the envelope to an ApiError', async () => {
    fetchMock.mockResolvedValue(jsonResponse(409, errorEnvelope('USERNAME_TAKEN', 'The username li is taken', 'username')));
    const error = await captureError(post('/api/users', { username: 'li' }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('USERNAME_TAKEN');
    expect(error.message).toBe('The username li is taken');
    expect(error.field).toBe('username');
    expect(error.status).toBe(409);
    expect(error.requestId).toBe('req-1');
  });

  it('leaves field undefined when the server names none', async () => {
    fetchMock.mockResolvedValue(jsonResponse(423, errorEnvelope('AUTH_ACCOUNT_LOCKED', 'Locked')));
    const error = await captureError(post('/api/auth/sign-in', {}, { redirectOnUnauthorized: false }));
    expect(error.code).toBe('AUTH_ACCOUNT_LOCKED');
    expect(error.field).toBeUndefined();
  });

  it('falls back to the code when the message is missing', async () => {
    fetchMock.mockResolvedValue(jsonResponse(400, { error: { code: 'VALIDATION_FAILED' }, requestId: 'req-2' }));
    const error = await captureError(get('/api/users'));
    expect(error.message).toBe('VALIDATION_FAILED');
  });

  it('takes the request id from the header without an envelope id', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(404, { error: { code: 'JURISDICTION_NOT_FOUND', message: 'Not found' } }, { 'x-request-id': 'hdr-9' }),
    );
    const error = await captureError(get('/api/jurisdictions/1'));
    expect(error.requestId).toBe('hdr-9');
  });

  it('maps a gateway error page to SERVER_UNAVAILABLE', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad Gateway</html>', { status: 502 }));
    const error = await captureError(get('/api/users'));
    expect(error.code).toBe('SERVER_UNAVAILABLE');
    expect(error.status).toBe(502);
    expect(error.message).toBe('client:SERVER_UNAVAILABLE');
  });

  it('maps a non-envelope error to UNEXPECTED_RESPONSE', async () => {
    fetchMock.mockResolvedValue(jsonResponse(500, { message: 'boom' }));
    const error = await captureError(get('/api/users'));
    expect(error.code).toBe('UNEXPECTED_RESPONSE');
    expect(error.status).toBe(500);
  });

  it('maps a failed fetch to NETWORK_ERROR', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const error = await captureError(get('/api/users'));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.status).toBe(0);
    expect(error.message).toBe('client:NETWORK_ERROR');
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('rethrows an abort unchanged', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    fetchMock.mockRejectedValue(abort);
    await expect(get('/api/users')).rejects.toBe(abort);
  });
});

describe('request session hooks', () => {
  it('reports a 401 to onUnauthorized', async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, errorEnvelope('AUTH_SESSION_EXPIRED', 'Session expired')));
    const error = await captureError(get('/api/users'));
    expect(onUnauthorized).toHaveBeenCalledExactlyOnceWith(error);
  });

  it('keeps a 401 from sign-in away from onUnauthorized', async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, errorEnvelope('AUTH_INVALID_CREDENTIALS', 'Wrong')));
    await captureError(post('/api/auth/sign-in', {}, { redirectOnUnauthorized: false }));
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('reports PASSWORD_CHANGE_REQUIRED', async () => {
    fetchMock.mockResolvedValue(jsonResponse(403, errorEnvelope('PASSWORD_CHANGE_REQUIRED', 'Change it')));
    await captureError(get('/api/users'));
    expect(onPasswordChangeRequired).toHaveBeenCalledOnce();
  });

  it('does not treat other 403s as a password change', async () => {
    fetchMock.mockResolvedValue(jsonResponse(403, errorEnvelope('CSRF_TOKEN_INVALID', 'Bad token')));
    await captureError(request('DELETE', '/api/x'));
    expect(onPasswordChangeRequired).not.toHaveBeenCalled();
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});

describe('buildUrl', () => {
  it('leaves out empty query values', () => {
    expect(buildUrl('/api/users', { q: '', role: undefined, nodeCode: null, page: 2 })).toBe('/api/users?page=2');
  });

  it('returns the path without a query', () => {
    expect(buildUrl('/api/users', { q: '' })).toBe('/api/users');
  });

  it('encodes values', () => {
    expect(buildUrl('/api/jurisdictions/search', { q: '姑苏 区' })).toBe('/api/jurisdictions/search?q=%E5%A7%91%E8%8B%8F+%E5%8C%BA');
  });
});
