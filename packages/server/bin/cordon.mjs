#!/usr/bin/env node
// Entry point of `npx cordon`: builds the server on first use, then runs the CLI.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  const ensureBuild = fileURLToPath(new URL('../../../scripts/ensure-build.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [ensureBuild, '--server-only'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await import(cli.href);
