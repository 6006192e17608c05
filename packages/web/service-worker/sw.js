/* global self, caches */
// Cordon's service worker. The build (cordonServiceWorker in vite.config.ts)
// fills in the two placeholders below and writes the result to dist/sw.js.
//
// Caching rules:
// - install: precache index.html, every hashed file under /assets/ and the
//   files of public/ (web app manifest, icons);
// - page loads (navigation requests): network first, the cached index.html
//   when the network fails, so /m/... and console pages open offline;
// - /assets/*: cache first, because Vite puts a content hash in each name;
// - /api/* and /healthz: never intercepted, so never cached. IndexedDB contains
//   the screening visit queue and cache, and the checkpoint registration
//   queue, device key and last checkpoint context;
// - activate: delete the caches of earlier builds;
// - message { type: 'claim' }: take over a page that missed the claim at
//   activation because it was loading while the worker installed.
//
// Update rule: a new build changes CACHE_VERSION, so the browser installs the
// new worker on its next update check. skipWaiting and clients.claim make it
// take over open pages at once, and the page reloads a route whose chunk the
// new worker no longer serves (offline/service-worker.ts).

// NOTE: the list covers the whole console, not only the phone pages, so the
// first visit downloads every route's files, console pages included.
const CACHE_VERSION = '__CACHE_VERSION__';
const PRECACHE_URLS = /* __PRECACHE_URLS__ */ [];

const CACHE_PREFIX = 'cordon-';
const CACHE_NAME = `${CACHE_PREFIX}${CACHE_VERSION}`;
const APP_SHELL = '/index.html';

function isNeverCached(pathname) {
  return pathname === '/api' || pathname.startsWith('/api/') || pathname === '/healthz';
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE_NAME)
      // cache: 'reload' skips the HTTP cache, so a stale index.html never lands in a new cache.
      .then((cache) => cache.addAll(PRECACHE_URLS.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME).map((name) => caches.delete(name))),
      )
      .then(() => self.clients.claim()),
  );
});

// A page loaded during installation sends this message to be claimed (offline/service-worker.ts).
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'claim') event.waitUntil(self.clients.claim());
});

async function networkFirstPage(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.match(APP_SHELL, { cacheName: CACHE_NAME });
    if (shell) return shell;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE_NAME);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  // A lazily loaded file missing from the precache list is kept for the next offline load.
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isNeverCached(url.pathname)) return;

  if (request.mode === 'navigate') {
    event.respondWith(networkFirstPage(request));
  } else if (url.pathname.startsWith('/assets/') || PRECACHE_URLS.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});
