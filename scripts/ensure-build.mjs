// Builds what `npm start` and `npm test` need, skipping what is up to date:
// the TypeScript of core and server (tsc -b is incremental), and the web
// console when any of its sources is newer than packages/web/dist/index.html.
// Flags: --force rebuilds everything, --server-only skips the web console.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');
const serverOnly = process.argv.includes('--server-only');

function run(command, args, label) {
  process.stdout.write(`[build] ${label}\n`);
  const result = spawnSync(process.execPath, [command, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`[build] ${label} failed\n`);
    process.exit(result.status ?? 1);
  }
}

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) {
    if (child === 'node_modules' || child === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
run(tsc, ['-b', 'packages/server', ...(force ? ['--force'] : [])], 'server and core (tsc -b)');

if (!serverOnly) {
  const web = path.join(root, 'packages/web');
  const builtIndex = path.join(web, 'dist/index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'public', 'package.json'].map((entry) => path.join(web, entry));
  sources.push(path.join(root, 'packages/core/src'));
  const builtAt = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
  const stale = force || builtAt === 0 || sources.some((source) => newestMtime(source) > builtAt);
  if (stale) {
    const vite = path.join(root, 'node_modules/vite/bin/vite.js');
    run(vite, ['build', web, '--logLevel', 'warn'], 'web console (vite build)');
  } else {
    process.stdout.write('[build] web console up to date\n');
  }
}
