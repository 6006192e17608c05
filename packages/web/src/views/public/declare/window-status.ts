import type { LinkState, WindowState } from '../../../api/public-declare.js';

/** A locale key with its parameters. */
export interface Message {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * Phase of the window a declaration made now belongs to. In 'open' the
 * window takes declarations, in 'late' it has closed and a declaration
 * counts as late for it, and in 'closed' nothing can be declared until the
 * next window.
 */
export type WindowPhase = 'open' | 'late' | 'closed';

export function windowPhaseOf(window: WindowState | null): WindowPhase {
  if (window?.open) return 'open';
  if (window?.late) return 'late';
  return 'closed';
}

/** True when the page may show the form: a window takes declarations, and any declaration already in it can still change. */
export function canDeclare(state: LinkState): boolean {
  if (windowPhaseOf(state.window) === 'closed') return false;
  return state.declaration === null || state.declaration.editable;
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Builds "next window at 14:00", with "tomorrow" or the date when the window is on another day in China. */
export function nextWindowMessage(next: WindowState, today: string): Message {
  if (next.day === today) return { key: 'declare.window.nextToday', params: { start: next.start } };
  if (next.day === addDays(today, 1)) return { key: 'declare.window.nextTomorrow', params: { start: next.start } };
  return { key: 'declare.window.nextOn', params: { day: next.day, start: next.start } };
}

/** Builds the lines of the window banner: the current or missed window, then the next one when nothing is open. */
export function windowMessages(state: Pick<LinkState, 'window' | 'nextWindow'>, today: string): Message[] {
  const messages: Message[] = [];
  const window = state.window;
  const phase = windowPhaseOf(window);
  if (window && phase === 'open') messages.push({ key: 'declare.window.open', params: { start: window.start, end: window.end } });
  if (window && phase === 'late') messages.push({ key: 'declare.window.late', params: { start: window.start, end: window.end } });
  if (phase !== 'open' && state.nextWindow) messages.push(nextWindowMessage(state.nextWindow, today));
  return messages;
}

/** Formats an instant as China time, "08:12", with the date in front when it is not `today`. */
export function formatChinaTime(iso: string, today: string): string {
  const local = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  const day = local.slice(0, 10);
  const time = local.slice(11, 16);
  return day === today ? time : `${day} ${time}`;
}
