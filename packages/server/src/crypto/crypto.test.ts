import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blindIndex, DecryptionError, decryptField, encryptField } from './field-encryption.js';
import { deriveKeys, loadMasterSecret, SecretError } from './keys.js';

describe('field encryption', () => {
  const keys = deriveKeys(randomBytes(32));

  it('round-trips identity numbers and rare characters', () => {
    for (const value of ['32050519900101123X', '13800000000', '𠀀𪚥', '']) {
      expect(decryptField(keys.fieldEncryption, encryptField(keys.fieldEncryption, value))).toBe(value);
    }
  });

  it('equal values encrypt differently', () => {
    const first = encryptField(keys.fieldEncryption, '13800000000');
    const second = encryptField(keys.fieldEncryption, '13800000000');
    expect(first).not.toBe(second);
    expect(first.startsWith('v1:')).toBe(true);
  });

  it('altered ciphertext fails authentication', () => {
    const stored = encryptField(keys.fieldEncryption, '13800000000');
    const raw = Buffer.from(stored.slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => decryptField(keys.fieldEncryption, `v1:${raw.toString('base64')}`)).toThrow(DecryptionError);
    expect(() => decryptField(keys.fieldEncryption, 'v2:abc')).toThrow(DecryptionError);
    expect(() => decryptField(keys.fieldEncryption, 'v1:')).toThrow(DecryptionError);
    expect(() => decryptField(keys.fieldEncryption, 'v1:AAAA')).toThrow(DecryptionError);
  });

  it('another key cannot decrypt', () => {
    const other = deriveKeys(randomBytes(32));
    const stored = encryptField(keys.fieldEncryption, '13800000000');
    expect(() => decryptField(other.fieldEncryption, stored)).toThrow(DecryptionError);
  });

  it('blind index is keyed, deterministic and kind-separated', () => {
    const other = deriveKeys(randomBytes(32));
    const index = blindIndex(keys.blindIndex, 'phone', '13800000000');
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(blindIndex(keys.blindIndex, 'phone', '13800000000')).toBe(index);
    expect(blindIndex(other.blindIndex, 'phone', '13800000000')).not.toBe(index);
    expect(blindIndex(keys.blindIndex, 'id_number', '13800000000')).not.toBe(index);
  });

  it('purposes get different keys', () => {
    expect(keys.fieldEncryption.equals(keys.blindIndex)).toBe(false);
    expect(keys.blindIndex.equals(keys.auditChain)).toBe(false);
  });
});

describe('master secret', () => {
  const dirs: string[] = [];
  function tempDir() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-secret-'));
    dirs.push(dir);
    return dir;
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('key file is created once with mode 0600', () => {
    const dir = tempDir();
    const first = loadMasterSecret(undefined, dir);
    expect(first.source).toBe('created');
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    const second = loadMasterSecret(undefined, dir);
    expect(second.source).toBe('file');
    expect(second.master.equals(first.master)).toBe(true);
  });

  it('CORDON_SECRET wins and must be long enough', () => {
    const dir = tempDir();
    expect(loadMasterSecret('x'.repeat(32), dir).source).toBe('env');
    expect(fs.existsSync(path.join(dir, 'secret.key'))).toBe(false);
    expect(() => loadMasterSecret('short', dir)).toThrow(SecretError);
  });

  it('a damaged key file is reported', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'secret.key'), 'abc\n');
    expect(() => loadMasterSecret(undefined, dir)).toThrow(/damaged/);
  });
});
