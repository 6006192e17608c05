import { describe, expect, it } from 'vitest';
import {
  addDays,
  buildVisitRequest,
  chinaToday,
  describeDocument,
  emptyNewPerson,
  findFormProblem,
  formOfRequest,
  parseTemperature,
  toggleSymptom,
  type VisitForm,
} from './visit-form.js';

const NOW = new Date('2026-02-10T02:30:00.000Z');

function form(overrides: Partial<VisitForm> = {}): VisitForm {
  return { outcome: 'screened', filePersons: [], newPersons: [], revisitOn: '2026-02-11', notes: '', ...overrides };
}

describe('visit form', () => {
  it('temperature text parses to one decimal in range', () => {
    expect(parseTemperature('')).toBeUndefined();
    expect(parseTemperature(' 36.6 ')).toBe(36.6);
    expect(parseTemperature('35')).toBe(35);
    expect(parseTemperature('42.0')).toBe(42);
    for (const text of ['34.9', '42.1', '36.65', '3a', '-36']) expect(parseTemperature(text), text).toBeNaN();
  });

  it('none and symptoms exclude each other', () => {
    expect(toggleSymptom(['cough'], 'none')).toEqual(['none']);
    expect(toggleSymptom(['none'], 'fever')).toEqual(['fever']);
    expect(toggleSymptom(['fever', 'cough'], 'fever')).toEqual(['cough']);
  });

  it('days count in China time', () => {
    expect(chinaToday(new Date('2026-02-10T16:30:00.000Z'))).toBe('2026-02-11');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });

  it('request lists persons only for a screening', () => {
    const newPerson = {
      ...emptyNewPerson(0),
      name: ' 王新住 ',
      documentNumber: '320508199001011234',
      temperature: '36.6',
      symptoms: ['none' as const],
    };
    const filePerson = { personId: 'p-1', name: '李', documentMasked: '3205**', present: false, temperature: '37.0', symptoms: [] };
    const screened = buildVisitRequest(
      form({ filePersons: [filePerson], newPersons: [newPerson], notes: ' 门口 ' }),
      'room-1',
      'visit-1',
      NOW,
    );
    expect(screened).toEqual({
      id: 'visit-1',
      roomId: 'room-1',
      visitedAt: NOW.toISOString(),
      outcome: 'screened',
      notes: '门口',
      persons: [
        { personId: 'p-1', present: false },
        { person: { name: '王新住', documentNumber: '320508199001011234' }, present: true, temperature: 36.6, symptoms: ['none'] },
      ],
    });

    const nobodyHome = buildVisitRequest(form({ outcome: 'nobody_home', newPersons: [newPerson] }), 'room-1', 'visit-2', NOW);
    expect(nobodyHome.persons).toEqual([]);
    expect(nobodyHome.revisitOn).toBe('2026-02-11');
  });

  it('problems are found before saving', () => {
    expect(findFormProblem(form({ newPersons: [{ ...emptyNewPerson(0), documentNumber: 'x' }] }))?.params?.field).toBe(
      'screening.room.name',
    );
    expect(findFormProblem(form({ newPersons: [{ ...emptyNewPerson(0), name: 'a', documentNumber: 'x', temperature: '43' }] }))?.key).toBe(
      'screening.room.temperatureInvalid',
    );
    expect(findFormProblem(form({ outcome: 'refused', newPersons: [emptyNewPerson(0)] }))).toBeUndefined();
  });

  it('returned request fills the form back', () => {
    const filePerson = { personId: 'p-1', name: '李', documentMasked: '3205**', present: false, temperature: '', symptoms: [] };
    const request = buildVisitRequest(
      form({
        filePersons: [{ ...filePerson, present: true, temperature: '37.5', symptoms: ['cough'] }],
        newPersons: [{ ...emptyNewPerson(0), name: '王', documentNumber: '1', householdRole: 'tenant' }],
      }),
      'room-1',
      'visit-1',
      NOW,
    );
    const filled = formOfRequest(request, [filePerson]);
    expect(filled.filePersons[0]).toMatchObject({ present: true, temperature: '37.5', symptoms: ['cough'] });
    expect(filled.newPersons[0]).toMatchObject({ name: '王', documentNumber: '1', householdRole: 'tenant' });
  });

  it('document feedback comes from the core parser', () => {
    expect(describeDocument('')).toBeUndefined();
    expect(describeDocument('12345')).toMatchObject({ ok: false });
  });
});
