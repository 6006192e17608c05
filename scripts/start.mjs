// `npm start`: builds what is missing or stale, then runs `cordon serve` in
// this same process. The npm script execs it, so npm's shell is replaced by
// this process and the SIGTERM that npm forwards reaches the server, which
// shuts down cleanly instead of being left running without its parent.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [path.join(root, 'scripts/ensure-build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const cli = path.join(root, 'packages/server/dist/cli/main.js');
process.argv = [process.argv[0] ?? process.execPath, cli, 'serve', ...process.argv.slice(2)];
await import(pathToFileURL(cli).href);
