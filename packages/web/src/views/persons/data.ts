import { IDENTITY_DOCUMENT_TYPES, type DocumentType, type RiskLevel, type Role } from '@cordon/core';
import type { FormItemRule } from 'element-plus';
import {
  type HouseholdRole,
  type PersonHistoryEntry,
  type PersonSummary,
  PREFERRED_LANGUAGES,
  type PreferredLanguage,
  type RegisterPersonRequest,
  type TravelMode,
} from '../../api/persons.js';
import type { TableColumn } from '../../utils/table.js';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** Roles the server lets register and edit person files. Every other staff role only reads. */
export const PERSON_WRITE_ROLES: readonly Role[] = ['admin', 'subdistrict_staff', 'community_staff', 'grid_worker'];

/** Roles the server lets reveal a full document or phone number. */
export const PERSON_REVEAL_ROLES: readonly Role[] = ['admin', 'subdistrict_staff', 'community_staff', 'doctor'];

export const DOCUMENT_TYPE_OPTIONS: readonly DocumentType[] = IDENTITY_DOCUMENT_TYPES;

// The server's limits on person fields and the list filter.
export const NAME_MAX_LENGTH = 50;
export const DOCUMENT_NUMBER_MAX_LENGTH = 64;
export const PHONE_MAX_LENGTH = 32;
export const REGION_CODE_MAX_LENGTH = 16;
export const TRAVEL_NUMBER_MAX_LENGTH = 32;
export const MARKER_REASON_MAX_LENGTH = 200;
export const NOTES_MAX_LENGTH = 1000;
export const FILTER_QUERY_MAX_LENGTH = 64;
export const REVEAL_REASON_MIN_LENGTH = 2;
export const REVEAL_REASON_MAX_LENGTH = 200;
export const MERGE_REASON_MIN_LENGTH = 2;
export const MERGE_REASON_MAX_LENGTH = 200;

/** Roles the server lets merge two files. */
export const PERSON_MERGE_ROLES: readonly Role[] = ['admin', 'subdistrict_staff', 'community_staff'];

export const personColumns: TableColumn<PersonSummary>[] = [
  { key: 'name', labelKey: 'persons.fields.name', kind: 'custom', minWidth: 110, essential: true },
  { key: 'documentMasked', prop: 'documentMasked', labelKey: 'persons.fields.documentNumber', kind: 'mono', minWidth: 190 },
  { key: 'phoneMasked', labelKey: 'persons.fields.phone', kind: 'custom', minWidth: 130 },
  { key: 'birthDate', labelKey: 'persons.fields.birthDate', kind: 'custom', width: 110 },
  { key: 'sex', labelKey: 'persons.fields.sex', kind: 'custom', width: 70 },
  { key: 'community', labelKey: 'persons.fields.community', kind: 'custom', minWidth: 150 },
  { key: 'markers', labelKey: 'persons.fields.markers', kind: 'custom', minWidth: 140, essential: true },
  { key: 'riskLevel', labelKey: 'persons.fields.riskLevel', kind: 'custom', width: 100, essential: true },
];

export const historyColumns: TableColumn<PersonHistoryEntry>[] = [
  { key: 'at', prop: 'at', labelKey: 'persons.history.at', kind: 'datetime', width: 150, essential: true },
  { key: 'action', labelKey: 'persons.history.action', kind: 'custom', minWidth: 130, essential: true },
  { key: 'actor', labelKey: 'persons.history.actor', kind: 'custom', minWidth: 100 },
  { key: 'fields', labelKey: 'persons.history.fields', kind: 'custom', minWidth: 160 },
  { key: 'reason', labelKey: 'persons.history.reason', kind: 'custom', minWidth: 140 },
];

/** Marker filters: an empty value lists everyone, "yes" and "no" filter on the marker. */
export type MarkerFilter = '' | 'yes' | 'no';

export const MARKER_FILTER_OPTIONS: readonly Exclude<MarkerFilter, ''>[] = ['yes', 'no'];

/** Risk level filter: an empty value lists everyone, and 'none' lists people that no entry matches. */
export type RiskLevelFilter = '' | RiskLevel | 'none';

export const RISK_LEVEL_FILTER_OPTIONS: readonly Exclude<RiskLevelFilter, ''>[] = ['high', 'medium', 'low', 'none'];

export interface PersonFilters {
  q: string;
  communityCode: string;
  keyPerson: MarkerFilter;
  closeContact: MarkerFilter;
  riskLevel: RiskLevelFilter;
}

export function emptyPersonFilters(): PersonFilters {
  return { q: '', communityCode: '', keyPerson: '', closeContact: '', riskLevel: '' };
}

export function markerQueryOf(filter: MarkerFilter): boolean | undefined {
  if (filter === '') return undefined;
  return filter === 'yes';
}

/** Fields that the register and the edit form of a person file share. */
export interface PersonForm {
  name: string;
  documentType: DocumentType;
  documentNumber: string;
  phone: string;
  communityCode: string;
  householdRole: HouseholdRole | '';
  /** Language of the SMS and declaration pages the person receives. */
  preferredLanguage: PreferredLanguage;
  originRegionCode: string;
  /** YYYY-MM-DD from the date picker, or empty when not given. */
  arrivalDate: string;
  travelMode: TravelMode | '';
  travelNumber: string;
  keyPerson: boolean;
  keyPersonReason: string;
  closeContact: boolean;
  closeContactReason: string;
  notes: string;
}

