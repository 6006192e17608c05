import { describe, expect, it } from 'vitest';
import type { RegistrationRequest } from '../../../api/checkpoint-phone.js';
import { draftToRequest } from './form/draft.js';
import { buildRegistrationRequest, draftOfRequest } from './registration.js';

const DETAILED: RegistrationRequest = {
  id: 'r-1',
  checkpointId: 'checkpoint-1',
  mode: 'detailed',
  registeredAt: '2026-12-05T02:00:00.000Z',
  officerId: 'officer-1',
  plate: '苏AD12345',
  occupants: [
    {
      role: 'driver',
      name: '张三',
      documentType: 'resident_id',
      documentNumber: '320508198503150014',
      phone: '13800000000',
      temperature: 36.5,
      symptoms: ['none'],
    },
    { role: 'passenger', name: '李四', documentType: 'passport', documentNumber: 'E12345678', temperature: 37 },
  ],
  originRegionCode: '420100',
  destination: { communityCode: '320508018014', text: '3幢2单元1202' },
  purpose: 'return_home',
  travelHistory: [{ regionCode: '420100', from: '2026-11-28', to: '2026-12-01' }],
  notes: '后备箱已检查',
  disposition: 'turned_back',
  dispositionReason: '目的地不接收',
};

describe('checkpoint registration', () => {
  it('request gets id, time and checkpoint', () => {
    const request = buildRegistrationRequest(
      {
        mode: 'quick',
        occupants: [{ role: 'driver', documentNumber: '320508198503150014', phone: '13800000000' }],
        disposition: 'pass',
        plate: '苏E12345',
      },
      'checkpoint-1',
      'officer-1',
      new Date('2026-12-05T02:00:00Z'),
      'client-id',
    );
    expect(request.id).toBe('client-id');
    expect(request.registeredAt).toBe('2026-12-05T02:00:00.000Z');
    expect(request.checkpointId).toBe('checkpoint-1');
    expect(request.officerId).toBe('officer-1');
  });

  it('officer chosen in the form wins', () => {
    const request = buildRegistrationRequest(
      { mode: 'quick', occupants: [], disposition: 'pass', officerId: 'officer-2' },
      'c',
      'officer-1',
    );
    expect(request.officerId).toBe('officer-2');
  });

  it('returned request fills the draft again', () => {
    const draft = draftOfRequest(DETAILED);
    expect(draft.newEnergyPlate).toBe(true);
    expect(draft.occupants[0]?.temperature).toBe('36.5');
    expect(draft.occupants[1]?.temperature).toBe('37.0');

    const { id: _id, registeredAt: _registeredAt, checkpointId: _checkpointId, ...input } = DETAILED;
    const expected = { ...input, occupants: input.occupants.map((occupant) => ({ ...occupant })) };
    expect(draftToRequest(draft, 'detailed')).toEqual(expected);
  });
});
