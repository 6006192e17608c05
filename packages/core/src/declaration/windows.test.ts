import { expect, test } from 'vitest';
import { checkDeclarationWindows } from './windows.js';

test('default windows pass', () => {
  const windows = [
    { start: '07:00', end: '10:00' },
    { start: '14:00', end: '17:00' },
  ];

  expect(checkDeclarationWindows(windows)).toEqual({ ok: true, value: windows });
});

test('adjacent windows pass', () => {
  const result = checkDeclarationWindows([
    { start: '07:00', end: '10:00' },
    { start: '10:00', end: '24:00' },
  ]);

  expect(result.ok).toBe(true);
});

test('empty list is rejected', () => {
  expect(checkDeclarationWindows([])).toMatchObject({ ok: false, code: 'DECLARATION_WINDOWS_EMPTY' });
});

test('thirteen windows are too many', () => {
  const windows = Array.from({ length: 13 }, (_, hour) => ({
    start: `${String(hour).padStart(2, '0')}:00`,
    end: `${String(hour).padStart(2, '0')}:30`,
  }));

  expect(checkDeclarationWindows(windows)).toMatchObject({ ok: false, code: 'DECLARATION_WINDOWS_TOO_MANY' });
});

test.each([
  [{ start: '25:00', end: '26:00' }, 'start', '25:00'],
  [{ start: '7:00', end: '10:00' }, 'start', '7:00'],
  [{ start: '24:00', end: '24:00' }, 'start', '24:00'],
  [{ start: '07:00', end: '10:60' }, 'end', '10:60'],
  [{ start: '07:00', end: 10 }, 'end', '10'],
])('invalid time %j', (window, part, value) => {
  expect(checkDeclarationWindows([window])).toEqual({
    ok: false,
    code: 'DECLARATION_WINDOW_TIME_INVALID',
    params: { window: 1, value },
    index: 0,
    part,
  });
});

test('end before start names the window', () => {
  const result = checkDeclarationWindows([
    { start: '07:00', end: '10:00' },
    { start: '17:00', end: '14:00' },
  ]);

  expect(result).toEqual({
    ok: false,
    code: 'DECLARATION_WINDOW_END_BEFORE_START',
    params: { window: 2, start: '17:00', end: '14:00' },
    index: 1,
    part: 'end',
  });
});

test('equal start and end is rejected', () => {
  expect(checkDeclarationWindows([{ start: '07:00', end: '07:00' }])).toMatchObject({ code: 'DECLARATION_WINDOW_END_BEFORE_START' });
});

test('overlap names both windows', () => {
  const result = checkDeclarationWindows([
    { start: '07:00', end: '10:00' },
    { start: '09:30', end: '12:00' },
  ]);

  expect(result).toMatchObject({ ok: false, code: 'DECLARATION_WINDOW_OVERLAP', params: { window: 2, other: 1 }, index: 1 });
});

test('windows out of order are rejected', () => {
  const result = checkDeclarationWindows([
    { start: '14:00', end: '17:00' },
    { start: '07:00', end: '10:00' },
  ]);

  expect(result).toMatchObject({ ok: false, code: 'DECLARATION_WINDOWS_NOT_IN_ORDER', params: { window: 2, previous: 1 } });
});
