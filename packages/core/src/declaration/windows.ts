import { failed, passed, type DeclarationCheck } from './result.js';

/** A daily declaration window in China's local time, such as 07:00–10:00. The end is exclusive. */
export interface DeclarationWindow {
  /** "HH:MM", 00:00 to 23:59. */
  start: string;
  /** "HH:MM", after the start; 24:00 closes the window at midnight. */
  end: string;
}

export const DEFAULT_DECLARATION_WINDOWS: readonly DeclarationWindow[] = [
  { start: '07:00', end: '10:00' },
  { start: '14:00', end: '17:00' },
];

/** More windows a day than anyone can keep up with; also bounds the work of every lookup. */
export const MAX_DECLARATION_WINDOWS = 12;

export const DECLARATION_WINDOW_ERROR_CODES = [
  'DECLARATION_WINDOWS_EMPTY',
  'DECLARATION_WINDOWS_TOO_MANY',
  'DECLARATION_WINDOW_TIME_INVALID',
  'DECLARATION_WINDOW_END_BEFORE_START',
  'DECLARATION_WINDOWS_NOT_IN_ORDER',
  'DECLARATION_WINDOW_OVERLAP',
] as const;
export type WindowErrorCode = (typeof DECLARATION_WINDOW_ERROR_CODES)[number];

/** A rejected window list: the code, and the position and part of the window at fault. */
export type WindowsCheck = DeclarationCheck<DeclarationWindow[], WindowErrorCode> & {
  /** 0-based position of the window at fault, absent for errors of the whole list. */
  index?: number;
  part?: 'start' | 'end';
};

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Converts "HH:MM" to minutes after midnight; "24:00" only where `allowMidnightEnd` is set. */
export function minutesOfTime(value: string, allowMidnightEnd = false): number | undefined {
  if (allowMidnightEnd && value === '24:00') return 24 * 60;
  const match = TIME.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * Checks a list of windows: at least one and at most 12, each a valid
 * start before its end, listed in order of their start and not overlapping.
 * Messages number the windows from 1, as people count them.
 */
export function checkDeclarationWindows(input: readonly { start: unknown; end: unknown }[]): WindowsCheck {
  if (input.length === 0) return failed('DECLARATION_WINDOWS_EMPTY');
  if (input.length > MAX_DECLARATION_WINDOWS) return failed('DECLARATION_WINDOWS_TOO_MANY', { max: MAX_DECLARATION_WINDOWS });

  const windows: DeclarationWindow[] = [];
  for (const [index, window] of input.entries()) {
    const number = index + 1;
    const start = typeof window.start === 'string' ? minutesOfTime(window.start) : undefined;
    if (start === undefined) {
      return {
        ...failed('DECLARATION_WINDOW_TIME_INVALID', { window: number, value: String(window.start).slice(0, 20) }),
        index,
        part: 'start',
      };
    }
    const end = typeof window.end === 'string' ? minutesOfTime(window.end, true) : undefined;
    if (end === undefined) {
      return {
        ...failed('DECLARATION_WINDOW_TIME_INVALID', { window: number, value: String(window.end).slice(0, 20) }),
        index,
        part: 'end',
      };
    }
    const startText = window.start as string;
    const endText = window.end as string;
    if (end <= start) {
      return { ...failed('DECLARATION_WINDOW_END_BEFORE_START', { window: number, start: startText, end: endText }), index, part: 'end' };
    }

    const previous = windows[index - 1];
    if (previous) {
      const previousStart = minutesOfTime(previous.start) as number;
      const previousEnd = minutesOfTime(previous.end, true) as number;
      if (start < previousStart) {
        return { ...failed('DECLARATION_WINDOWS_NOT_IN_ORDER', { window: number, previous: number - 1 }), index, part: 'start' };
      }
      if (start < previousEnd) {
        const params = { window: number, other: number - 1, start: startText, end: endText };
        return { ...failed('DECLARATION_WINDOW_OVERLAP', params), index, part: 'start' };
      }
    }
    windows.push({ start: startText, end: endText });
  }
  return passed(windows);
}