export type PersonFormField = keyof PersonForm;

export const PERSON_FORM_FIELDS: readonly PersonFormField[] = [
  'name',
  'documentType',
  'documentNumber',
  'phone',
  'communityCode',
  'householdRole',
  'preferredLanguage',
  'originRegionCode',
  'arrivalDate',
  'travelMode',
  'travelNumber',
  'keyPerson',
  'keyPersonReason',
  'closeContact',
  'closeContactReason',
  'notes',
];

/** Returns an empty registration form with the resident ID card, the usual document, selected. */
export function emptyPersonForm(): PersonForm {
  return {
    name: '',
    documentType: 'resident_id',
    documentNumber: '',
    phone: '',
    communityCode: '',
    householdRole: '',
    preferredLanguage: 'zh-CN',
    originRegionCode: '',
    arrivalDate: '',
    travelMode: '',
    travelNumber: '',
    keyPerson: false,
    keyPersonReason: '',
    closeContact: false,
    closeContactReason: '',
    notes: '',
  };
}

/**
 * Builds the registration body: trimmed text, optional fields only when
 * filled in, and a marker's reason only when the marker is on.
 */
export function registerRequestOf(form: PersonForm): RegisterPersonRequest {
  const request: RegisterPersonRequest = {
    name: form.name.trim(),
    documentType: form.documentType,
    documentNumber: form.documentNumber.trim(),
    communityCode: form.communityCode,
  };

  const phone = form.phone.trim();
  const originRegionCode = form.originRegionCode.trim();
  const travelNumber = form.travelNumber.trim();
  if (phone) request.phone = phone;
  if (form.householdRole) request.householdRole = form.householdRole;
  // Chinese is the server's default, and sending it would reset the language of a file this document already has.
  if (form.preferredLanguage !== 'zh-CN') request.preferredLanguage = form.preferredLanguage;
  if (originRegionCode) request.originRegionCode = originRegionCode;
  if (form.arrivalDate) request.arrivalDate = form.arrivalDate;
  if (form.travelMode) request.travelMode = form.travelMode;
  if (travelNumber) request.travelNumber = travelNumber;
  const notes = form.notes.trim();
  if (notes) request.notes = notes;

  if (form.keyPerson) {
    request.keyPerson = true;
    request.keyPersonReason = form.keyPersonReason.trim();
  }
  if (form.closeContact) {
    request.closeContact = true;
    request.closeContactReason = form.closeContactReason.trim();
  }
  return request;
}

/** Checks a marker's reason only while its switch is on. */
function markerReasonRule(t: Translate, form: PersonForm, marker: 'keyPerson' | 'closeContact'): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_rule, value: unknown, callback) => {
      const reason = typeof value === 'string' ? value.trim() : '';
      if (form[marker] && reason === '') {
        callback(new Error(t('persons.form.reasonRequired')));
        return;
      }
      callback();
    },
  };
}

type PersonFormRules = Partial<Record<PersonFormField, FormItemRule[]>>;

function nameRequiredRule(t: Translate): FormItemRule {
  return { required: true, whitespace: true, message: t('persons.form.nameRequired'), trigger: 'blur' };
}

/** Rules that the register and the edit form both check. */
function sharedPersonRules(t: Translate, form: PersonForm): PersonFormRules {
  return {
    communityCode: [{ required: true, message: t('persons.form.communityRequired'), trigger: 'change' }],
    keyPersonReason: [markerReasonRule(t, form, 'keyPerson')],
    closeContactReason: [markerReasonRule(t, form, 'closeContact')],
  };
}

export function buildPersonFormRules(t: Translate, form: PersonForm): PersonFormRules {
  return {
    ...sharedPersonRules(t, form),
    name: [nameRequiredRule(t), { max: NAME_MAX_LENGTH, message: t('persons.form.tooLong', { max: NAME_MAX_LENGTH }), trigger: 'blur' }],
    documentType: [{ required: true, message: t('persons.form.documentTypeRequired'), trigger: 'change' }],
    documentNumber: [
      { required: true, whitespace: true, message: t('persons.form.documentNumberRequired'), trigger: 'blur' },
      { max: DOCUMENT_NUMBER_MAX_LENGTH, message: t('persons.form.tooLong', { max: DOCUMENT_NUMBER_MAX_LENGTH }), trigger: 'blur' },
    ],
  };
}

/** Rules of the edit form, where an empty document number keeps the stored document. */
export function buildPersonEditRules(t: Translate, form: PersonForm): PersonFormRules {
  return { ...sharedPersonRules(t, form), name: [nameRequiredRule(t)] };
}

/** Locale key of a language's name: vue-i18n keys cannot hold the hyphen of zh-CN. */
export function languageKeyOf(language: PreferredLanguage): string {
  return language === 'zh-CN' ? 'zhCN' : language;
}

/** The stored language when the console knows it, else Chinese. */
export function preferredLanguageOf(value: string): PreferredLanguage {
  return (PREFERRED_LANGUAGES as readonly string[]).includes(value) ? (value as PreferredLanguage) : 'zh-CN';
}
