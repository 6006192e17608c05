import type { Locale } from '@cordon/core';
import type { ServiceContext } from '../../context/types.js';
import { blindIndex } from '../../crypto/field-encryption.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { AppError } from '../../errors/app-error.js';
import type { AlertNotice } from '../../events/bus.js';
import { canonicalJson, compileBodyValidator, runBatch } from '../../http/batch.js';
import { raiseAlert } from '../alerts/raise.js';
import { recordAudit } from '../audit/service.js';
import { loadEffectiveRiskEntries } from '../risk-regions/service.js';
import { type ClosedLoopLogger, runClosedLoop } from './closed-loop.js';
import { type PhoneCaller, type PhoneCheckpoint, resolveOfficerOnDuty, resolvePhoneCheckpoint } from './phone-access.js';
import { type CheckedRegistration, checkRegistration } from './registration-input.js';
import * as repo from './registration-repository.js';
import { findDuplicates, loadRegistration, newRegistrationResult } from './registration-result.js';
import { evaluateRegistrationRisk } from './registration-risk.js';
import { type DuplicateHitResult, RegistrationBody, type RegistrationInput, type RegistrationResult } from './registration-schemas.js';

/** Blind-index kind of a registration's request body; changing it makes every stored registration look different from its resend. */
const REQUEST_HASH_KIND = 'checkpoint_registration_request';

/** Alert kind of each disposition other than pass, raised to the checkpoint's jurisdiction. */
const DISPOSITION_ALERTS = { turned_back: 'checkpoint_turned_back', transferred: 'checkpoint_transferred' } as const;

export interface RegistrationOutcome {
  registration: RegistrationResult;
  duplicates: DuplicateHitResult[];
  /** False when the id was already stored with the same body by the same sender, and the stored registration is returned. */
  created: boolean;
}

/** True when the registration names a community, room or place, the destinations the closed loop can hand it to. */
function hasDestination(destination: { communityCode: string | null; roomId: string | null; placeId: string | null }): boolean {
  return destination.communityCode !== null || destination.roomId !== null || destination.placeId !== null;
}

/**
 * Returns the stored registration when the same sender sent the same body
 * before, after running its closed loop again: the first send may have
 * stored the registration and failed before its loop ran. Another body, or
 * another device or officer, with the id is a conflict, and the response
 * reveals nothing about the stored registration.
 */
async function findResend(
  ctx: ServiceContext,
  sender: PhoneCheckpoint,
  id: string,
  requestHash: string,
  log: ClosedLoopLogger | undefined,
): Promise<RegistrationOutcome | undefined> {
  const existing = await repo.findRegistrationSender(ctx.db, id);
  if (!existing) return undefined;
  const sameSender = sender.device
    ? existing.device_id === sender.device.id
    : existing.device_id === null && existing.officer_id === sender.officerId;
  if (!sameSender || existing.request_hash !== requestHash) throw new AppError('CHECKPOINT_REGISTRATION_CONFLICT', 'id');

  const destination = {
    communityCode: existing.destination_community_code,
    roomId: existing.destination_room_id,
    placeId: existing.destination_place_id,
  };
  if (hasDestination(destination)) await runClosedLoop(ctx, id, log);
  const registration = await loadRegistration(ctx, id);
  const documentIndexes = await repo.listDocumentIndexesOfRegistration(ctx.db, id);
  const duplicates = await findDuplicates(ctx, { plateNumber: registration.plateNumber, documentIndexes, excludeId: id });
  return { registration, duplicates, created: false };
}

function riskFactsOf(checked: CheckedRegistration) {
  return {
    plate: checked.plate ? { prefix: checked.plate.prefix, regionCode: checked.plate.regionCode ?? null } : null,
    originRegionCode: checked.originRegionCode,
    documentRegionCodes: checked.occupants.map((occupant) => occupant.document.document_region_code),
    travelRegionCodes: checked.travelHistory.map((entry) => entry.regionCode),
  };
}

function auditFieldsOf(input: RegistrationInput): string[] {
  return Object.keys(input).filter((key) => key !== 'id' && (input as Record<string, unknown>)[key] !== undefined);
}

