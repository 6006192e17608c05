import { describe, expect, it } from 'vitest';
import type { Declaration } from '../../../api/public-declare.js';
import {
  buildDeclarationRequest,
  emptyDeclarationForm,
  formFieldOf,
  formOfDeclaration,
  locationProblem,
  symptomsProblem,
  temperatureProblem,
  toggleSymptom,
  validateDeclarationForm,
} from './declare-form.js';

const RANGE = { min: '35.0', max: '42.0' };

describe('toggleSymptom', () => {
  it('adds a symptom', () => {
    expect(toggleSymptom([], 'cough')).toEqual(['cough']);
    expect(toggleSymptom(['cough'], 'fever')).toEqual(['cough', 'fever']);
  });

  it('removes a ticked symptom', () => {
    expect(toggleSymptom(['cough', 'fever'], 'cough')).toEqual(['fever']);
  });

  it('none clears the symptoms', () => {
    expect(toggleSymptom(['cough', 'fever'], 'none')).toEqual(['none']);
  });

  it('a symptom clears none', () => {
    expect(toggleSymptom(['none'], 'fatigue')).toEqual(['fatigue']);
  });

  it('unticking none leaves nothing', () => {
    expect(toggleSymptom(['none'], 'none')).toEqual([]);
  });
});

describe('temperatureProblem on submit', () => {
  const check = (text: string) => temperatureProblem(text, { typing: false });

  it.each(['36.6', '35.0', '42.0', '37', ' 36.6 '])('accepts %j', (text) => {
    expect(check(text)).toBeUndefined();
  });

  it('accepts full-width digits and point', () => {
    expect(check('３６．６')).toBeUndefined();
    expect(check('３７')).toBeUndefined();
  });

  it('requires a value', () => {
    expect(check('')).toEqual({ key: 'declare.form.temperatureRequired', params: RANGE });
    expect(check('   ')).toEqual({ key: 'declare.form.temperatureRequired', params: RANGE });
  });

  it.each(['36,6', '37.3°C', 'abc', '-36.5', '36.'])('rejects %j as not a number', (text) => {
    expect(check(text)).toEqual({ key: 'declare.form.temperatureInvalid', params: RANGE });
  });

  it.each(['3', '34.9', '42.1', '36.55', '42.05', '100'])('rejects %j as out of range', (text) => {
    expect(check(text)).toEqual({ key: 'declare.form.temperatureOutOfRange', params: RANGE });
  });

  it('rejects full-width digits out of range', () => {
    expect(check('４３')).toEqual({ key: 'declare.form.temperatureOutOfRange', params: RANGE });
  });
});

describe('temperatureProblem while typing', () => {
  const check = (text: string) => temperatureProblem(text, { typing: true });

  it.each(['', '3', '4', '36', '36.', '42.', '３６．'])('stays quiet on %j', (text) => {
    expect(check(text)).toBeUndefined();
  });

  it.each(['34.', '43.', '5', '36.55', '34'])('reports %j at once', (text) => {
    expect(check(text)).toBeDefined();
  });
});

describe('symptomsProblem', () => {
  it('requires a choice', () => {
    expect(symptomsProblem([])).toEqual({ key: 'declare.form.symptomsRequired' });
  });

  it('accepts none or symptoms', () => {
    expect(symptomsProblem(['none'])).toBeUndefined();
    expect(symptomsProblem(['fever', 'cough'])).toBeUndefined();
  });
});

describe('locationProblem', () => {
  it('accepts 100 characters', () => {
    expect(locationProblem('家'.repeat(100))).toBeUndefined();
  });

  it('counts an emoji once', () => {
    expect(locationProblem('😷'.repeat(100))).toBeUndefined();
  });

  it('rejects 101 characters with the length', () => {
    expect(locationProblem('a'.repeat(101))).toEqual({ key: 'declare.form.locationTooLong', params: { max: 100, length: 101 } });
  });

  it('ignores surrounding spaces', () => {
    expect(locationProblem(` ${'a'.repeat(100)} `)).toBeUndefined();
  });
});

describe('validateDeclarationForm', () => {
  it('reports every field of an empty form', () => {
    expect(Object.keys(validateDeclarationForm(emptyDeclarationForm())).sort()).toEqual(['symptoms', 'temperature']);
  });

  it('accepts a complete form', () => {
    expect(validateDeclarationForm({ temperature: '36.6', symptoms: ['none'], location: '' })).toEqual({});
  });

  it('reports a long location', () => {
    const problems = validateDeclarationForm({ temperature: '36.6', symptoms: ['none'], location: 'x'.repeat(101) });
    expect(Object.keys(problems)).toEqual(['location']);
  });
});

describe('buildDeclarationRequest', () => {
  it('sends degrees with one decimal', () => {
    expect(buildDeclarationRequest({ temperature: '３７．３', symptoms: ['cough'], location: '' })).toEqual({
      temperature: 37.3,
      symptoms: ['cough'],
    });
  });

  it('trims the location and leaves an empty one out', () => {
    expect(buildDeclarationRequest({ temperature: '36.6', symptoms: ['none'], location: '  家中 ' }).location).toBe('家中');
    expect(buildDeclarationRequest({ temperature: '36.6', symptoms: ['none'], location: '   ' })).not.toHaveProperty('location');
  });

  it('names the person of a family code', () => {
    expect(buildDeclarationRequest({ temperature: '36.6', symptoms: ['none'], location: '' }, 2).personIndex).toBe(2);
  });

  it('throws on an invalid temperature', () => {
    expect(() => buildDeclarationRequest({ temperature: '36,6', symptoms: ['none'], location: '' })).toThrow(/invalid/);
  });
});

describe('formOfDeclaration', () => {
  it('fills the form for an edit', () => {
    const declaration: Declaration = {
      id: 'd1',
      temperature: 37,
      symptoms: ['cough'],
      location: null,
      late: false,
      declaredAt: '2026-12-05T00:10:00.000Z',
      updatedAt: '2026-12-05T00:10:00.000Z',
      editable: true,
    };
    expect(formOfDeclaration(declaration)).toEqual({ temperature: '37.0', symptoms: ['cough'], location: '' });
  });
});

describe('formFieldOf', () => {
  it('maps server fields to form fields', () => {
    expect(formFieldOf('temperature')).toBe('temperature');
    expect(formFieldOf('symptoms.3')).toBe('symptoms');
    expect(formFieldOf('location')).toBe('location');
  });

  it('leaves other fields to the general message', () => {
    expect(formFieldOf('personIndex')).toBeUndefined();
    expect(formFieldOf(undefined)).toBeUndefined();
  });
});
