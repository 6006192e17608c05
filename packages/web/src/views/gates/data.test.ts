import { describe, expect, it } from 'vitest';
import type { AccessPass, CompoundManager, GateCompound, GateDevice } from '../../api/gates.js';
import {
  COMPOUND_STORAGE_KEY,
  activeDeviceCount,
  checkPlate,
  initialCompoundId,
  issuePassRequestOf,
  managerChangesAdding,
  managerChangesWith,
  managerChangesWithout,
  printablePassIds,
  pushUrlsOf,
  readRememberedCompound,
  rememberCompound,
  revokedReasonKey,
  roomOptionsOf,
  sortedDevices,
  temperatureText,
  trackingSubjectText,
  type KeyValueStorage,
  withRow,
} from './data.js';

function memoryStorage(): KeyValueStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return { values, getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

function compound(id: string): GateCompound {
  return {
    id,
    name: id,
    communityCode: '320508001001',
    communityName: '社区',
    gateCount: 0,
    deviceCount: 0,
    vehicleCount: 0,
    activePassCount: 0,
    managed: true,
  };
}

function device(id: string, createdAt: string, revokedAt: string | null): GateDevice {
  return { id, name: id, keyPrefix: 'gk_ab', createdAt, lastUsedAt: null, revokedAt };
}

function pass(id: string, status: AccessPass['status']): AccessPass {
  return {
    id,
    serial: `P-${id}`,
    personId: 'p',
    personName: '王*明',
    roomText: null,
    cardNumber: null,
    status,
    revokedReason: null,
    revokedAt: null,
    validUntil: null,
    createdAt: '2026-12-05T00:00:00.000Z',
    linkSent: false,
  };
}

describe('compound memory', () => {
  it('stores and reads the last compound', () => {
    const storage = memoryStorage();
    expect(readRememberedCompound(storage)).toBeNull();
    rememberCompound('c2', storage);
    expect(storage.values.get(COMPOUND_STORAGE_KEY)).toBe('c2');
    expect(readRememberedCompound(storage)).toBe('c2');
  });

  it('survives a storage that throws', () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
    };
    expect(readRememberedCompound(broken)).toBeNull();
    expect(() => rememberCompound('c1', broken)).not.toThrow();
  });

  it('opens the remembered compound while it is listed', () => {
    const compounds = [compound('c1'), compound('c2')];
    expect(initialCompoundId(compounds, 'c2')).toBe('c2');
    expect(initialCompoundId(compounds, 'gone')).toBe('c1');
    expect(initialCompoundId(compounds, null)).toBe('c1');
    expect(initialCompoundId([], 'c1')).toBeNull();
  });
});

