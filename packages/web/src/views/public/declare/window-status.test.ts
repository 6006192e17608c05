import { describe, expect, it } from 'vitest';
import type { Declaration, LinkState, WindowState } from '../../../api/public-declare.js';
import { canDeclare, formatChinaTime, nextWindowMessage, windowMessages, windowPhaseOf } from './window-status.js';

function windowOf(overrides: Partial<WindowState> = {}): WindowState {
  return { key: '2026-12-05/1', day: '2026-12-05', index: 0, start: '07:00', end: '10:00', open: true, late: false, ...overrides };
}

const NEXT = windowOf({ key: '2026-12-05/2', index: 1, start: '14:00', end: '17:00', open: false });

function declarationOf(editable: boolean): Declaration {
  const at = '2026-12-05T00:30:00.000Z';
  return { id: 'd1', temperature: 36.6, symptoms: ['none'], location: null, late: false, declaredAt: at, updatedAt: at, editable };
}

function stateOf(window: WindowState | null, declaration: Declaration | null = null): LinkState {
  return { person: { maskedName: '张*', preferredLanguage: null }, window, nextWindow: NEXT, declaration };
}

describe('windowPhaseOf', () => {
  it('reads open, late and closed', () => {
    expect(windowPhaseOf(windowOf())).toBe('open');
    expect(windowPhaseOf(windowOf({ open: false, late: true }))).toBe('late');
    expect(windowPhaseOf(windowOf({ open: false, late: false }))).toBe('closed');
    expect(windowPhaseOf(null)).toBe('closed');
  });
});

describe('canDeclare', () => {
  it('opens the form in an open or missed window', () => {
    expect(canDeclare(stateOf(windowOf()))).toBe(true);
    expect(canDeclare(stateOf(windowOf({ open: false, late: true })))).toBe(true);
  });

  it('keeps an editable declaration open', () => {
    expect(canDeclare(stateOf(windowOf(), declarationOf(true)))).toBe(true);
  });

  it('locks a declaration that can no longer change', () => {
    expect(canDeclare(stateOf(windowOf({ open: false, late: true }), declarationOf(false)))).toBe(false);
  });

  it('has nothing to declare between windows', () => {
    expect(canDeclare(stateOf(null))).toBe(false);
  });
});

describe('windowMessages', () => {
  it('names the open window only', () => {
    expect(windowMessages(stateOf(windowOf()), '2026-12-05')).toEqual([
      { key: 'declare.window.open', params: { start: '07:00', end: '10:00' } },
    ]);
  });

  it('names a missed window and the next one', () => {
    expect(windowMessages(stateOf(windowOf({ open: false, late: true })), '2026-12-05')).toEqual([
      { key: 'declare.window.late', params: { start: '07:00', end: '10:00' } },
      { key: 'declare.window.nextToday', params: { start: '14:00' } },
    ]);
  });

  it('names only the next window before the first', () => {
    expect(windowMessages(stateOf(null), '2026-12-05')).toEqual([{ key: 'declare.window.nextToday', params: { start: '14:00' } }]);
  });
});

describe('nextWindowMessage', () => {
  it('says tomorrow for the next day', () => {
    expect(nextWindowMessage(windowOf({ day: '2026-12-06' }), '2026-12-05')).toEqual({
      key: 'declare.window.nextTomorrow',
      params: { start: '07:00' },
    });
  });

  it('crosses a month end', () => {
    expect(nextWindowMessage(windowOf({ day: '2027-01-01' }), '2026-12-31').key).toBe('declare.window.nextTomorrow');
  });

  it('gives the date further ahead', () => {
    expect(nextWindowMessage(windowOf({ day: '2026-12-08' }), '2026-12-05')).toEqual({
      key: 'declare.window.nextOn',
      params: { day: '2026-12-08', start: '07:00' },
    });
  });
});

describe('formatChinaTime', () => {
  it('shows China time of a UTC instant', () => {
    expect(formatChinaTime('2026-12-05T00:12:00.000Z', '2026-12-05')).toBe('08:12');
  });

  it('adds the date of another day', () => {
    // 16:20 UTC is 00:20 of the next day in China.
    expect(formatChinaTime('2026-12-04T16:20:00.000Z', '2026-12-04')).toBe('2026-12-05 00:20');
  });
});
