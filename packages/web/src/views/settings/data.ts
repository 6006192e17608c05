import {
  checkDeclarationWindows,
  formatErrorMessage,
  type Locale,
  MAX_DECLARATION_WINDOWS,
  MAX_QUARANTINE_DAYS,
  MIN_QUARANTINE_DAYS,
  minutesOfTime,
} from '@cordon/core';
import type { DeclarationSettings } from '../declarations/api.js';

/** Bounds the server accepts. */
export const MAX_ARRIVAL_DAYS = 60;
export const MAX_LINK_DAYS = 60;
export { MAX_DECLARATION_WINDOWS, MAX_QUARANTINE_DAYS, MIN_QUARANTINE_DAYS };

export interface DeclarationSettingsForm {
  windows: { start: string; end: string }[];
  homeQuarantine: boolean;
  sites: boolean;
  arrivalsWithinDays: number;
  linkDays: number;
  /** Null when a server does not send the quarantine length; the page then hides the field. */
  quarantineDays: number | null;
}

export function settingsFormOf(settings: DeclarationSettings): DeclarationSettingsForm {
  return {
    windows: settings.windows.map((window) => ({ ...window })),
    homeQuarantine: settings.scope.homeQuarantine,
    sites: settings.scope.sites,
    arrivalsWithinDays: settings.scope.arrivalsWithinDays,
    linkDays: settings.linkDays,
    quarantineDays: settings.quarantineDays ?? null,
  };
}

export function settingsRequestOf(form: DeclarationSettingsForm): Omit<DeclarationSettings, 'updatedAt'> {
  return {
    windows: form.windows.map((window) => ({ start: window.start, end: window.end })),
    scope: { homeQuarantine: form.homeQuarantine, sites: form.sites, arrivalsWithinDays: form.arrivalsWithinDays },
    linkDays: form.linkDays,
    ...(form.quarantineDays === null ? {} : { quarantineDays: form.quarantineDays }),
  };
}

function timeOf(minutes: number): string {
  const capped = Math.min(minutes, 24 * 60);
  return `${String(Math.floor(capped / 60)).padStart(2, '0')}:${String(capped % 60).padStart(2, '0')}`;
}

/**
 * Suggests a window to add: one hour after the last one ends, three hours
 * long, cut at midnight. Returns null when the day has no room left.
 */
export function nextWindowOf(windows: { start: string; end: string }[]): { start: string; end: string } | null {
  const last = windows[windows.length - 1];
  if (!last) return { start: '07:00', end: '10:00' };
  const lastEnd = minutesOfTime(last.end, true);
  if (lastEnd === undefined) return null;
  const start = lastEnd + 60;
  if (start >= 24 * 60) return null;
  return { start: timeOf(start), end: timeOf(start + 180) };
}

/** Checks the windows as the server does; returns the translated problem with the window's position, or null when they are valid. */
export function windowProblemOf(
  windows: { start: string; end: string }[],
  locale: Locale,
): { message: string; index: number | undefined } | null {
  const checked = checkDeclarationWindows(windows);
  if (checked.ok) return null;
  const field = checked.index === undefined ? 'windows' : checked.part;
  return { message: formatErrorMessage(locale, checked.code, { field, params: checked.params }), index: checked.index };
}
