const COMPOUND_KEY = 'cordon.gateCompound';
/** Prefix of the per-compound key of the gate used last, so each compound keeps its own gate. */
const GATE_KEY_PREFIX = 'cordon.gateGate.';

function readItem(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    // Storage can be blocked (private mode, strict settings); the volunteer then chooses again.
    return null;
  }
}

function writeItem(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // See readItem.
  }
}

/** Returns the id of the compound chosen last on this phone, or null. */
export function readSavedCompound(): string | null {
  return readItem(COMPOUND_KEY);
}

export function saveCompound(compoundId: string): void {
  writeItem(COMPOUND_KEY, compoundId);
}

/** Returns the id of the gate used last on this phone at the compound, or null. */
export function readSavedGate(compoundId: string): string | null {
  return readItem(GATE_KEY_PREFIX + compoundId);
}

export function saveGate(compoundId: string, gateId: string): void {
  writeItem(GATE_KEY_PREFIX + compoundId, gateId);
}
