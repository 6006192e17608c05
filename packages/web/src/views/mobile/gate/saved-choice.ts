/** Storage keys of the compound and the gate the volunteer chose last on this phone. */
const STORAGE_KEYS = { compound: 'cordon.gateCompound', gate: 'cordon.gateGate' } as const;

/** Returns the id of the compound or gate chosen last on this phone, or null. */
export function readSavedChoice(kind: keyof typeof STORAGE_KEYS): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEYS[kind]) ?? null;
  } catch {
    // Storage can be blocked (private mode, strict settings); the volunteer then chooses again.
    return null;
  }
}

export function saveChoice(kind: keyof typeof STORAGE_KEYS, id: string): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEYS[kind], id);
  } catch {
    // See readSavedChoice.
  }
}
