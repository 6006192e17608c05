import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../server/bin/cordon.mjs', import.meta.url));

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** The administrator's one-time password as printed on first start; never logged by the tests. */
  adminPassword: string;
  stop(): Promise<void>;
}

function environment(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, CORDON_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extra };
}

/** Runs a `cordon` command against the data folder and throws with its output when it fails. */
export function runCordon(dataDir: string, args: string[]): string {
  const result = spawnSync(process.execPath, [BIN, ...args], { env: environment(dataDir), encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`cordon ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/**
 * Starts the real server, built as `npm start` builds it, on a free port with
 * a fresh SQLite database, and reads the administrator's one-time password
 * from what it prints on first start.
 */
export async function startServer(prepare?: (dataDir: string) => void): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-e2e-'));
  prepare?.(dataDir);
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve'], {
    env: environment(dataDir, { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }),
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));

  const started = await new Promise<{ port: number; password: string }>((resolve, reject) => {
    const timer = setInterval(() => {
      const port = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      const password = /one-time password[^:]*:\s*(\S+)/.exec(output)?.[1];
      if (port && password) {
        clearInterval(timer);
        resolve({ port: Number(port), password });
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error('server exited before it was ready'));
    });
  });

  return {
    baseUrl: `http://127.0.0.1:${started.port}`,
    dataDir,
    adminPassword: started.password,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
