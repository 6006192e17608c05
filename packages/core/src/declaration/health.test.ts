import { expect, test } from 'vitest';
import { maskPersonName } from './mask-name.js';
import { checkDeclarationSymptoms, isDeclarationAbnormal } from './symptoms.js';
import { parseDeclarationTemperature } from './temperature.js';

test.each([
  [36.6, 366],
  [35, 350],
  [42, 420],
  [37.3, 373],
  ['36.6', 366],
  [' 36.6 ', 366],
  ['３６．６', 366],
  ['36.60', 366],
  ['37', 370],
])('temperature %j is %i tenths', (input, tenths) => {
  expect(parseDeclarationTemperature(input)).toEqual({ ok: true, value: tenths });
});

test.each([[42.05], [42.1], [34.9], [-36.6], [0], [36.65], [Number.NaN], [Number.POSITIVE_INFINITY], ['42.05'], ['99']])(
  'temperature %j is out of range',
  (input) => {
    expect(parseDeclarationTemperature(input)).toEqual({
      ok: false,
      code: 'DECLARATION_TEMPERATURE_OUT_OF_RANGE',
      params: { min: '35.0', max: '42.0' },
    });
  },
);

test.each([['36,6'], ['37.3°C'], ['NaN'], ['-36.6'], [''], ['1e2'], ['36.6.1'], ['thirty-six']])(
  'temperature %j is invalid text',
  (input) => {
    expect(parseDeclarationTemperature(input)).toEqual({ ok: false, code: 'DECLARATION_TEMPERATURE_INVALID', params: { value: input } });
  },
);

test('temperature of other types is invalid', () => {
  expect(parseDeclarationTemperature(null)).toMatchObject({ ok: false, code: 'DECLARATION_TEMPERATURE_INVALID' });
  expect(parseDeclarationTemperature([36.6])).toMatchObject({ ok: false, code: 'DECLARATION_TEMPERATURE_INVALID' });
});

test('long temperature text is cut in the message', () => {
  const result = parseDeclarationTemperature('3'.repeat(500));

  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(String(result.params.value)).toHaveLength(20);
});

test('symptoms come back in list order', () => {
  expect(checkDeclarationSymptoms(['cough', 'fever'])).toEqual({ ok: true, value: ['fever', 'cough'] });
  expect(checkDeclarationSymptoms(['none'])).toEqual({ ok: true, value: ['none'] });
});

test.each([
  [[], 'DECLARATION_SYMPTOMS_REQUIRED'],
  [['none', 'fever'], 'DECLARATION_SYMPTOMS_CONFLICT'],
  [['fever', 'fever'], 'DECLARATION_SYMPTOM_DUPLICATE'],
  [['headache'], 'DECLARATION_SYMPTOM_UNKNOWN'],
  [[1], 'DECLARATION_SYMPTOM_UNKNOWN'],
])('symptoms %j are rejected', (input, code) => {
  expect(checkDeclarationSymptoms(input)).toMatchObject({ ok: false, code });
});

test('abnormal from 37.3 degrees or any symptom', () => {
  expect(isDeclarationAbnormal(372, ['none'])).toBe(false);
  expect(isDeclarationAbnormal(373, ['none'])).toBe(true);
  expect(isDeclarationAbnormal(366, ['cough'])).toBe(true);
});

test.each([
  ['张三', '张*'],
  ['欧阳娜娜', '欧***'],
  ['John Smith', 'J*** *****'],
  ['阿卜杜·热合曼', '阿**·***'],
  ['', ''],
])('mask name %s', (name, masked) => {
  expect(maskPersonName(name)).toBe(masked);
});

test.each([['\u200f36.6'], ['\u200b３６．６\ufeff'], ['\u202a36.6\u202c']])('temperature %j with invisible marks is read', (input) => {
  expect(parseDeclarationTemperature(input)).toEqual({ ok: true, value: 366 });
});

test('long temperature text shows its first 20 characters', () => {
  expect(parseDeclarationTemperature('3'.repeat(100_000))).toEqual({
    ok: false,
    code: 'DECLARATION_TEMPERATURE_INVALID',
    params: { value: '3'.repeat(20) },
  });
});

test('temperature text of 101 characters is invalid', () => {
  expect(parseDeclarationTemperature(`${' '.repeat(97)}36.6`)).toMatchObject({ ok: false, code: 'DECLARATION_TEMPERATURE_INVALID' });
});

test.each([
  [1, '1'],
  [null, 'null'],
  [true, 'true'],
  [{ code: 'fever' }, '{…}'],
  [['fever'], '[…]'],
])('symptom item %j is unknown', (item, shown) => {
  expect(checkDeclarationSymptoms([item])).toEqual({ ok: false, code: 'DECLARATION_SYMPTOM_UNKNOWN', params: { value: shown } });
});

test('ten thousand symptoms fail on the first duplicate', () => {
  const symptoms = Array.from({ length: 10_000 }, () => 'cough');
  expect(checkDeclarationSymptoms(symptoms)).toEqual({ ok: false, code: 'DECLARATION_SYMPTOM_DUPLICATE', params: { value: 'cough' } });
});

test('nine symptoms fail on the repeated one', () => {
  const symptoms = [
    'fever',
    'cough',
    'sore_throat',
    'fatigue',
    'shortness_of_breath',
    'diarrhoea',
    'loss_of_smell_or_taste',
    'none',
    'fever',
  ];
  expect(checkDeclarationSymptoms(symptoms)).toMatchObject({ ok: false, code: 'DECLARATION_SYMPTOM_DUPLICATE' });
});

test('deeply nested symptom item is unknown', () => {
  let nested: unknown[] = [];
  for (let depth = 0; depth < 200_000; depth++) nested = [nested];
  expect(checkDeclarationSymptoms([nested])).toEqual({ ok: false, code: 'DECLARATION_SYMPTOM_UNKNOWN', params: { value: '[…]' } });
});
