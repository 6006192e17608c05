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
  temperatureProblem,
  toggleSymptom,
  type VisitForm,
} from './visit-form.js';

const NOW = new Date('2026-02-10T02:30:00.000Z');
/** A resident ID with a correct check digit, born 1990-01-01. */
const VALID_ID = '32050819900101103X';

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

  it('outcome must be chosen', () => {
    expect(findFormProblem(form({ outcome: '' }))?.key).toBe('screening.room.outcomeRequired');
    expect(() => buildVisitRequest(form({ outcome: '' }), 'room-1', 'visit-1', NOW)).toThrow('outcome');
    expect(findFormProblem(form({ outcome: 'refused', newPersons: [emptyNewPerson(0)] }))).toBeUndefined();
    expect(findFormProblem(form({ outcome: 'nobody_home' }))).toBeUndefined();
  });

  it('screening needs a present person', () => {
    const absent = { personId: 'p-1', name: '李', documentMasked: '3205**', present: false, temperature: '', symptoms: [] };
    expect(findFormProblem(form())?.key).toBe('screening.room.presentRequired');
    expect(findFormProblem(form({ filePersons: [absent] }))?.key).toBe('screening.room.presentRequired');
    const present = { ...absent, present: true, temperature: '36.5', symptoms: ['none' as const] };
    expect(findFormProblem(form({ filePersons: [absent, present] }))).toBeUndefined();
  });

  it('problems name the person and field', () => {
    const valid = { ...emptyNewPerson(0), name: '王新住', documentNumber: VALID_ID, temperature: '36.6', symptoms: ['none' as const] };
    const filePerson = {
      personId: 'p-1',
      name: '李',
      documentMasked: '3205**',
      present: true,
      temperature: '36.5',
      symptoms: ['cough' as const],
    };
    const range = { min: '35.0', max: '42.0' };
    const cases = [
      { newPerson: { ...valid, name: ' ' }, key: 'screening.room.personRequired', person: { newPersonNumber: 1 } },
      { newPerson: { ...valid, documentNumber: '' }, key: 'screening.room.personRequired', person: { name: '王新住' } },
      { newPerson: { ...valid, documentNumber: '12345' }, key: 'screening.room.personDocumentInvalid', person: { name: '王新住' } },
      { newPerson: { ...valid, temperature: '' }, key: 'screening.room.personTemperatureRequired', person: { name: '王新住' } },
      { newPerson: { ...valid, temperature: '43' }, key: 'screening.room.personTemperatureInvalid', person: { name: '王新住' } },
      { newPerson: { ...valid, symptoms: [] }, key: 'screening.room.personSymptomsRequired', person: { name: '王新住' } },
      { file: { ...filePerson, temperature: '' }, key: 'screening.room.personTemperatureRequired', person: { name: '李' } },
      { file: { ...filePerson, symptoms: [] }, key: 'screening.room.personSymptomsRequired', person: { name: '李' } },
    ];
    for (const testCase of cases) {
      const found = findFormProblem(form({ filePersons: [testCase.file ?? filePerson], newPersons: [testCase.newPerson ?? valid] }));
      expect(found?.key, testCase.key).toBe(testCase.key);
      expect(found?.person, testCase.key).toEqual(testCase.person);
    }
    expect(findFormProblem(form({ newPersons: [{ ...valid, name: '' }] }))?.params).toEqual({ field: 'screening.room.name' });
    expect(findFormProblem(form({ newPersons: [{ ...valid, documentNumber: '12345' }] }))?.params).toEqual({
      code: 'ID_NUMBER_FORMAT_INVALID',
    });
    expect(findFormProblem(form({ newPersons: [{ ...valid, temperature: '36.55' }] }))?.params).toEqual(range);
    expect(findFormProblem(form({ filePersons: [filePerson], newPersons: [valid] }))).toBeUndefined();
  });

  it('temperature problem shows while typing', () => {
    expect(temperatureProblem('')).toBeUndefined();
    expect(temperatureProblem('36.5')).toBeUndefined();
    for (const text of ['36.55', '-36.5', '3', '43']) {
      expect(temperatureProblem(text), text).toEqual({ key: 'screening.room.temperatureInvalid', params: { min: '35.0', max: '42.0' } });
    }
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
    expect(describeDocument('12345')).toEqual({ ok: false, code: 'ID_NUMBER_FORMAT_INVALID' });
    // A birth year after today, with a correct check digit.
    expect(describeDocument('320508203001011231')).toEqual({ ok: false, code: 'ID_NUMBER_DATE_INVALID' });
    expect(describeDocument('320508198503150011')).toEqual({ ok: false, code: 'ID_NUMBER_CHECKSUM_INVALID' });
    // Full-width digits and Ｘ, as some phone keyboards type them, are read as ASCII.
    expect(describeDocument('32050819900101103Ｘ')).toMatchObject({ ok: true, birthDate: '1990-01-01', sex: 'male' });
  });
});
