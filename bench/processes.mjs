// Child processes of a bench run: the bare Fastify server and the Cordon
// server, their ports, readiness, memory and shutdown.
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const KEPT_OUTPUT_LINES = 40;

/** Returns a TCP port that was free on 127.0.0.1 a moment ago. */
export async function findFreePort() {
  const server = net.createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Reads VmRSS (resident now) and VmHWM (peak resident) of a process, in MiB. */
export function readMemory(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kibOf = (field) => {
    const match = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    if (!match) throw new Error(`${field} missing from /proc/${pid}/status`);
    return Number(match[1]);
  };
  return { rssMiB: kibOf('VmRSS') / 1024, peakRssMiB: kibOf('VmHWM') / 1024 };
}

/** Sends SIGTERM, waits for the exit and falls back to SIGKILL after 15 s. */
export async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
  if (!stopped) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Starts bench/bare-server.mjs and resolves once it reports its port. */
export async function startBareServer(benchDir) {
  const child = fork(path.join(benchDir, 'bare-server.mjs'), [], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message.port));
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`bare server exited before listening (code ${code}, signal ${signal})`)));
  });
  return { child, pid: child.pid, baseUrl: `http://127.0.0.1:${port}` };
}

/**
 * Starts `cordon serve` with the given environment and resolves once
 * /readyz returns 200. `nodeArguments` go to node before the script, for
 * options that NODE_OPTIONS does not take, such as --cpu-prof. The server's
 * output goes to stderr with a prefix, and the last lines are repeated in the
 * error when the server fails to start.
 */
export async function startCordon({ rootDir, env, port, nodeArguments = [] }) {
  const entry = path.join(rootDir, 'packages/server/dist/cli/main.js');
  const child = spawn(process.execPath, [...nodeArguments, entry, 'serve'], { cwd: rootDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const recentLines = [];
  const forward = (chunk) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      recentLines.push(line);
      if (recentLines.length > KEPT_OUTPUT_LINES) recentLines.shift();
      process.stderr.write(`[cordon] ${line}\n`);
    }
  };
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `Cordon server exited during start (code ${child.exitCode}, signal ${child.signalCode}); last output:\n${recentLines.join('\n')}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok) return { child, pid: child.pid, baseUrl };
    } catch {
      // Connection refused until the server listens.
    }
    await sleep(100);
  }
  await stopChild(child);
  throw new Error(`Cordon server not ready after ${READY_TIMEOUT_MS / 1000} s; last output:\n${recentLines.join('\n')}`);
}
