import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPassword } from '../testing/harness.js';

// These tests run the built CLI as an operator would; `npm test` builds it first.
const BIN = fileURLToPath(new URL('../../bin/cordon.mjs', import.meta.url));

function cleanEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, CORDON_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...extra };
  return env;
}

function runCli(dataDir: string, args: string[], extra: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { env: cleanEnv(dataDir, extra), encoding: 'utf8', timeout: 120_000 });
}

interface Served {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

async function startServer(dataDir: string, extra: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env: cleanEnv(dataDir, { PORT: '0', HOST: '127.0.0.1', ...extra }) });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(Number(match[1]));
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code} before listening`));
    });
  });
  return { child, port, output: () => output, exited };
}

describe('cordon command line', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-cli-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('first start prints a one-time password once', async () => {
    const first = await startServer(dataDir);
    const health = await fetch(`http://127.0.0.1:${first.port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(first.output()).toMatch(/one-time password/);
    expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dataDir, 'cordon.sqlite')).mode & 0o777).toBe(0o600);
    expect(first.output()).toMatch(/open http:\/\/127\.0\.0\.1:\d+ in a browser/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/"msg":"stopped"/);

    const second = await startServer(dataDir);
    expect(second.output()).not.toMatch(/one-time password/);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('logs carry no password', async () => {
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-cli-'));
    const password = testPassword();
    const served = await startServer(otherDir, { CORDON_ADMIN_PASSWORD: password });
    const response = await fetch(`http://127.0.0.1:${served.port}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(response.status).toBe(200);
    served.child.kill('SIGTERM');
    await served.exited;
    expect(served.output()).not.toContain(password);
    expect(served.output()).not.toMatch(/one-time password/);
    fs.rmSync(otherDir, { recursive: true, force: true });
  });

  it('regions load builds Suzhou with all 2,248 communities and villages', () => {
    const result = runCli(dataDir, ['regions', 'load', '320500']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/region 320500: \d+ nodes, \d+ added/);

    const db = new Database(path.join(dataDir, 'cordon.sqlite'), { readonly: true });
    const communities = db
      .prepare("SELECT count(*) AS n FROM jurisdictions WHERE level = 'community' AND path LIKE '/CN/320000/320500/%'")
      .get() as { n: number };
    const districts = db.prepare("SELECT name FROM jurisdictions WHERE parent_code = '320500' ORDER BY code").all() as Array<{
      name: string;
    }>;
    db.close();
    expect(communities.n).toBe(2248);
    expect(districts.map((row) => row.name)).toContain('姑苏区');

    const again = runCli(dataDir, ['regions', 'load', '320500']);
    expect(again.stdout).toMatch(/, 0 added/);
  });

  it('regions load rejects unknown codes', () => {
    const result = runCli(dataDir, ['regions', 'load', '999999'], { LANG: 'en_US.UTF-8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^cordon: .+ \(REGION_NOT_FOUND\)\n$/);
    const chinese = runCli(dataDir, ['regions', 'load', '32x'], { LANG: 'zh_CN.UTF-8' });
    expect(chinese.stderr).toContain('区划代码无效');
  });

  it('user create validates the role', () => {
    const bad = runCli(dataDir, ['user', 'create', '--username', 'wang', '--role', 'mayor', '--node', '320508']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('must be one of');
    const good = runCli(dataDir, ['user', 'create', '--username', 'wang.hq', '--role', 'hq', '--node', '3205']);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/wang\.hq\s+hq\s+\S{16}/);
  });

  it('demo creates one account of each role', () => {
    const result = runCli(dataDir, ['demo']);
    expect(result.status, result.stderr).toBe(0);
    for (const role of [
      'admin',
      'hq',
      'subdistrict_staff',
      'community_staff',
      'grid_worker',
      'doctor',
      'checkpoint_officer',
      'gate_guard',
    ]) {
      expect(result.stdout).toMatch(new RegExp(`demo-\\S+\\s+${role}\\s`));
    }
    const again = runCli(dataDir, ['demo']);
    expect(again.stdout).toContain('already present, unchanged');
  });

  it('audit verify detects an edited row', () => {
    const intact = runCli(dataDir, ['audit', 'verify']);
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(/audit log intact: \d+ entries checked/);

    const db = new Database(path.join(dataDir, 'cordon.sqlite'));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET action = 'user.delete' WHERE seq = 2").run();
    db.close();

    const broken = runCli(dataDir, ['audit', 'verify']);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('BROKEN at seq 2');
  });

  it('user reset-password issues a one-time password', () => {
    const result = runCli(dataDir, ['user', 'reset-password', 'Wang.HQ']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/one-time password of wang\.hq: \S{16}/);
    const unknown = runCli(dataDir, ['user', 'reset-password', 'nobody']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('USER_NOT_FOUND');
  });

  it('user disable and enable switch an account', () => {
    const off = runCli(dataDir, ['user', 'disable', 'demo-admin']);
    expect(off.status, off.stderr).toBe(0);
    expect(off.stdout).toBe('demo-admin: disabled\n');
    const on = runCli(dataDir, ['user', 'enable', 'demo-admin']);
    expect(on.stdout).toBe('demo-admin: enabled\n');
  });

  it('migrate reports an up-to-date database', () => {
    const result = runCli(dataDir, ['migrate']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('database is up to date');
  });

  it('a different master secret is refused', () => {
    const result = runCli(dataDir, ['migrate'], { CORDON_SECRET: 'x'.repeat(40) });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the master secret differs');
  });

  it('bad configuration is named', () => {
    const result = runCli(dataDir, ['migrate'], { PORT: 'eighty' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT must be a whole number');
    const secret = runCli(dataDir, ['migrate'], { CORDON_SECRET: 'short' });
    expect(secret.stderr).toContain('CORDON_SECRET must be at least 32 characters');
  });
});
