import { describe, expect, it } from 'vitest';
import type { Tenancy } from '../../api/households.js';
import { personTenancyRowsOf } from './tenancies.js';

const me = { id: 'p-me', name: '本人' };
const landlord = { id: 'p-landlord', name: '房东' };
const tenant = { id: 'p-tenant', name: '租户' };

function tenancy(id: string, startDate: string, parties: { landlord: typeof me; tenant: typeof me }): Tenancy {
  return {
    id,
    address: { type: 'room', id: `room-${id}`, text: `金色里程1幢1单元${id}室` },
    communityCode: '320508018014',
    ...parties,
    startDate,
    endDate: null,
    endedReason: null,
    status: 'active',
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
  };
}

describe('personTenancyRowsOf', () => {
  it('names the other party of each side', () => {
    const rented = tenancy('101', '2026-01-01', { landlord, tenant: me });
    const letOut = tenancy('202', '2026-03-01', { landlord: me, tenant });
    const rows = personTenancyRowsOf({ asLandlord: [letOut], asTenant: [rented] });
    expect(rows.map((row) => [row.key, row.side, row.otherParty.name])).toEqual([
      ['landlord-202', 'landlord', '租户'],
      ['tenant-101', 'tenant', '房东'],
    ]);
  });

  it('keeps both sides of one tenancy', () => {
    const both = tenancy('303', '2026-02-01', { landlord: me, tenant: me });
    const rows = personTenancyRowsOf({ asLandlord: [both], asTenant: [both] });
    expect(rows.map((row) => row.key)).toEqual(['tenant-303', 'landlord-303']);
  });

  it('returns no rows without tenancies', () => {
    expect(personTenancyRowsOf({ asLandlord: [], asTenant: [] })).toEqual([]);
  });
});
