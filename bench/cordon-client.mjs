// Prepares a fresh Cordon server for the benchmarks through its HTTP API:
// the administrator's first sign-in, the Suzhou jurisdiction tree and two
// staff accounts. Passwords and tokens stay in memory and are never printed.
import { randomBytes } from 'node:crypto';

const SESSION_COOKIE = 'cordon_session';
const SIGN_IN_ACCOUNTS = 10;

/** Region whose tree the benchmarks query: Suzhou, with its 2,248 communities and villages. */
export const REGION_CODE = '320500';

/** Community of subdistrict 320508018 (Gusu district) where the staff accounts sit. */
export const STAFF_NODE_CODE = '320508018014';

/** Returns a random password of 38 characters that passes Cordon's strength rules for any bench account. */
export function generatePassword() {
  for (;;) {
    const password = `Bench-${randomBytes(24).toString('base64url')}`;
    if (!/admin/i.test(password)) return password;
  }
}

/**
 * Sends one JSON request and returns the parsed body. Throws on any status
 * other than `expected`, naming the request and the server's error code, but
 * never the request body, which may contain a password.
 */
export async function callApi(baseUrl, { method = 'GET', path, session, body, expected = 200 }) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (session) headers.cookie = session.cookie;
  if (session && method !== 'GET') headers['x-csrf-token'] = session.csrfToken;

  const response = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (response.status !== expected) {
    const code = json?.error?.code ?? 'no error code';
    throw new Error(`${method} ${path} returned ${response.status} (${code}), expected ${expected}`);
  }
  return { response, json };
}

/** Signs in and returns the session: the Cookie header value and the CSRF token. */
async function signIn(baseUrl, username, password) {
  const { response, json } = await callApi(baseUrl, { method: 'POST', path: '/api/auth/sign-in', body: { username, password } });
  const setCookie = response.headers.getSetCookie().find((header) => header.startsWith(`${SESSION_COOKIE}=`));
  if (!setCookie) throw new Error(`sign-in of ${username} set no ${SESSION_COOKIE} cookie`);
  return {
    cookie: setCookie.split(';')[0],
    csrfToken: json.csrfToken,
    mustChangePassword: json.user.mustChangePassword,
  };
}

/** Signs in with a first or temporary password, changes it and returns the session and the new password. */
async function signInAndChangePassword(baseUrl, username, temporaryPassword) {
  const session = await signIn(baseUrl, username, temporaryPassword);
  if (!session.mustChangePassword) throw new Error(`${username} was expected to need a password change`);
  const password = generatePassword();
  await callApi(baseUrl, {
    method: 'POST',
    path: '/api/auth/password',
    session,
    body: { currentPassword: temporaryPassword, newPassword: password },
    expected: 204,
  });
  return { username, password, session };
}

/** Creates a staff account of a role on the staff community, signs it in and changes its password. Returns it with its user id. */
export async function createStaffAccount(baseUrl, adminSession, username, role = 'community_staff') {
  const body = { username, displayName: username, role, nodeCode: STAFF_NODE_CODE };
  const { json } = await callApi(baseUrl, { method: 'POST', path: '/api/users', session: adminSession, body, expected: 201 });
  return { ...(await signInAndChangePassword(baseUrl, username, json.temporaryPassword)), userId: json.user.id };
}

/**
 * Prepares a server that was started with CORDON_ADMIN_PASSWORD on an empty
 * database. Returns the accounts the endpoints in bench/endpoints.mjs use:
 * `admin` and `staff` with a live session, and `signInPool`, community staff
 * accounts whose passwords no longer need a change.
 */
export async function prepareServer(baseUrl, adminFirstPassword) {
  const admin = await signInAndChangePassword(baseUrl, 'admin', adminFirstPassword);

  const { json: load } = await callApi(baseUrl, {
    method: 'POST',
    path: '/api/jurisdictions/load',
    session: admin.session,
    body: { code: REGION_CODE },
  });
  const staff = await createStaffAccount(baseUrl, admin.session, 'bench.staff');
  // Sign-in is measured over several accounts, as staff sign in: one account
  // signing in on ten connections at once is held back by the lockout guard.
  const signInPool = [];
  for (let index = 1; index <= SIGN_IN_ACCOUNTS; index++) {
    signInPool.push(await createStaffAccount(baseUrl, admin.session, `bench.signin${index}`));
  }

  return {
    accounts: { admin, staff, signInPool },
    jurisdictionsLoaded: load.total,
  };
}

/** Builds the autocannon request of an endpoint from bench/endpoints.mjs. A body function may return an array: the run cycles through it. */
export function buildRequest(endpoint, accounts) {
  const method = endpoint.method ?? 'GET';
  const headers = { accept: 'application/json' };
  if (endpoint.account) {
    const { session } = accounts[endpoint.account];
    headers.cookie = session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = session.csrfToken;
  }
  let bodies;
  if (endpoint.body !== undefined) {
    headers['content-type'] = 'application/json';
    const value = typeof endpoint.body === 'function' ? endpoint.body(accounts) : endpoint.body;
    bodies = (Array.isArray(value) ? value : [value]).map((item) => JSON.stringify(item));
  }
  return { method, path: endpoint.path, headers, body: bodies?.[0], bodies };
}

/** Sends an endpoint's request once and throws unless the status is 2xx. */
export async function checkEndpoint(baseUrl, request) {
  const response = await fetch(baseUrl + request.path, { method: request.method, headers: request.headers, body: request.body });
  const text = await response.text();
  if (response.status < 200 || response.status > 299) {
    let code = 'no error code';
    try {
      code = JSON.parse(text).error?.code ?? code;
    } catch {
      // Not JSON: the status alone has to do.
    }
    throw new Error(
      `${request.method} ${request.path} returned ${response.status} (${code}) before the run; fix the endpoint entry or its preparation`,
    );
  }
}
