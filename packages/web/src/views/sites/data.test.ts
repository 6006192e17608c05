import { describe, expect, it } from 'vitest';
import type { Site, SiteRoom } from './api.js';
import { emptySiteForm, occupancyPercent, occupancyStatus, roomRequestOf, roomsWithFreeBeds, siteFormOf, siteRequestOf } from './data.js';

function room(id: string, beds: number, occupied: number): SiteRoom {
  return { id, siteId: 's1', name: id, beds, occupied, free: beds - occupied, notes: null };
}

describe('occupancy', () => {
  it('percent rounds down until full', () => {
    expect(occupancyPercent(0, 0)).toBe(0);
    expect(occupancyPercent(1, 3)).toBe(33);
    expect(occupancyPercent(199, 200)).toBe(99);
    expect(occupancyPercent(2, 2)).toBe(100);
  });

  it('status turns red only when full', () => {
    expect(occupancyStatus(0, 0)).toBe('success');
    expect(occupancyStatus(7, 10)).toBe('success');
    expect(occupancyStatus(8, 10)).toBe('warning');
    expect(occupancyStatus(9, 10)).toBe('warning');
    expect(occupancyStatus(10, 10)).toBe('exception');
  });
});

describe('roomsWithFreeBeds', () => {
  it('leaves out full rooms and the current room', () => {
    const rooms = [room('a', 2, 2), room('b', 2, 1), room('c', 1, 0)];
    expect(roomsWithFreeBeds(rooms).map((entry) => entry.id)).toEqual(['b', 'c']);
    expect(roomsWithFreeBeds(rooms, 'b').map((entry) => entry.id)).toEqual(['c']);
  });
});

describe('site form', () => {
  it('trims text and sends null for blanks', () => {
    const form = { ...emptySiteForm('320508018'), name: ' 平江酒店 ', address: ' 平江路1号 ', contact: '  ', notes: '' };
    expect(siteRequestOf(form)).toEqual({
      name: '平江酒店',
      type: 'quarantine_site',
      nodeCode: '320508018',
      address: '平江路1号',
      contact: null,
      notes: null,
      active: true,
    });
  });

  it('round-trips a stored site', () => {
    const site: Site = {
      id: 's1',
      name: '安置点',
      type: 'resettlement_site',
      nodeCode: '320508018',
      nodeName: '平江街道',
      address: '某路2号',
      contact: '值班室',
      notes: null,
      active: false,
      roomCount: 0,
      capacity: 0,
      occupied: 0,
      free: 0,
      createdAt: '2026-12-05T00:00:00.000Z',
      updatedAt: '2026-12-05T00:00:00.000Z',
    };
    expect(siteRequestOf(siteFormOf(site))).toEqual({
      name: '安置点',
      type: 'resettlement_site',
      nodeCode: '320508018',
      address: '某路2号',
      contact: '值班室',
      notes: null,
      active: false,
    });
  });

  it('room request trims its name', () => {
    expect(roomRequestOf({ name: ' 301 ', beds: 2, notes: ' ' })).toEqual({ name: '301', beds: 2, notes: null });
  });
});
