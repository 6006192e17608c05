import { type DeclarationWindow, type WindowOccurrence, windowsAt } from '@cordon/core';

/** The window a declaration made at an instant belongs to, and the one after it. */
export interface DeclarationTarget {
  /** The open window, or else the last closed one, for which the declaration counts as late. */
  window: WindowOccurrence;
  open: boolean;
  next: WindowOccurrence;
}

export function declarationTargetAt(windows: readonly DeclarationWindow[], now: Date): DeclarationTarget {
  const around = windowsAt(windows, now);
  return { window: around.open ?? around.lastClosed, open: around.open !== null, next: around.next };
}

/** Converts a window to its public API form. `late` is true when a declaration made now would be marked late. */
export function windowViewOf(window: WindowOccurrence, open: boolean, late: boolean) {
  return { key: window.key, day: window.day, index: window.index, start: window.start, end: window.end, open, late };
}
