import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

const SERVICE_WORKER_TEMPLATE = fileURLToPath(new URL('./service-worker/sw.js', import.meta.url));
const VERSION_PLACEHOLDER = "'__CACHE_VERSION__'";
const PRECACHE_PLACEHOLDER = '/* __PRECACHE_URLS__ */ []';

/** Lists the files under `directory` as paths relative to it, with forward slashes. */
function listFiles(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/**
 * Writes dist/sw.js from service-worker/sw.js with the list of files to
 * precache: every file of the bundle and of public/, except source maps. The
 * cache version is a SHA-256 over those files and the worker's template, so
 * any change to the build installs a new worker.
 */
function cordonServiceWorker(): Plugin {
  let publicDir = '';
  return {
    name: 'cordon-service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const files = new Map<string, string | Uint8Array>();
      for (const [fileName, output] of Object.entries(bundle)) {
        files.set(fileName, output.type === 'chunk' ? output.code : output.source);
      }
      for (const fileName of listFiles(publicDir)) files.set(fileName, fs.readFileSync(path.join(publicDir, fileName)));

      const template = fs.readFileSync(SERVICE_WORKER_TEMPLATE, 'utf8');
      if (!template.includes(VERSION_PLACEHOLDER) || !template.includes(PRECACHE_PLACEHOLDER)) {
        throw new Error(`${SERVICE_WORKER_TEMPLATE} is missing ${VERSION_PLACEHOLDER} or ${PRECACHE_PLACEHOLDER}`);
      }

      const hash = createHash('sha256').update(template);
      const urls: string[] = [];
      for (const fileName of [...files.keys()].filter((name) => !name.endsWith('.map')).sort()) {
        urls.push(`/${fileName}`);
        hash.update(fileName).update(files.get(fileName) ?? '');
      }
      const version = hash.digest('hex').slice(0, 16);

      const source = template
        .replace(VERSION_PLACEHOLDER, () => JSON.stringify(version))
        .replace(PRECACHE_PLACEHOLDER, () => JSON.stringify(urls));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [vue(), vantIconFontWithoutCdn(), cordonServiceWorker()],
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
