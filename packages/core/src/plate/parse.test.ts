import { describe, expect, it } from 'vitest';
import { parsePlate } from './parse.js';
import type { Plate, PlateErrorCode } from './types.js';

function parseValid(input: string): Plate {
  const result = parsePlate(input);
  if (!result.ok) throw new Error(`expected ${input} to parse, got ${result.code}`);
  return result.value;
}

function errorOf(input: string): PlateErrorCode | undefined {
  const result = parsePlate(input);
  return result.ok ? undefined : result.code;
}

describe('parsePlate ordinary plates', () => {
  it.each([
    ['鄂A12345', '鄂A12345', '湖北省', '武汉市', '420100'],
    ['鄂a 12345', '鄂A12345', '湖北省', '武汉市', '420100'],
    ['苏Ｅ１２３４５', '苏E12345', '江苏省', '苏州市', '320500'],
    ['苏E·12345', '苏E12345', '江苏省', '苏州市', '320500'],
    ['苏E.12345', '苏E12345', '江苏省', '苏州市', '320500'],
    ['苏E•12345', '苏E12345', '江苏省', '苏州市', '320500'],
    ['苏E-12345', '苏E12345', '江苏省', '苏州市', '320500'],
    ['  苏U 8A 88B  ', '苏U8A88B', '江苏省', '苏州市', '320500'],
    ['粤B·AB123', '粤BAB123', '广东省', '深圳市', '440300'],
    ['京N12345', '京N12345', '北京市', '北京市', '110000'],
    ['鄂M12345', '鄂M12345', '湖北省', '仙桃市', '429004'],
  ])('%s → %s', (input, number, province, city, regionCode) => {
    const plate = parseValid(input);
    expect(plate.number).toBe(number);
    expect(plate.kind).toBe('ordinary');
    expect(plate.province).toBe(province);
    expect(plate.city).toBe(city);
    expect(plate.regionCode).toBe(regionCode);
    expect(plate.newEnergy).toBe(false);
  });

  it('splits province and prefix', () => {
    const plate = parseValid('鄂A12345');
    expect(plate.provinceAbbr).toBe('鄂');
    expect(plate.prefix).toBe('鄂A');
  });

  it('leaves city out for provincial bodies', () => {
    const plate = parseValid('苏O12345');
    expect(plate.prefix).toBe('苏O');
    expect(plate.city).toBeUndefined();
    expect(plate.regionCode).toBe('320000');
  });

  it.each([
    ['苏E1234', 'PLATE_LENGTH_INVALID'],
    ['苏E123456789', 'PLATE_LENGTH_INVALID'],
    ['苏112345', 'PLATE_FORMAT_INVALID'],
    ['苏E12挂45', 'PLATE_FORMAT_INVALID'],
    ['苏苏12345', 'PLATE_FORMAT_INVALID'],
    ['苏E1234苏', 'PLATE_FORMAT_INVALID'],
  ] as const)('%s → %s', (input, code) => {
    expect(errorOf(input)).toBe(code);
  });
});

describe('parsePlate O and I confusion', () => {
  it.each([
    ['苏E1O345', '苏E10345'],
    ['苏EOOOOO', '苏E00000'],
    ['苏E12I45', '苏E12145'],
    ['苏ei2o45', '苏E12045'],
    ['苏EDO1234', '苏ED01234'],
    ['苏E1O3I挂', '苏E1031挂'],
    ['粤B1O3I5D', '粤B10315D'],
  ])('reads %s as %s', (input, number) => {
    expect(parseValid(input).number).toBe(number);
  });

  it.each([
    ['贵0E1234', '贵OE1234', 'ordinary'],
    ['陕01313警', '陕O1313警', 'police'],
  ] as const)('reads 0 as O in %s', (input, number, kind) => {
    const plate = parseValid(input);
    expect(plate.number).toBe(number);
    expect(plate.kind).toBe(kind);
    expect(plate.prefix).toBe(number.slice(0, 2));
  });

  it('keeps I as an unknown letter', () => {
    expect(errorOf('鄂I12345')).toBe('PLATE_ISSUER_UNKNOWN');
  });

  it('rejects O as the new-energy class letter', () => {
    expect(errorOf('苏EO12345')).toBe('PLATE_NEW_ENERGY_SERIAL_INVALID');
  });
});

