import vue from '@vitejs/plugin-vue';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

const apiTarget = 'http://127.0.0.1:3000';

/**
 * Marks the sources of @cordon/core as free of side effects, so that the
 * bundle keeps only the core exports the web app imports. Core is pure
 * domain logic without I/O, but its package.json does not declare
 * "sideEffects": false, and without it the bundler keeps every data table
 * that core builds at module level (the plate prefixes, for one).
 */
function coreWithoutSideEffects(): Plugin {
  return {
    name: 'cordon-core-without-side-effects',
    transform(code, id) {
      if (!id.includes('/packages/core/src/')) return null;
      return { code, map: null, moduleSideEffects: false };
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [vue(), coreWithoutSideEffects()],
  resolve: {
    // "development" makes @cordon/core resolve to its TypeScript sources, so
    // the console never bundles a stale core dist/.
    conditions: ['development', ...defaultClientConditions],
  },
  define: {
    // vue-i18n 11 reads these bundler flags and warns when they are left undefined.
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'false',
  },
  server: {
    proxy: {
      '/api': { target: apiTarget },
      '/healthz': { target: apiTarget },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
  },
});
