import { describe, expect, it } from 'vitest';
import type { PersonDetail } from '../../api/persons.js';
import { PERSON_FORM_FIELDS } from './data.js';
import { editFormOf, PERSON_EDIT_FIELDS, previewDocument, previewPhone, riskTagType, updateRequestOf } from './edit.js';

const person: PersonDetail = {
  id: 'p1',
  name: '张三',
  documentType: 'resident_id',
  documentMasked: '1101**********002X',
  phoneMasked: '138****8000',
  birthDate: '1949-12-31',
  sex: 'female',
  communityCode: '110105001001',
  communityName: '某社区',
  gridCode: null,
  keyPerson: true,
  closeContact: false,
  riskLevel: null,
  updatedAt: '2026-12-01T00:00:00.000Z',
  nationality: 'CHN',
  preferredLanguage: 'zh-CN',
  documentRegionCode: '110105',
  documentRegionName: ['北京市', '朝阳区'],
  gridName: null,
  roomId: 'room-1',
  placeId: null,
  addressText: '某小区1幢1单元101室',
  householdRole: 'owner',
  originRegionCode: '420100',
  originRegionName: ['湖北省', '武汉市'],
  arrivalDate: '2026-11-30',
  travelMode: 'train',
  travelNumber: 'G1234',
  keyPersonReason: '武汉返回',
  closeContactReason: null,
  notes: '独居老人\n需送药',
  source: 'manual',
  createdAt: '2026-12-01T00:00:00.000Z',
  riskMatches: [],
  mergedIntoId: null,
  mergedAt: null,
};

describe('PERSON_EDIT_FIELDS', () => {
  it('adds the address to the shared fields', () => {
    expect(PERSON_EDIT_FIELDS).toEqual([...PERSON_FORM_FIELDS, 'roomId', 'placeId']);
  });
});

describe('updateRequestOf', () => {
  it('sends nothing for an unchanged form', () => {
    expect(updateRequestOf(editFormOf(person), person)).toEqual({});
  });

  it('sends changed fields and clears blank ones', () => {
    const form = { ...editFormOf(person), name: ' 张三丰 ', originRegionCode: ' ', travelMode: '' as const, roomId: '' };
    expect(updateRequestOf(form, person)).toEqual({ name: '张三丰', originRegionCode: null, travelMode: null, roomId: null });
  });

  it('sends the document only when a number is typed', () => {
    const form = { ...editFormOf(person), documentType: 'passport' as const };
    expect(updateRequestOf(form, person)).toEqual({});
    expect(updateRequestOf({ ...form, documentNumber: ' E12345678 ' }, person)).toEqual({
      documentType: 'passport',
      documentNumber: 'E12345678',
    });
  });

  it('sends a marker with its reason', () => {
    const off = { ...editFormOf(person), keyPerson: false };
    expect(updateRequestOf(off, person)).toEqual({ keyPerson: false });

    const on = { ...editFormOf(person), closeContact: true, closeContactReason: ' 同车 ' };
    expect(updateRequestOf(on, person)).toEqual({ closeContact: true, closeContactReason: '同车' });

    const reworded = { ...editFormOf(person), keyPersonReason: '外地返回' };
    expect(updateRequestOf(reworded, person)).toEqual({ keyPerson: true, keyPersonReason: '外地返回' });
  });
});

describe('updateRequestOf notes', () => {
  it('sends edited notes with their line breaks', () => {
    const form = { ...editFormOf(person), notes: ' 独居老人\n需送药\n女儿在外地 \n' };
    expect(updateRequestOf(form, person)).toEqual({ notes: '独居老人\n需送药\n女儿在外地' });
  });

  it('clears blank notes', () => {
    expect(updateRequestOf({ ...editFormOf(person), notes: ' \n ' }, person)).toEqual({ notes: null });
  });

  it('sends nothing for unchanged notes', () => {
    expect(editFormOf(person).notes).toBe('独居老人\n需送药');
    expect(updateRequestOf({ ...editFormOf(person), notes: '独居老人\n需送药 ' }, person)).toEqual({});
  });
});

describe('previewDocument', () => {
  it('reads birth date, sex and region', () => {
    expect(previewDocument('11010519491231002x', 'resident_id')).toEqual({
      ok: true,
      type: 'resident_id',
      birthDate: '1949-12-31',
      sex: 'female',
      region: '北京市 / 朝阳区',
    });
  });

  it('returns the parser code of a bad number', () => {
    expect(previewDocument('110105194912310021', 'resident_id')).toEqual({ ok: false, code: 'ID_NUMBER_CHECKSUM_INVALID' });
  });

  it('is undefined for an empty box', () => {
    expect(previewDocument('  ', 'resident_id')).toBeUndefined();
  });
});

describe('previewPhone', () => {
  it('reads a mobile number', () => {
    expect(previewPhone('+86 138 0013 8000')).toEqual({ ok: true, national: '13800138000' });
  });

  it('returns the parser code of a short number', () => {
    expect(previewPhone('1380013')).toMatchObject({ ok: false });
  });
});

describe('riskTagType', () => {
  it('maps each level', () => {
    expect([riskTagType('high'), riskTagType('medium'), riskTagType('low')]).toEqual(['danger', 'warning', 'info']);
  });
});
