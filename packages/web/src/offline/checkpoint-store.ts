import { chinaDayOf } from '@cordon/core';
import type { PhoneContext, RegistrationBatchResult, RegistrationRequest } from '../api/checkpoint-phone.js';
import type { QueuedItem } from './sync-queue.js';

/** A checkpoint registration saved on the phone and not yet confirmed by the server. */
export interface QueuedRegistration extends QueuedItem<RegistrationRequest> {
  /** Name of the checkpoint at the save, for the queue list. */
  checkpointName: string;
}

/** The enrolment of this phone: its device key and the checkpoint it registers for. */
export interface EnrolmentRecord {
  key: 'enrolment';
  deviceKey: string;
  device: { id: string; name: string };
  checkpoint: { id: string; name: string; location: string };
  enrolledAt: number;
  /** Time the server returned DEVICE_KEY_INVALID. The key is kept, so the page can tell the officer why it stopped sending. */
  revokedAt: number | null;
}

/** The last context the server returned, for a page load without a network. */
export interface ContextRecord {
  key: 'context';
  savedAt: number;
  value: PhoneContext;
}

/** A registration the server stored, as the phone lists it under "sent today". */
export interface SentRegistration {
  id: string;
  checkpointId: string;
  registeredAt: string;
  mode: RegistrationRequest['mode'];
  plateNumber: string | null;
  documentMasked: string | null;
  occupantCount: number;
  riskLevel: 'high' | 'medium' | 'low' | null;
  disposition: RegistrationRequest['disposition'];
}

/** Registrations sent from this phone on one China day. */
export interface SentRecord {
  key: 'sent';
  day: string;
  items: SentRegistration[];
}

export type DeviceRecord = EnrolmentRecord | ContextRecord | SentRecord;

/** Persistence of the device records: IndexedDB on the phone, a Map in unit tests. */
export interface DeviceStorage {
  get(key: DeviceRecord['key']): Promise<DeviceRecord | undefined>;
  put(record: DeviceRecord): Promise<void>;
  delete(key: DeviceRecord['key']): Promise<void>;
}

export class MemoryDeviceStorage implements DeviceStorage {
  private readonly records = new Map<string, DeviceRecord>();

  async get(key: DeviceRecord['key']): Promise<DeviceRecord | undefined> {
    const record = this.records.get(key);
    return record && structuredClone(record);
  }

  async put(record: DeviceRecord): Promise<void> {
    this.records.set(record.key, structuredClone(record));
  }

  async delete(key: DeviceRecord['key']): Promise<void> {
    this.records.delete(key);
  }
}

/**
 * Most entries of the "sent today" list. A checkpoint registers a few hundred
 * cars a day at most, so the cap only stops the record from growing without end.
 * NOTE: the cap is a chosen value; older entries are dropped first.
 */
export const MAX_SENT_ENTRIES = 1_000;

/** Builds the "sent today" entry of a stored registration from what the server returned. */
export function sentEntryOf(body: RegistrationRequest, result: RegistrationBatchResult): SentRegistration {
  const registration = result.registration;
  return {
    id: body.id,
    checkpointId: body.checkpointId,
    registeredAt: body.registeredAt,
    mode: body.mode,
    plateNumber: registration?.plateNumber ?? body.plate ?? null,
    documentMasked: registration?.occupants[0]?.documentMasked ?? null,
    occupantCount: body.occupants.length,
    riskLevel: registration?.riskLevel ?? null,
    disposition: body.disposition,
  };
}

/**
 * The checkpoint phone's own records: the enrolment with its device key, the
 * cached context and the registrations sent today. They live apart from the
 * screening cache, because a sign-out clears that cache and must not
 * unenrol the phone.
 */
export class CheckpointStore {
  constructor(
    private readonly storage: DeviceStorage,
    private readonly now: () => number = Date.now,
  ) {}

  async loadEnrolment(): Promise<EnrolmentRecord | undefined> {
    const record = await this.storage.get('enrolment');
    return record?.key === 'enrolment' ? record : undefined;
  }

  /** Stores a new enrolment; it replaces an earlier one, revoked or not. */
  async saveEnrolment(enrolment: Omit<EnrolmentRecord, 'key' | 'enrolledAt' | 'revokedAt'>): Promise<EnrolmentRecord> {
    const record: EnrolmentRecord = { ...enrolment, key: 'enrolment', enrolledAt: this.now(), revokedAt: null };
    await this.storage.put(record);
    return record;
  }

  /** Marks the stored key as revoked, so the phone stops sending it and waits for an officer. */
  async markRevoked(): Promise<EnrolmentRecord | undefined> {
    const record = await this.loadEnrolment();
    if (!record || record.revokedAt !== null) return record;
    const revoked = { ...record, revokedAt: this.now() };
    await this.storage.put(revoked);
    return revoked;
  }

  async loadContext(): Promise<ContextRecord | undefined> {
    const record = await this.storage.get('context');
    return record?.key === 'context' ? record : undefined;
  }

  async saveContext(context: PhoneContext): Promise<void> {
    await this.storage.put({ key: 'context', savedAt: this.now(), value: context });
  }

  /** Returns today's sent registrations, newest first; the list of an earlier day reads as empty. */
  async loadSentToday(): Promise<SentRegistration[]> {
    const record = await this.storage.get('sent');
    if (record?.key !== 'sent' || record.day !== chinaDayOf(new Date(this.now()))) return [];
    return record.items;
  }

  /** Adds stored registrations to today's list; an id already listed is not added twice. */
  async addSent(entries: SentRegistration[]): Promise<SentRegistration[]> {
    const today = await this.loadSentToday();
    const known = new Set(today.map((entry) => entry.id));
    const added = entries.filter((entry) => !known.has(entry.id));
    const items = [...added.reverse(), ...today].slice(0, MAX_SENT_ENTRIES);
    await this.storage.put({ key: 'sent', day: chinaDayOf(new Date(this.now())), items });
    return items;
  }
}