describe('parsePlate new-energy plates', () => {
  it.each([
    ['苏ED12345', 'small', true],
    ['苏EF12345', 'small', false],
    ['苏EDA1234', 'small', true],
    ['京AA12345', 'small', true],
    ['京AB12345', 'small', true],
    ['京AC12345', 'small', true],
    ['京AE12345', 'small', true],
    ['京AG12345', 'small', false],
    ['京AH12345', 'small', false],
    ['京AJ12345', 'small', false],
    ['京AK12345', 'small', false],
    ['粤B12345D', 'large', true],
    ['粤B12345F', 'large', false],
    ['粤b·12345f', 'large', false],
  ] as const)('%s is %s, battery-electric %s', (input, size, batteryElectric) => {
    const plate = parseValid(input);
    expect(plate.kind).toBe('new_energy');
    expect(plate.newEnergy).toBe(true);
    expect(plate.vehicleSize).toBe(size);
    expect(plate.batteryElectric).toBe(batteryElectric);
  });

  it('normalises the number', () => {
    expect(parseValid('苏E·F12345').number).toBe('苏EF12345');
  });

  it.each([
    ['苏EL12345', 'PLATE_NEW_ENERGY_SERIAL_INVALID'],
    ['苏EDA123B', 'PLATE_NEW_ENERGY_SERIAL_INVALID'],
    ['苏ED1234A', 'PLATE_NEW_ENERGY_SERIAL_INVALID'],
    ['粤B12345A', 'PLATE_NEW_ENERGY_SERIAL_INVALID'],
    ['粤B1234DF', 'PLATE_NEW_ENERGY_SERIAL_INVALID'],
    ['粤B12345G', 'PLATE_NEW_ENERGY_SERIAL_INVALID'],
    ['粤BD12345X', 'PLATE_LENGTH_INVALID'],
    ['粤B1234挂D', 'PLATE_FORMAT_INVALID'],
  ] as const)('%s → %s', (input, code) => {
    expect(errorOf(input)).toBe(code);
  });
});

describe('parsePlate seven and eight characters', () => {
  it.each([
    ['苏E12345', 'ordinary'],
    ['苏ED12345', 'new_energy'],
    ['苏E1234挂', 'trailer'],
  ] as const)('%s is %s', (input, kind) => {
    expect(parseValid(input).kind).toBe(kind);
  });

  it.each(['苏E123', '苏E12345678', '苏E12345挂', '苏E123挂'])('%s has an invalid length', (input) => {
    expect(errorOf(input)).toBe('PLATE_LENGTH_INVALID');
  });
});

describe('parsePlate plates with a suffix', () => {
  it.each([
    ['苏E1234挂', '苏E1234挂', 'trailer', '苏E'],
    ['苏e·1234挂', '苏E1234挂', 'trailer', '苏E'],
    ['浙A1234学', '浙A1234学', 'coach', '浙A'],
    ['京A1234警', '京A1234警', 'police', '京A'],
    ['苏OA123警', '苏OA123警', 'police', '苏O'],
    ['沪A1234领', '沪A1234领', 'consulate', '沪A'],
    ['粤Z1234港', '粤Z1234港', 'hk_macau', '粤Z'],
    ['粤Z·A123澳', '粤ZA123澳', 'hk_macau', '粤Z'],
  ] as const)('%s is %s', (input, number, kind, prefix) => {
    const plate = parseValid(input);
    expect(plate.number).toBe(number);
    expect(plate.kind).toBe(kind);
    expect(plate.prefix).toBe(prefix);
  });

  it.each([
    ['粤Z1234港', 'hong_kong'],
    ['粤Z1234澳', 'macau'],
  ] as const)('%s comes from %s', (input, region) => {
    const plate = parseValid(input);
    expect(plate.crossBorderRegion).toBe(region);
    expect(plate.province).toBe('广东省');
  });

  it.each([
    ['苏E12#4挂', 'PLATE_CHARACTER_INVALID'],
    ['苏E12警4挂', 'PLATE_FORMAT_INVALID'],
    ['苏E12警45挂', 'PLATE_LENGTH_INVALID'],
    ['苏11234警', 'PLATE_FORMAT_INVALID'],
    ['粤A1234港', 'PLATE_HK_MACAU_PREFIX_INVALID'],
    ['粤Z12345', 'PLATE_HK_MACAU_PREFIX_INVALID'],
    ['粤Z1234警', 'PLATE_HK_MACAU_PREFIX_INVALID'],
    ['粤I1234警', 'PLATE_ISSUER_UNKNOWN'],
  ] as const)('%s → %s', (input, code) => {
    expect(errorOf(input)).toBe(code);
  });
});

