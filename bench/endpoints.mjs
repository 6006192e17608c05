// The endpoints that `npm run bench` measures, in report order. Add a line
// here to measure another endpoint; bench/run.mjs needs no change.
//
//   title    the row label in docs/benchmarks.md
//   method   HTTP method, GET when omitted
//   path     request path on the Cordon server
//   account  whose session cookie to send: 'admin', or 'staff' for the
//            community staff account on 320508018014. Omit it to send no
//            cookie. Non-GET requests with a cookie also send X-CSRF-Token.
//   body     JSON body, or a function of the prepared accounts returning it
//
// Every response must be 2xx: run.mjs checks each endpoint once before
// measuring it and counts non-2xx responses during the run.

/** The baseline, served by bench/bare-server.mjs. */
export const BARE_ENDPOINT = { title: 'bare Fastify JSON', method: 'GET', path: '/bare' };

export const ENDPOINTS = [
  {
    title: 'sign in (argon2id)',
    method: 'POST',
    path: '/api/auth/sign-in',
    body: (accounts) => accounts.signInPool.map((account) => ({ username: account.username, password: account.password })),
  },
  { title: 'current session', path: '/api/auth/me', account: 'staff' },
  { title: 'jurisdiction root', path: '/api/jurisdictions/root', account: 'admin' },
  { title: 'children of a subdistrict', path: '/api/jurisdictions/320508018/children', account: 'admin' },
];
