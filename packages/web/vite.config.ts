import vue from '@vitejs/plugin-vue';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

const apiTarget = 'http://127.0.0.1:3000';

/**
 * Removes the fallback URL on a public CDN from Vant's icon font. The font
 * is also inlined as a base64 WOFF2, which every supported browser reads,
 * and the console must not reach out to third-party hosts (intranet
 * deployments, the server's Content-Security-Policy).
 */
function vantIconFontWithoutCdn(): Plugin {
  const cdnSource = /,\s*url\(\/\/at\.alicdn\.com\/[^)]*\)\s*format\(["']woff["']\)/g;
  return {
    name: 'cordon-vant-icon-font-without-cdn',
    transform(code, id) {
      if (!/vant\/es\/icon\/index\.css$/.test(id)) return null;
      return { code: code.replace(cdnSource, ''), map: null };
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [vue(), vantIconFontWithoutCdn()],
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
