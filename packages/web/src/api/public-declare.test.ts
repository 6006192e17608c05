import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configurePublicRequest, getLinkState, sendCode, submitDeclaration, verifyCode } from './public-declare.js';
import { ApiError } from './request.js';

const fetchMock = vi.fn<typeof fetch>();

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function lastCall(): { url: string; init: RequestInit; headers: Headers } {
  const [url, init = {}] = fetchMock.mock.calls.at(-1) ?? [];
  return { url: String(url), init, headers: new Headers(init.headers) };
}

async function captureError(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

beforeEach(() => {
  vi.stubGlobal('fetch', fetchMock);
  configurePublicRequest({ getLocale: () => 'ko', describeClientError: (code) => `client:${code}` });
});

afterEach(() => {
  fetchMock.mockReset();
  vi.unstubAllGlobals();
});

describe('public declaration client', () => {
  it('sends the page language and no cookies', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { person: {}, window: null, nextWindow: null, declaration: null }));
    await getLinkState('tok/en');

    const { url, init, headers } = lastCall();
    expect(url).toBe('/api/public/declare/link/tok%2Fen');
    expect(init.method).toBe('GET');
    expect(init.credentials).toBe('omit');
    expect(headers.get('accept-language')).toBe('ko');
    expect(headers.get('content-type')).toBeNull();
  });

  it('asks for the link of one family member', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, {}));
    await getLinkState('abc', 1);
    expect(lastCall().url).toBe('/api/public/declare/link/abc?personIndex=1');
  });

  it('posts JSON bodies', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, { declaration: {}, abnormal: false }));
    await submitDeclaration('abc', { temperature: 36.6, symptoms: ['none'] });

    const { url, init, headers } = lastCall();
    expect(url).toBe('/api/public/declare/abc');
    expect(init.method).toBe('POST');
    expect(headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(String(init.body))).toEqual({ temperature: 36.6, symptoms: ['none'] });
  });

  it('calls the code endpoints', async () => {
    fetchMock.mockResolvedValue(jsonResponse(202, { resendAfterSeconds: 60, expiresInMinutes: 10 }));
    expect(await sendCode('13800000000')).toEqual({ resendAfterSeconds: 60, expiresInMinutes: 10 });
    expect(lastCall().url).toBe('/api/public/declare/code');

    fetchMock.mockResolvedValue(jsonResponse(200, { token: 't', expiresAt: '2026-12-05T04:00:00.000Z' }));
    await verifyCode('13800000000', '123456');
    expect(lastCall().url).toBe('/api/public/declare/code/verify');
    expect(JSON.parse(String(lastCall().init.body))).toEqual({ phone: '13800000000', code: '123456' });
  });

  it('keeps the code, message and field of a server error', async () => {
    const envelope = { error: { code: 'DECLARATION_TEMPERATURE_OUT_OF_RANGE', message: '체온은…', field: 'temperature' }, requestId: 'r1' };
    fetchMock.mockResolvedValue(jsonResponse(400, envelope));
    const error = await captureError(submitDeclaration('abc', { temperature: 43, symptoms: ['none'] }));

    expect(error.code).toBe('DECLARATION_TEMPERATURE_OUT_OF_RANGE');
    expect(error.message).toBe('체온은…');
    expect(error.field).toBe('temperature');
    expect(error.status).toBe(400);
    expect(error.requestId).toBe('r1');
  });

  it('reports an invalid link as its code', async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, { error: { code: 'DECLARATION_LINK_INVALID', message: 'm' } }));
    const error = await captureError(getLinkState('gone'));
    expect(error.code).toBe('DECLARATION_LINK_INVALID');
    expect(error.status).toBe(401);
  });

  it('turns a failed fetch into NETWORK_ERROR', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const error = await captureError(getLinkState('abc'));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toBe('client:NETWORK_ERROR');
  });

  it('reads a proxy page as SERVER_UNAVAILABLE', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect((await captureError(getLinkState('abc'))).code).toBe('SERVER_UNAVAILABLE');
  });

  it('reads a body without an envelope as UNEXPECTED_RESPONSE', async () => {
    fetchMock.mockResolvedValue(jsonResponse(400, { message: 'no envelope' }));
    expect((await captureError(getLinkState('abc'))).code).toBe('UNEXPECTED_RESPONSE');
  });

  it('reads a success that is not JSON as UNEXPECTED_RESPONSE', async () => {
    fetchMock.mockResolvedValue(new Response('<html>', { status: 200 }));
    expect((await captureError(getLinkState('abc'))).code).toBe('UNEXPECTED_RESPONSE');
  });
});