describe('parsePlate embassy plates', () => {
  it.each([
    ['使014578', '使014578', '014'],
    ['224578使', '224578使', '224'],
    ['使 224·001', '使224001', '224'],
    ['使196-O13', '使196013', '196'],
  ])('%s → %s', (input, number, missionCode) => {
    const plate = parseValid(input);
    expect(plate.number).toBe(number);
    expect(plate.kind).toBe('embassy');
    expect(plate.prefix).toBe('使');
    expect(plate.missionCode).toBe(missionCode);
    expect(plate.regionCode).toBe('110000');
  });

  it.each([
    ['使01457', 'PLATE_LENGTH_INVALID'],
    ['使0145789', 'PLATE_LENGTH_INVALID'],
    ['使01457A', 'PLATE_FORMAT_INVALID'],
    ['使01457使', 'PLATE_FORMAT_INVALID'],
  ] as const)('%s → %s', (input, code) => {
    expect(errorOf(input)).toBe(code);
  });
});

describe('parsePlate military plates', () => {
  it.each([
    ['VA12345', 'VA12345', 'VA'],
    ['VA-12345', 'VA12345', 'VA'],
    ['ka·12345', 'KA12345', 'KA'],
    ['HB 1234O', 'HB12340', 'HB'],
  ])('%s → %s', (input, number, prefix) => {
    const plate = parseValid(input);
    expect(plate.number).toBe(number);
    expect(plate.kind).toBe('military');
    expect(plate.prefix).toBe(prefix);
    expect(plate.province).toBeUndefined();
  });

  it.each([
    ['VA1234', 'PLATE_LENGTH_INVALID'],
    ['VA123456', 'PLATE_LENGTH_INVALID'],
    ['VA1234B', 'PLATE_FORMAT_INVALID'],
  ] as const)('%s → %s', (input, code) => {
    expect(errorOf(input)).toBe(code);
  });
});

describe('parsePlate armed-police plates', () => {
  it.each([
    ['WJ12345', 'WJ12345', 'WJ', undefined],
    ['WJ·1234J', 'WJ1234J', 'WJ', undefined],
    ['WJ·1234O', 'WJ12340', 'WJ', undefined],
    ['WJ苏12345', 'WJ苏12345', 'WJ苏', '江苏省'],
    ['WJ琼·12345', 'WJ琼12345', 'WJ琼', '海南省'],
    ['WJ粤-1234X', 'WJ粤1234X', 'WJ粤', '广东省'],
    ['WJ京1234消', 'WJ京1234消', 'WJ京', '北京市'],
    ['wj 粤·0001边', 'WJ粤0001边', 'WJ粤', '广东省'],
    ['WJ01·1234', 'WJ011234', 'WJ01', undefined],
    ['WJ01·12345', 'WJ0112345', 'WJ01', undefined],
    ['WJ01·T1234', 'WJ01T1234', 'WJ01', undefined],
    ['WJ31-消0010', 'WJ31消0010', 'WJ31', undefined],
  ])('%s → %s', (input, number, prefix, province) => {
    const plate = parseValid(input);
    expect(plate.number).toBe(number);
    expect(plate.kind).toBe('armed_police');
    expect(plate.prefix).toBe(prefix);
    expect(plate.province).toBe(province);
  });

  it.each([
    ['WJ1234', 'PLATE_LENGTH_INVALID'],
    ['WJ苏123', 'PLATE_LENGTH_INVALID'],
    ['WJ苏1234567', 'PLATE_LENGTH_INVALID'],
    ['WJ123A5', 'PLATE_FORMAT_INVALID'],
    ['WJ1234消', 'PLATE_FORMAT_INVALID'],
    ['WJ苏123A5', 'PLATE_FORMAT_INVALID'],
    ['WJ苏1234挂', 'PLATE_FORMAT_INVALID'],
    ['WJAB12345', 'PLATE_FORMAT_INVALID'],
    ['WJ01消123', 'PLATE_FORMAT_INVALID'],
    ['WJ01消12345', 'PLATE_LENGTH_INVALID'],
  ] as const)('%s → %s', (input, code) => {
    expect(errorOf(input)).toBe(code);
  });
});

