import type { Router } from 'vue-router';

const RELOAD_MARK_KEY = 'cordon.chunkReloadAt';
// A second failure within this time is not retried, so a page that cannot load never reloads in a loop.
const RELOAD_GUARD_MS = 10_000;

/** True for the error a browser raises when a lazily loaded route's script cannot be fetched. */
function isChunkLoadError(error: unknown): boolean {
  return error instanceof TypeError && /dynamically imported module|Importing a module script failed/i.test(error.message);
}

/**
 * Registers /sw.js, which lets the pages open without a network, and
 * reloads a navigation whose route script failed to load. That happens
 * after a new build's worker took over: it deleted the previous build's
 * files, which the open page still requests.
 */
export function registerServiceWorker(router: Router): void {
  if (!('serviceWorker' in navigator)) return;

  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      console.warn('service worker not registered: the pages need a network to open', error);
    });
  });

  // A page whose navigation started while the worker was still installing
  // misses the worker's claim at activation and would stay uncontrolled until
  // the next page load, so it could not reopen offline. Ask the active
  // worker to claim it.
  void navigator.serviceWorker.ready.then((registration) => {
    if (!navigator.serviceWorker.controller) registration.active?.postMessage({ type: 'claim' });
  });

  router.onError((error, to) => {
    if (!isChunkLoadError(error)) return;
    const lastReload = Number(sessionStorage.getItem(RELOAD_MARK_KEY) ?? 0);
    if (Date.now() - lastReload < RELOAD_GUARD_MS) return;
    sessionStorage.setItem(RELOAD_MARK_KEY, String(Date.now()));
    window.location.assign(to.fullPath);
  });
}
