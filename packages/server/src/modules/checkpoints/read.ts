import { normalizePlateInput, type RiskEntry } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { decryptField } from '../../crypto/field-encryption.js';
import { AppError } from '../../errors/app-error.js';
import { resolveTimeRange } from './read-range.js';
import * as repo from './read-repository.js';
import { loadAllRiskEntries, plateOf, riskReasonsOf } from './read-risk.js';
import { ageAt } from './registration-result.js';
import type { RegistrationDetailResult, RegistrationListFilter } from './read-schemas.js';
import type { RegistrationResult } from './registration-schemas.js';

export function viewerOf(actor: Actor): repo.RegistrationViewer {
  return { scope: actor.scope, userId: actor.userId, officer: actor.role === 'checkpoint_officer' };
}

/** Checks the query's range and plate and turns them into the repository's filter. */
export function toRegistrationFilter(query: RegistrationListFilter, now: Date): repo.RegistrationFilter {
  const { from, to, plate, ...rest } = query;
  const plateText = plate === undefined ? '' : normalizePlateInput(plate);
  return { ...rest, range: resolveTimeRange({ from, to }, now), ...(plateText === '' ? {} : { plateText }) };
}

function iso(value: string): string {
  return new Date(value).toISOString();
}

function toRegistrationFields(
  ctx: ServiceContext,
  entries: readonly RiskEntry[],
  row: repo.RegistrationRow,
  occupants: repo.OccupantRow[],
) {
  const registeredAt = new Date(row.registered_at);
  const plate = plateOf(row.plate_number);
  const documentRegionCodes = occupants.map((occupant) => occupant.document_region_code);
  return {
    id: row.id,
    checkpointId: row.checkpoint_id,
    checkpointName: row.checkpoint_name,
    mode: row.mode as RegistrationResult['mode'],
    registeredAt: registeredAt.toISOString(),
    receivedAt: iso(row.received_at),
    plateNumber: row.plate_number,
    plateProvince: plate?.province ?? null,
    plateCity: plate?.city ?? null,
    riskLevel: row.risk_level as RegistrationResult['riskLevel'],
    riskReasons: riskReasonsOf(ctx, entries, row, documentRegionCodes),
    disposition: row.disposition as RegistrationResult['disposition'],
    dispositionReason: row.disposition_reason,
    siteId: row.site_id,
    destinationCommunityCode: row.destination_community_code,
    destinationCommunityName: row.destination_community_name,
    taskId: row.task_id,
  };
}

function toOccupantSummary(occupant: repo.OccupantRow) {
  return {
    position: Number(occupant.position),
    role: occupant.role as RegistrationResult['occupants'][number]['role'],
    documentType: occupant.document_type,
    documentMasked: occupant.document_masked,
    phoneMasked: occupant.phone_masked,
  };
}

/** Lists the registrations the actor may read, newest first, with masked numbers only. */
export async function listRegistrations(ctx: ServiceContext, actor: Actor, query: RegistrationListFilter, page: number, pageSize: number) {
  const filter = toRegistrationFilter(query, ctx.clock());
  const { rows, total } = await repo.listRegistrations(ctx.db, viewerOf(actor), filter, (page - 1) * pageSize, pageSize);
  const [occupants, entries] = await Promise.all([
    repo.listOccupantsOf(
      ctx.db,
      rows.map((row) => row.id),
    ),
    loadAllRiskEntries(ctx),
  ]);

  const items = rows.map((row) => {
    const own = occupants.filter((occupant) => occupant.registration_id === row.id);
    return { ...toRegistrationFields(ctx, entries, row, own), occupantCount: own.length, occupants: own.map(toOccupantSummary) };
  });
  return { items, total };
}

/** Reads one registration the actor may read, masked, with its notes, purpose and origin; CHECKPOINT_REGISTRATION_NOT_FOUND otherwise. */
export async function getRegistration(ctx: ServiceContext, actor: Actor, id: string): Promise<RegistrationDetailResult> {
  const row = await repo.findRegistrationVisible(ctx.db, viewerOf(actor), id);
  if (!row) throw new AppError('CHECKPOINT_REGISTRATION_NOT_FOUND', 'id');
  const [occupants, entries] = await Promise.all([repo.listOccupantsOf(ctx.db, [id]), loadAllRiskEntries(ctx)]);
  const registeredAt = new Date(row.registered_at);

  return {
    ...toRegistrationFields(ctx, entries, row, occupants),
    occupants: occupants.map((occupant) => ({
      ...toOccupantSummary(occupant),
      regionCode: occupant.document_region_code,
      age: ageAt(occupant.birth_date, registeredAt),
      sex: occupant.sex as 'male' | 'female' | null,
      temperature: occupant.temperature_tenths === null ? null : Number(occupant.temperature_tenths) / 10,
      symptoms: JSON.parse(occupant.symptoms) as string[],
    })),
    notes: row.notes_enc === null ? null : decryptField(ctx.keys.fieldEncryption, row.notes_enc),
    purpose: row.purpose,
    originRegionCode: row.origin_region_code,
  };
}
