const COMPOUND_STORAGE_KEY = 'cordon.gateCompound';

/** Returns the compound chosen last on this phone, or null. */
export function readSavedCompound(): string | null {
  try {
    return globalThis.localStorage?.getItem(COMPOUND_STORAGE_KEY) ?? null;
  } catch {
    // Storage can be blocked (private mode, strict settings); the volunteer then chooses again.
    return null;
  }
}

export function saveCompound(compoundId: string): void {
  try {
    globalThis.localStorage?.setItem(COMPOUND_STORAGE_KEY, compoundId);
  } catch {
    // See readSavedCompound.
  }
}