describe('parsePlate emergency plates', () => {
  it.each([
    ['京X1234应急', '京X1234应急', '京X'],
    ['川S·0001应急', '川S0001应急', '川S'],
    ['京12345应急', '京12345应急', '京'],
    ['应急苏123X', '应急苏123X', '苏X'],
  ])('%s → %s', (input, number, prefix) => {
    const plate = parseValid(input);
    expect(plate.number).toBe(number);
    expect(plate.kind).toBe('emergency');
    expect(plate.prefix).toBe(prefix);
  });

  it.each([
    ['京X123应急', 'PLATE_LENGTH_INVALID'],
    ['京A1234应急', 'PLATE_FORMAT_INVALID'],
    ['应急苏123A', 'PLATE_FORMAT_INVALID'],
    ['应急X123苏', 'PLATE_FORMAT_INVALID'],
  ] as const)('%s → %s', (input, code) => {
    expect(errorOf(input)).toBe(code);
  });
});

describe('parsePlate province and issuer', () => {
  it.each([
    ['台A12345', 'PLATE_PROVINCE_UNKNOWN'],
    ['E12345', 'PLATE_PROVINCE_UNKNOWN'],
    ['SU E12345', 'PLATE_PROVINCE_UNKNOWN'],
    ['12345', 'PLATE_PROVINCE_UNKNOWN'],
    ['挂E12345', 'PLATE_PROVINCE_UNKNOWN'],
  ] as const)('%s → %s', (input, code) => {
    expect(errorOf(input)).toBe(code);
  });

  it.each(['京Z12345', '苏P12345', '宁F12345', '藏K12345', '沪Z12345', '鄂I12345'])('%s has an unknown issuing letter', (input) => {
    expect(errorOf(input)).toBe('PLATE_ISSUER_UNKNOWN');
  });
});

describe('parsePlate rejected input', () => {
  it.each([
    ['', 'PLATE_REQUIRED'],
    ['   ', 'PLATE_REQUIRED'],
    ['\u3000\t\n', 'PLATE_REQUIRED'],
    ['·-·', 'PLATE_REQUIRED'],
    ['𠀀A12345', 'PLATE_CHARACTER_INVALID'],
    ['苏E1234𠀀', 'PLATE_CHARACTER_INVALID'],
    ['苏E12😀45', 'PLATE_CHARACTER_INVALID'],
    ['苏E12_45', 'PLATE_CHARACTER_INVALID'],
    ['苏E12Б45', 'PLATE_CHARACTER_INVALID'],
    ['苏E12试45', 'PLATE_CHARACTER_INVALID'],
  ] as const)('%j → %s', (input, code) => {
    expect(errorOf(input)).toBe(code);
  });

  it.each([
    ['1,000 province characters', '苏'.repeat(1000)],
    ['a plate padded to 1,000 characters', '苏E12345' + ' '.repeat(993)],
    ['a plate padded to 33 characters', '苏E12345' + ' '.repeat(26)],
  ])('rejects %s', (_description, input) => {
    expect(errorOf(input)).toBe('PLATE_LENGTH_INVALID');
  });

  it('accepts a plate padded to 32 characters', () => {
    expect(parseValid('苏E12345' + ' '.repeat(25)).number).toBe('苏E12345');
  });

  it.each([
    ['undefined', undefined, 'PLATE_REQUIRED'],
    ['null', null, 'PLATE_REQUIRED'],
    ['number', 12345, 'PLATE_FORMAT_INVALID'],
    ['object', {}, 'PLATE_FORMAT_INVALID'],
    ['array with a plate', ['苏E12345'], 'PLATE_FORMAT_INVALID'],
    ['object with toString', { toString: () => '苏E12345' }, 'PLATE_FORMAT_INVALID'],
    ['boolean', true, 'PLATE_FORMAT_INVALID'],
  ] as const)('rejects %s', (_description, input, code) => {
    expect(errorOf(input as unknown as string)).toBe(code);
  });
});

describe('parsePlate invisible characters', () => {
  it.each([
    ['left-to-right mark', '\u200e苏E12345'],
    ['right-to-left mark', '苏E12345\u200f'],
    ['both marks around', '\u200f苏E·12345\u200e'],
    ['bidi isolate', '\u2066苏E12345\u2069'],
    ['zero-width space inside', '苏E\u200b12345'],
    ['byte order mark', '\ufeff苏E12345'],
  ])('accepts %s', (_description, input) => {
    expect(parseValid(input).number).toBe('苏E12345');
  });

  it.each([['\u200e'], ['\u200f\u200e'], ['\ufeff\u200b']])('only marks %j are required', (input) => {
    expect(errorOf(input)).toBe('PLATE_REQUIRED');
  });
});
