import { describe, expect, it } from 'vitest';
import { nextWindowOf, settingsFormOf, settingsRequestOf, windowProblemOf } from './data.js';

const settings = {
  windows: [
    { start: '07:00', end: '10:00' },
    { start: '14:00', end: '17:00' },
  ],
  scope: { homeQuarantine: true, sites: false, arrivalsWithinDays: 14 },
  linkDays: 14,
  updatedAt: null,
};

describe('declaration settings form', () => {
  it('round trip keeps the settings', () => {
    expect(settingsRequestOf(settingsFormOf(settings))).toEqual({ windows: settings.windows, scope: settings.scope, linkDays: 14 });
  });

  it('quarantine days only when present', () => {
    expect(settingsFormOf(settings).quarantineDays).toBeNull();
    expect(settingsRequestOf(settingsFormOf({ ...settings, quarantineDays: 21 })).quarantineDays).toBe(21);
  });

  it('form copies the windows', () => {
    const form = settingsFormOf(settings);
    form.windows[0]!.start = '06:00';
    expect(settings.windows[0]?.start).toBe('07:00');
  });
});

describe('next window', () => {
  it('an hour after the last', () => {
    expect(nextWindowOf(settings.windows)).toEqual({ start: '18:00', end: '21:00' });
  });

  it('cut at midnight', () => {
    expect(nextWindowOf([{ start: '20:00', end: '22:00' }])).toEqual({ start: '23:00', end: '24:00' });
  });

  it('none after a late window', () => {
    expect(nextWindowOf([{ start: '20:00', end: '23:30' }])).toBeNull();
  });

  it('first window of an empty list', () => {
    expect(nextWindowOf([])).toEqual({ start: '07:00', end: '10:00' });
  });
});

describe('window problems', () => {
  it('valid windows', () => {
    expect(windowProblemOf(settings.windows, 'en')).toBeNull();
  });

  it('overlap names the window', () => {
    const problem = windowProblemOf(
      [
        { start: '07:00', end: '10:00' },
        { start: '09:00', end: '11:00' },
      ],
      'en',
    );
    expect(problem?.index).toBe(1);
    expect(problem?.message).toContain('2');
  });

  it('invalid time', () => {
    expect(windowProblemOf([{ start: '25:00', end: '26:00' }], 'zh-CN')?.index).toBe(0);
  });
});