async function storeRegistration(
  ctx: ServiceContext,
  caller: PhoneCaller,
  sender: PhoneCheckpoint,
  input: RegistrationInput,
  checked: CheckedRegistration,
  extra: { officerId: string | null; requestHash: string; riskLevel: string | null },
) {
  const { checkpoint } = sender;
  const receivedAt = ctx.clock().toISOString();
  const notices: AlertNotice[] = [];
  const registration = {
    id: input.id,
    checkpoint_id: checkpoint.id,
    node_code: checkpoint.node_code,
    mode: input.mode,
    device_id: sender.device?.id ?? null,
    officer_id: extra.officerId,
    registered_at: checked.registeredAt,
    received_at: receivedAt,
    plate_number: checked.plate?.number ?? null,
    plate_region_code: checked.plate?.regionCode ?? null,
    origin_region_code: checked.originRegionCode,
    destination_community_code: checked.destination.communityCode,
    destination_room_id: checked.destination.roomId,
    destination_place_id: checked.destination.placeId,
    destination_text_enc: checked.destination.textEnc,
    purpose: input.purpose ?? null,
    travel_history_enc: checked.travelHistoryEnc,
    notes_enc: checked.notesEnc,
    disposition: input.disposition,
    disposition_reason: checked.dispositionReason,
    site_id: checked.siteId,
    risk_level: extra.riskLevel,
    request_hash: extra.requestHash,
    task_id: null,
  };
  const occupants = checked.occupants.map((occupant) => ({
    registration_id: input.id,
    position: occupant.position,
    role: occupant.role,
    name_enc: occupant.nameEnc,
    document_type: occupant.document.document_type,
    document_number_enc: occupant.document.document_number_enc,
    document_index: occupant.document.document_index,
    document_masked: occupant.document.document_masked,
    document_region_code: occupant.document.document_region_code,
    birth_date: occupant.document.birth_date,
    sex: occupant.document.sex,
    phone_enc: occupant.phoneEnc,
    phone_masked: occupant.phoneMasked,
    temperature_tenths: occupant.temperatureTenths,
    symptoms: JSON.stringify(occupant.symptoms),
    person_id: null,
  }));

  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertRegistration(trx, registration, occupants);

    if (input.disposition !== 'pass') {
      const alert = {
        kind: DISPOSITION_ALERTS[input.disposition],
        severity: 'warning' as const,
        nodeCode: checkpoint.node_code,
        sourceKey: input.id,
        details: {
          checkpointId: checkpoint.id,
          checkpointName: checkpoint.name,
          plateNumber: registration.plate_number,
          disposition: input.disposition,
          siteId: checked.siteId,
        },
      };
      const raised = await raiseAlert(trx, alert, receivedAt);
      if (raised.created) notices.push(raised.notice);
    }

    const audit = {
      action: 'checkpoint.register',
      entityType: 'checkpoint_registration',
      entityId: input.id,
      nodeCode: checkpoint.node_code,
      fields: auditFieldsOf(input),
    };
    await recordAudit(trx, ctx, caller.actor, audit, receivedAt);
  });
  return { notices, registration, occupants };
}

/**
 * Stores one registration from a checkpoint phone or an officer. Retries are
 * idempotent: the id comes from the phone, and the same sender with the same
 * body gets the stored registration (created false). Every field is checked
 * before anything is written. The registration, its occupants, its alert and
 * its audit entry are written in one transaction. After the commit the alert
 * is announced and the closed loop hands the arrival to the destination.
 */
export async function createRegistration(
  ctx: ServiceContext,
  caller: PhoneCaller,
  input: RegistrationInput,
  log?: ClosedLoopLogger,
): Promise<RegistrationOutcome> {
  const sender = await resolvePhoneCheckpoint(ctx, caller, input.checkpointId);
  const requestHash = blindIndex(ctx.keys.blindIndex, REQUEST_HASH_KIND, canonicalJson(input));
  const resend = await findResend(ctx, sender, input.id, requestHash, log);
  if (resend) return resend;

  const officerId = await resolveOfficerOnDuty(ctx, sender, input.officerId);
  const checked = await checkRegistration(ctx, input, sender.checkpoint, ctx.clock());
  const registeredAt = new Date(checked.registeredAt);
  const { riskLevel, riskReasons } = evaluateRegistrationRisk(
    riskFactsOf(checked),
    await loadEffectiveRiskEntries(ctx, registeredAt),
    registeredAt,
  );

  let stored: Awaited<ReturnType<typeof storeRegistration>>;
  try {
    stored = await storeRegistration(ctx, caller, sender, input, checked, { officerId, requestHash, riskLevel });
  } catch (error) {
    // Two sends of one registration raced, and the other one stored it first.
    if (!isUniqueViolation(error)) throw error;
    const earlier = await findResend(ctx, sender, input.id, requestHash, log);
    if (earlier) return earlier;
    throw error;
  }
  const { notices } = stored;

  if (notices.length > 0) {
    // The registration and its alert are committed; a failed announcement only delays the consoles until they reload.
    await ctx.events.announceAlerts(notices).catch((error: unknown) => {
      log?.error({ err: error, alertIds: notices.map((notice) => notice.alertId) }, 'announcing checkpoint alerts failed');
    });
  }
  // A quick registration has no destination, so it skips the loop's look-ups.
  const taskId = hasDestination(checked.destination) ? await runClosedLoop(ctx, input.id, log) : null;

  // The response is built from the values just written, not read back.
  const writtenRow = { ...stored.registration, checkpoint_name: sender.checkpoint.name, task_id: taskId };
  const registration = await newRegistrationResult(ctx, writtenRow, stored.occupants, checked.plate ?? undefined, riskReasons);
  const documentIndexes = checked.occupants.map((occupant) => occupant.document.document_index);
  const duplicates = await findDuplicates(ctx, { plateNumber: registration.plateNumber, documentIndexes, excludeId: input.id });
  return { registration, duplicates, created: true };
}

const validateRegistration = compileBodyValidator(RegistrationBody, '/api/checkpoint-registrations');

/** Stores a phone's queued registrations one after another; see runBatch for each item's status and the failures that propagate. */
export function createRegistrationBatch(
  ctx: ServiceContext,
  caller: PhoneCaller,
  items: unknown[],
  locale: Locale,
  log?: ClosedLoopLogger,
) {
  return runBatch<{ registration: RegistrationResult; duplicates: DuplicateHitResult[] }>(
    items,
    locale,
    validateRegistration,
    async (body) => {
      const { registration, duplicates, created } = await createRegistration(ctx, caller, body as RegistrationInput, log);
      return { status: created ? 201 : 200, registration, duplicates };
    },
  );
}
