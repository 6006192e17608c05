import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Keys derived from the one master secret, each for one purpose. */
export interface Keys {
  fieldEncryption: Buffer;
  blindIndex: Buffer;
  auditChain: Buffer;
  /** Short, non-secret fingerprint of the master secret for the start-up log. */
  fingerprint: string;
}

export class SecretError extends Error {}

const KEY_FILE = 'secret.key';
const MIN_SECRET_LENGTH = 32;

function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `cordon:${purpose}`, 32));
}

export function deriveKeys(master: Buffer): Keys {
  return {
    fieldEncryption: deriveKey(master, 'field-encryption:v1'),
    blindIndex: deriveKey(master, 'blind-index:v1'),
    auditChain: deriveKey(master, 'audit-chain:v1'),
    fingerprint: createHash('sha256').update(master).digest('hex').slice(0, 12),
  };
}

/**
 * Loads the master secret from CORDON_SECRET, or from `secret.key` in the data
 * folder, creating that file (mode 0600) on first start. The key never goes
 * into the database, so a copy of the database alone reveals no identity
 * numbers. Several instances on one PostgreSQL must share CORDON_SECRET.
 */
export function loadMasterSecret(secret: string | undefined, dataDir: string): { master: Buffer; source: 'env' | 'file' | 'created' } {
  if (secret !== undefined) {
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new SecretError(`CORDON_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
    }
    return { master: Buffer.from(secret, 'utf8'), source: 'env' };
  }

  const file = path.join(dataDir, KEY_FILE);
  if (fs.existsSync(file)) {
    const master = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (master.length < 32) throw new SecretError(`${file} is damaged: it must hold 32 base64-encoded bytes`);
    return { master, source: 'file' };
  }

  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const master = randomBytes(32);
  // "wx" fails if another process created the file in the meantime, instead of overwriting its key.
  fs.writeFileSync(file, master.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return { master, source: 'created' };
}
