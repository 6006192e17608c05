import type { DocumentType } from '@cordon/core';
import type { PhoneContext, RegistrationRequest } from '../../../api/checkpoint-phone.js';
import { registrationQueue, sendRegistrationsNow } from '../../../offline/checkpoint-sync.js';
import { emptyDraft, emptyOccupant, emptyTravelStop, type RegistrationDraft, type RegistrationInput } from './form/draft.js';

/** Request the registration form emits: everything but the fields the page adds at the save. */
export type PartialRegistration = RegistrationInput;

/** Length of a new-energy plate (苏AD12345); other plates have 7 characters. */
const NEW_ENERGY_PLATE_LENGTH = 8;

/** Result of a save: stored by the server, returned with its message, or still queued. */
export type SaveOutcome = { state: 'sent' | 'queued' } | { state: 'rejected'; message: string };

/**
 * How long a save waits for the server before it reports the registration as queued.
 * NOTE: 5 s is a chosen value for a slow mobile network, not a measured one.
 */
export const SEND_WAIT_MS = 5_000;

/** Completes the form's request with a new client id, the phone's clock, the checkpoint and the officer on duty. */
export function buildRegistrationRequest(
  partial: PartialRegistration,
  checkpointId: string,
  officerId: string | null,
  now = new Date(),
  id: string = crypto.randomUUID(),
): RegistrationRequest {
  const request: RegistrationRequest = { ...partial, id, registeredAt: now.toISOString(), checkpointId };
  if (officerId !== null && request.officerId === undefined) request.officerId = officerId;
  return request;
}

/**
 * Sends the queue and reports what became of one registration: 'sent' when
 * it left the queue, 'rejected' with the server's message, or 'queued' when
 * the phone is offline or the server did not respond within SEND_WAIT_MS.
 */
async function sendSaved(id: string): Promise<SaveOutcome> {
  const sending = sendRegistrationsNow().catch((error: unknown) =>
    console.warn('checkpoint registration not sent, it stays queued', error),
  );
  await Promise.race([sending, new Promise((resolve) => setTimeout(resolve, SEND_WAIT_MS))]);
  const queued = (await registrationQueue.list()).find((item) => item.id === id);
  if (!queued) return { state: 'sent' };
  if (queued.state === 'rejected') return { state: 'rejected', message: queued.error?.message ?? '' };
  return { state: 'queued' };
}

export interface SaveRequest {
  partial: PartialRegistration;
  checkpoint: PhoneContext['checkpoint'];
  officerId: string | null;
  /** Id of the returned registration this save corrects; it leaves the queue with the save. */
  replaces: string | null;
}

/**
 * Puts a registration in the phone's queue, which a save always reaches
 * first, and starts sending it. Resolves once the registration is queued;
 * `outcome` settles when the send finished or SEND_WAIT_MS passed.
 */
export async function queueRegistration(save: SaveRequest): Promise<{ outcome: Promise<SaveOutcome> }> {
  // Every save gets a new id: a correction is a new registration, because the returned one may be stored under its id.
  const body = buildRegistrationRequest(save.partial, save.checkpoint.id, save.officerId);
  const entry = { id: body.id, body, checkpointName: save.checkpoint.name };
  if (save.replaces !== null) await registrationQueue.replace(save.replaces, entry);
  else await registrationQueue.enqueue(entry);
  return { outcome: sendSaved(body.id) };
}

/**
 * Fills a form draft from a returned registration, so the officer corrects
 * what was typed instead of typing it again. The destination's community
 * name is not in the request, so the form shows the code until the officer
 * searches again.
 */
export function draftOfRequest(request: RegistrationRequest): RegistrationDraft {
  const draft = emptyDraft();
  draft.plate = request.plate ?? '';
  draft.newEnergyPlate = Array.from(draft.plate.trim()).length === NEW_ENERGY_PLATE_LENGTH;
  draft.occupants = request.occupants.map((occupant) => ({
    ...emptyOccupant(occupant.role),
    name: occupant.name ?? '',
    documentType: (occupant.documentType ?? 'resident_id') as DocumentType,
    documentNumber: occupant.documentNumber,
    nationality: occupant.nationality ?? '',
    phone: occupant.phone ?? '',
    temperature: occupant.temperature === undefined ? '' : occupant.temperature.toFixed(1),
    symptoms: [...(occupant.symptoms ?? [])],
  }));
  if (draft.occupants.length === 0) draft.occupants = [emptyOccupant('driver')];

  draft.originRegionCode = request.originRegionCode ?? '';
  const destination = request.destination ?? {};
  draft.destination = {
    communityCode: destination.communityCode ?? '',
    communityName: destination.communityCode ?? '',
    roomId: destination.roomId ?? '',
    placeId: destination.placeId ?? '',
    text: destination.text ?? '',
  };
  draft.purpose = request.purpose ?? '';
  draft.travelHistory = (request.travelHistory ?? []).map((stop) => ({
    ...emptyTravelStop(),
    regionCode: stop.regionCode,
    from: stop.from ?? '',
    to: stop.to ?? '',
  }));
  draft.notes = request.notes ?? '';
  draft.disposition = request.disposition;
  draft.dispositionReason = request.dispositionReason ?? '';
  draft.siteId = request.siteId ?? '';
  draft.officerId = request.officerId ?? '';
  return draft;
}

const OFFICER_STORAGE_KEY = 'cordon.checkpointOfficer';

/** Returns the officer on duty chosen last on this phone, or null. */
export function readSavedOfficer(): string | null {
  try {
    return globalThis.localStorage?.getItem(OFFICER_STORAGE_KEY) ?? null;
  } catch {
    // Storage can be blocked (private mode, strict settings); the officer is then chosen again after a reload.
    return null;
  }
}

export function saveOfficer(officerId: string | null): void {
  try {
    if (officerId === null) globalThis.localStorage?.removeItem(OFFICER_STORAGE_KEY);
    else globalThis.localStorage?.setItem(OFFICER_STORAGE_KEY, officerId);
  } catch {
    // See readSavedOfficer.
  }
}
