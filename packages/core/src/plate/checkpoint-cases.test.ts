import { describe, expect, it } from 'vitest';
import { lookupPlatePrefix, parsePlate, PLATE_KINDS, type Plate, type PlateErrorCode, type PlateKind } from './index.js';

// Plates as officers enter them at a checkpoint, from cars of every kind that
// uses the road. They are typed on the phone's plate keyboard or its system
// keyboard, with lower case, full-width forms from a Chinese input method, and
// the dot or dash painted on the plate. Every number below is made up.

function parseValid(input: string): Plate {
  const result = parsePlate(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, got ${result.code}`);
  return result.value;
}

function errorOf(input: string): PlateErrorCode | undefined {
  const result = parsePlate(input);
  return result.ok ? undefined : result.code;
}

describe('checkpoint plate spellings', () => {
  // The duplicate check compares stored numbers, so every spelling of one plate must give the same number.
  it.each([
    ['plain', '鄂A12345'],
    ['lower-case letter and a space', '鄂a 12345'],
    ['middle dot as painted', '鄂A·12345'],
    ['dash', '鄂A-12345'],
    ['full-width letter and digits', '鄂Ａ１２３４５'],
    ['full-width lower-case letter', '鄂ａ12345'],
    ['full-width dash', '鄂Ａ－１２３４５'],
    ['full-width full stop', '鄂A．12345'],
    ['ideographic space', '鄂A\u300012345'],
    ['no-break space', '鄂A\u00a012345'],
    ['em dash', '鄂A—12345'],
    ['spaces around', '  鄂A 123 45  '],
    ['I typed for 1', '鄂A·I2345'],
    ['lower-case i typed for 1', '鄂ai2345'],
  ])('%s gives 鄂A12345 of Wuhan', (_spelling, input) => {
    const plate = parseValid(input);

    expect(plate.number).toBe('鄂A12345');
    expect(plate.kind).toBe('ordinary');
    expect(plate.province).toBe('湖北省');
    expect(plate.city).toBe('武汉市');
    expect(plate.regionCode).toBe('420100');
  });

  it.each([
    ['苏ef12345', '苏EF12345'],
    ['苏e·ｆ12345', '苏EF12345'],
    ['苏ED·1234５', '苏ED12345'],
    ['鄂A1234O', '鄂A12340'],
    ['鄂a·o2345', '鄂A02345'],
    ['粤b 12345d', '粤B12345D'],
    ['苏e·1234挂', '苏E1234挂'],
    ['ｗｊ苏·12345', 'WJ苏12345'],
    ['粤z·1234港', '粤Z1234港'],
  ])('%s gives %s', (input, number) => {
    expect(parseValid(input).number).toBe(number);
  });
});

describe('checkpoint plate kinds', () => {
  it.each([
    ['ordinary', '苏E12345', '苏E12345', 'ordinary', '江苏省', '苏州市', '320500'],
    ['ordinary, second Suzhou letter', '苏U8A88B', '苏U8A88B', 'ordinary', '江苏省', '苏州市', '320500'],
    ['ordinary, provincial police body', '苏O12345', '苏O12345', 'ordinary', '江苏省', undefined, '320000'],
    ['new-energy small, battery-electric', '苏ED12345', '苏ED12345', 'new_energy', '江苏省', '苏州市', '320500'],
    ['new-energy small, other new energy', '苏EF12345', '苏EF12345', 'new_energy', '江苏省', '苏州市', '320500'],
    ['new-energy small, letter in second place', '苏EDA1234', '苏EDA1234', 'new_energy', '江苏省', '苏州市', '320500'],
    ['new-energy large, battery-electric', '粤B12345D', '粤B12345D', 'new_energy', '广东省', '深圳市', '440300'],
    ['new-energy large, other new energy', '粤B12345F', '粤B12345F', 'new_energy', '广东省', '深圳市', '440300'],
    ['trailer', '苏E1234挂', '苏E1234挂', 'trailer', '江苏省', '苏州市', '320500'],
    ['coach', '浙A1234学', '浙A1234学', 'coach', '浙江省', '杭州市', '330100'],
    ['police', '京A1234警', '京A1234警', 'police', '北京市', '北京市', '110000'],
    ['police of a provincial body', '苏OA123警', '苏OA123警', 'police', '江苏省', undefined, '320000'],
    ['consulate', '沪A1234领', '沪A1234领', 'consulate', '上海市', '上海市', '310000'],
    ['Hong Kong cross-border', '粤Z1234港', '粤Z1234港', 'hk_macau', '广东省', undefined, '440000'],
    ['Macau cross-border', '粤Z·A123澳', '粤ZA123澳', 'hk_macau', '广东省', undefined, '440000'],
    ['emergency, fire and rescue team', '京X1234应急', '京X1234应急', 'emergency', '北京市', undefined, '110000'],
    ['emergency, forest fire team', '川S·0001应急', '川S0001应急', 'emergency', '四川省', undefined, '510000'],
  ] as const)('%s: %s', (_kind, input, number, kind, province, city, regionCode) => {
    const plate = parseValid(input);

    expect(plate.number).toBe(number);
    expect(plate.kind).toBe(kind);
    expect(plate.province).toBe(province);
    expect(plate.city).toBe(city);
    expect(plate.regionCode).toBe(regionCode);
  });

  it.each([
    ['苏ED12345', 'small', true],
    ['苏EF12345', 'small', false],
    ['粤B12345D', 'large', true],
    ['粤B12345F', 'large', false],
  ] as const)('new-energy %s is %s, battery-electric %s', (input, size, batteryElectric) => {
    const plate = parseValid(input);

    expect(plate.newEnergy).toBe(true);
    expect(plate.vehicleSize).toBe(size);
    expect(plate.batteryElectric).toBe(batteryElectric);
  });

  it.each([
    ['embassy, 使 first', '使014578', '使014578', 'embassy', '使'],
    ['embassy, 使 last', '224578使', '224578使', 'embassy', '使'],
    ['military', 'VA·12345', 'VA12345', 'military', 'VA'],
    ['armed police headquarters', 'WJ·12345', 'WJ12345', 'armed_police', 'WJ'],
    ['armed police of a province', 'WJ苏·12345', 'WJ苏12345', 'armed_police', 'WJ苏'],
    ['armed police before 2013', 'WJ01·1234', 'WJ011234', 'armed_police', 'WJ01'],
  ] as const)('%s: %s', (_kind, input, number, kind, prefix) => {
    const plate = parseValid(input);

    expect(plate.number).toBe(number);
    expect(plate.kind).toBe(kind);
    expect(plate.prefix).toBe(prefix);
  });

  it.each(['粤Z1234港', '粤Z1234澳'])('%s names Guangdong, not a city', (input) => {
    const plate = parseValid(input);

    expect(plate.provinceAbbr).toBe('粤');
    expect(plate.city).toBeUndefined();
  });

  it.each(['VA12345', 'WJ12345'])('%s has no province for the risk check', (input) => {
    const plate = parseValid(input);

    expect(plate.province).toBeUndefined();
    expect(plate.regionCode).toBeUndefined();
  });
});

describe('checkpoint plate mistakes', () => {
  it.each<[string, string, PlateErrorCode]>([
    ['nothing typed', '', 'PLATE_REQUIRED'],
    ['only the dot', '·', 'PLATE_REQUIRED'],
    ['serial one short', '苏E1234', 'PLATE_LENGTH_INVALID'],
    ['province and letter only', '苏E', 'PLATE_LENGTH_INVALID'],
    ['serial two long', '苏E1234567', 'PLATE_LENGTH_INVALID'],
    ['trailer with five digits', '苏E12345挂', 'PLATE_LENGTH_INVALID'],
    ['province missing', 'E12345', 'PLATE_PROVINCE_UNKNOWN'],
    ['Taiwan is no plate province', '台A12345', 'PLATE_PROVINCE_UNKNOWN'],
    ['港 first', '港A12345', 'PLATE_PROVINCE_UNKNOWN'],
    ['pinyin for the province', 'SU E12345', 'PLATE_PROVINCE_UNKNOWN'],
    ['digit for the issuing letter', '苏112345', 'PLATE_FORMAT_INVALID'],
    ['I as the issuing letter', '鄂I12345', 'PLATE_ISSUER_UNKNOWN'],
    ['letter no office issues', '苏P12345', 'PLATE_ISSUER_UNKNOWN'],
    ['new-energy letter out of place', '苏EL12345', 'PLATE_NEW_ENERGY_SERIAL_INVALID'],
    ['new-energy O for the class letter', '苏EO12345', 'PLATE_NEW_ENERGY_SERIAL_INVALID'],
    ['cross-border plate outside 粤Z', '粤B1234港', 'PLATE_HK_MACAU_PREFIX_INVALID'],
    ['ordinary plate under 粤Z', '粤Z12345', 'PLATE_HK_MACAU_PREFIX_INVALID'],
    ['emergency with a city letter', '京A1234应急', 'PLATE_FORMAT_INVALID'],
    ['punctuation inside', '苏E12#45', 'PLATE_CHARACTER_INVALID'],
    ['emoji inside', '苏E12😀45', 'PLATE_CHARACTER_INVALID'],
    ['a whole sentence', '苏E12345 是白色轿车', 'PLATE_CHARACTER_INVALID'],
  ])('%s: %j → %s', (_mistake, input, code) => {
    expect(errorOf(input)).toBe(code);
  });
});

describe('checkpoint plate kind as a check', () => {
  // A new-energy plate with a digit left out is still a valid ordinary plate,
  // so only the kind that the phone shows (green or blue plate) gives the slip away.
  it('reads 苏ED1234 as an ordinary plate', () => {
    const plate = parseValid('苏ED1234');

    expect(plate.kind).toBe('ordinary');
    expect(plate.newEnergy).toBe(false);
  });
});

describe('checkpoint plate prefix while typing', () => {
  // The phone shows province and city as soon as the first two characters are in.
  it.each([
    ['鄂', '湖北省', undefined, '420000'],
    ['鄂a', '湖北省', '武汉市', '420100'],
    ['苏Ｕ', '江苏省', '苏州市', '320500'],
    ['苏0', '江苏省', undefined, '320000'],
  ])('%s names %s %s', (prefix, province, city, regionCode) => {
    const info = lookupPlatePrefix(prefix);

    expect(info?.province).toBe(province);
    expect(info?.city).toBe(city);
    expect(info?.regionCode).toBe(regionCode);
  });

  it.each(['台', '鄂I', 'E', ''])('%j names no area', (prefix) => {
    expect(lookupPlatePrefix(prefix)).toBeUndefined();
  });
});

describe('checkpoint plate kinds covered', () => {
  it('has a case for every plate kind', () => {
    const inputs = [
      '苏E12345',
      '苏ED12345',
      '苏E1234挂',
      '浙A1234学',
      '京A1234警',
      '使014578',
      '沪A1234领',
      '粤Z1234港',
      'VA12345',
      'WJ12345',
      '京X1234应急',
    ];
    const kinds = new Set<PlateKind>(inputs.map((input) => parseValid(input).kind));

    expect([...kinds].sort()).toEqual([...PLATE_KINDS].sort());
  });
});