describe('pushUrlsOf', () => {
  it('builds one URL pair per format', () => {
    const urls = pushUrlsOf('https://cordon.example.cn/', 'gk_a+b/c');
    expect(urls.map((url) => url.format)).toEqual(['cordon', 'hikvision', 'dahua', 'vzenith', 'gat1400']);
    expect(urls[0]?.url).toBe('https://cordon.example.cn/api/gate-events');
    expect(urls[1]?.url).toBe('https://cordon.example.cn/api/gate-events/hikvision');
    expect(urls[4]?.url).toBe('https://cordon.example.cn/api/gate-events/gat1400/VIID/MotorVehicles');
  });

  it('offers the short GA/T 1400 path as alternative', () => {
    const gat1400 = pushUrlsOf('https://cordon.example.cn', 'gk_1').find((url) => url.format === 'gat1400');
    expect(gat1400?.urlWithKey).toBe('https://cordon.example.cn/api/gate-events/gat1400/VIID/MotorVehicles?key=gk_1');
    expect(gat1400?.alternative?.urlWithKey).toBe('https://cordon.example.cn/api/gate-events/gat1400?key=gk_1');
  });

  it('gives other formats no alternative', () => {
    const urls = pushUrlsOf('https://cordon.example.cn', 'gk_1').filter((url) => url.format !== 'gat1400');
    expect(urls.map((url) => url.alternative)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('escapes the key in the query variant', () => {
    const [cordon] = pushUrlsOf('http://127.0.0.1:3000', 'gk_a+b/c');
    expect(cordon?.urlWithKey).toBe('http://127.0.0.1:3000/api/gate-events?key=gk_a%2Bb%2Fc');
  });
});

describe('checkPlate', () => {
  it('reads nothing from blank input', () => {
    expect(checkPlate('  ', 'zh-CN')).toEqual({ state: 'empty' });
  });

  it('normalises lower case and spaces', () => {
    expect(checkPlate('鄂a 12345', 'zh-CN')).toEqual({ state: 'valid', number: '鄂A12345', region: '湖北省武汉市' });
    expect(checkPlate('苏E·12345', 'en')).toMatchObject({ state: 'valid', number: '苏E12345' });
  });

  it('explains an invalid plate in the locale', () => {
    const chinese = checkPlate('ABC', 'zh-CN');
    const english = checkPlate('ABC', 'en');
    expect(chinese.state).toBe('invalid');
    expect(english.state).toBe('invalid');
    if (chinese.state !== 'invalid' || english.state !== 'invalid') return;
    expect(chinese.message).toContain('车牌号');
    expect(english.message).toContain('Plate number');
  });
});

describe('issuePassRequestOf', () => {
  it('leaves out blank optional fields', () => {
    expect(issuePassRequestOf({ personId: 'p1', cardNumber: '  ', validUntil: '' })).toEqual({ personId: 'p1' });
  });

  it('trims the card number', () => {
    expect(issuePassRequestOf({ personId: 'p1', cardNumber: ' 00123 ', validUntil: '2027-01-31' })).toEqual({
      personId: 'p1',
      cardNumber: '00123',
      validUntil: '2027-01-31',
    });
  });
});

describe('printablePassIds', () => {
  it('keeps active passes only', () => {
    expect(printablePassIds([pass('a', 'active'), pass('b', 'revoked'), pass('c', 'active')])).toEqual(['a', 'c']);
  });
});

describe('revokedReasonKey', () => {
  it('maps known and unknown reasons', () => {
    expect(revokedReasonKey('home_quarantine')).toBe('gates.passes.revokedReasons.home_quarantine');
    expect(revokedReasonKey('moved_out')).toBe('gates.passes.revokedReasons.moved_out');
    expect(revokedReasonKey('merged')).toBe('gates.passes.revokedReasons.merged');
    expect(revokedReasonKey('something new')).toBe('gates.passes.revokedReasons.other');
    expect(revokedReasonKey(null)).toBe('gates.passes.revokedReasons.other');
  });
});

describe('manager changes', () => {
  const managers: CompoundManager[] = [
    { userId: 'u1', displayName: 'A', username: 'a', role: 'gate_guard', phoneMasked: '138****0000', smsAlerts: false },
    { userId: 'u2', displayName: 'B', username: 'b', role: 'community_staff', phoneMasked: '139****0000', smsAlerts: true },
  ];

  it('changes one switch and keeps the others', () => {
    expect(managerChangesWith(managers, 'u1', { smsAlerts: true })).toEqual([
      { userId: 'u1', smsAlerts: true },
      { userId: 'u2', smsAlerts: true },
    ]);
  });

  it('sets a trimmed phone', () => {
    expect(managerChangesWith(managers, 'u1', { phone: ' 13812345678 ' })).toEqual([
      { userId: 'u1', smsAlerts: false, phone: '13812345678' },
      { userId: 'u2', smsAlerts: true },
    ]);
  });

  it('clears a phone and its SMS alerts', () => {
    expect(managerChangesWith(managers, 'u2', { phone: '  ' })).toEqual([
      { userId: 'u1', smsAlerts: false },
      { userId: 'u2', smsAlerts: false, phone: null },
    ]);
  });

  it('removes a manager', () => {
    expect(managerChangesWithout(managers, 'u1')).toEqual([{ userId: 'u2', smsAlerts: true }]);
  });

  it('adds a manager once', () => {
    expect(managerChangesAdding(managers, 'u3')).toEqual([
      { userId: 'u1', smsAlerts: false },
      { userId: 'u2', smsAlerts: true },
      { userId: 'u3', smsAlerts: false },
    ]);
    expect(managerChangesAdding(managers, 'u2')).toHaveLength(2);
  });
});

describe('devices', () => {
  it('lists revoked devices last', () => {
    const devices = [
      device('old-revoked', '2026-12-01', '2026-12-02'),
      device('new', '2026-12-03', null),
      device('old', '2026-12-01', null),
    ];
    expect(sortedDevices(devices).map((item) => item.id)).toEqual(['old', 'new', 'old-revoked']);
    expect(activeDeviceCount({ devices })).toBe(2);
  });
});

describe('roomOptionsOf', () => {
  it('flattens units and floors', () => {
    const options = roomOptionsOf({
      units: [
        {
          id: 'u1',
          number: '1',
          floors: [
            {
              floor: 1,
              rooms: [
                { id: 'r1', number: '101' },
                { id: 'r2', number: '102' },
              ],
            },
          ],
        },
        { id: 'u2', number: '2', floors: [{ floor: 2, rooms: [{ id: 'r3', number: '201' }] }] },
      ],
    });
    expect(options).toEqual([
      { id: 'r1', unit: '1', number: '101' },
      { id: 'r2', unit: '1', number: '102' },
      { id: 'r3', unit: '2', number: '201' },
    ]);
  });
});

describe('display text', () => {
  it('names a tracked subject', () => {
    expect(trackingSubjectText({ subjectType: 'vehicle', plateNumber: '鄂A12345', personName: null })).toBe('鄂A12345');
    expect(trackingSubjectText({ subjectType: 'person', plateNumber: null, personName: '王*明' })).toBe('王*明');
  });

  it('formats a temperature', () => {
    expect(temperatureText(37.3)).toBe('37.3 °C');
    expect(temperatureText(36)).toBe('36.0 °C');
    expect(temperatureText(null)).toBe('');
  });
});

describe('withRow', () => {
  const rows = [
    { id: 'a', value: 1 },
    { id: 'b', value: 2 },
  ];

  it('replaces a known row in place', () => {
    expect(withRow(rows, { id: 'b', value: 3 }, 'first')).toEqual([
      { id: 'a', value: 1 },
      { id: 'b', value: 3 },
    ]);
  });

  it('adds a new row first or last', () => {
    expect(withRow(rows, { id: 'c', value: 4 }, 'first').map((row) => row.id)).toEqual(['c', 'a', 'b']);
    expect(withRow(rows, { id: 'c', value: 4 }, 'last').map((row) => row.id)).toEqual(['a', 'b', 'c']);
  });
});
