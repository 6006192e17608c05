import { describe, expect, it } from 'vitest';
import { defaultGenerateForm, generateRequestOf, planGeneration, type GenerateForm } from './data.js';

function formWith(overrides: Partial<GenerateForm>): GenerateForm {
  return { ...defaultGenerateForm(), ...overrides };
}

describe('planGeneration', () => {
  it('multiplies the default ranges', () => {
    expect(planGeneration(defaultGenerateForm())).toEqual({
      ok: true,
      plan: { buildings: 30, units: 3, floors: 33, roomsPerFloor: 4, rooms: 11_880 },
    });
  });

  it('counts a small range', () => {
    const result = planGeneration(formWith({ buildings: '1-2', units: '1', floors: '1-3', roomsPerFloor: '1-2' }));
    expect(result).toEqual({ ok: true, plan: { buildings: 2, units: 1, floors: 3, roomsPerFloor: 2, rooms: 12 } });
  });

  it('leaves out skipped floors and buildings', () => {
    const result = planGeneration(formWith({ skipFloors: '4,13,14', skipBuildings: '4' }));
    expect(result).toEqual({ ok: true, plan: { buildings: 29, units: 3, floors: 30, roomsPerFloor: 4, rooms: 10_440 } });
  });

  it('ignores skips outside the ranges', () => {
    const result = planGeneration(formWith({ floors: '1-6', skipFloors: '13,14' }));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.plan.floors).toBe(6);
  });

  it('names the malformed field', () => {
    expect(planGeneration(formWith({ units: '3-1' }))).toEqual({ ok: false, field: 'units', code: 'ADDRESS_RANGE_INVALID' });
    expect(planGeneration(formWith({ floors: '' }))).toEqual({ ok: false, field: 'floors', code: 'ADDRESS_RANGE_INVALID' });
    expect(planGeneration(formWith({ skipFloors: 'x' }))).toEqual({ ok: false, field: 'skipFloors', code: 'ADDRESS_RANGE_INVALID' });
  });

  it('rejects more rooms than one request creates', () => {
    expect(planGeneration(formWith({ buildings: '1-60' }))).toEqual({
      ok: false,
      field: 'buildings',
      code: 'ADDRESS_GENERATION_TOO_LARGE',
    });
  });
});

describe('generateRequestOf', () => {
  it('trims ranges and drops empty skips', () => {
    expect(generateRequestOf(formWith({ buildings: ' 1-2 ', skipFloors: ' ', skipBuildings: '' }))).toEqual({
      buildings: '1-2',
      units: '1-3',
      floors: '1-33',
      roomsPerFloor: '1-4',
    });
  });

  it('keeps filled-in skips', () => {
    const request = generateRequestOf(formWith({ skipFloors: '4,13,14', skipBuildings: '4' }));
    expect(request.skipFloors).toBe('4,13,14');
    expect(request.skipBuildings).toBe('4');
  });
});
