import { normalizeCardNumber } from './passes-input.js';
import { chinaCalendarDate, evaluatePlateRisk, highestRiskLevel, parsePlate, type GateFacts, type Plate } from '@cordon/core';
import type { ServiceContext } from '../../context/types.js';
import { decryptField } from '../../crypto/field-encryption.js';
import { loadEffectiveRiskEntries } from '../risk-regions/service.js';
import type { NormalizedGateEvent } from './formats/types.js';
import { checkPassCode, parsePassCode } from './pass-code.js';

/** Facts of one event plus the ids the event row stores. */
export interface GatheredFacts {
  facts: GateFacts;
  plate: Plate | null;
  vehicleId: string | null;
  passId: string | null;
  personId: string | null;
}

/** Plate texts that cameras send when they saw a vehicle but read no plate. */
const UNREAD_PLATES = new Set(['无车牌', '车牌', '无牌', '未识别', 'unknown', 'none']);
/** Plate colour words some cameras put in front of the number (蓝苏E12345). */
const COLOUR_PREFIX = /^(蓝|黄|白|黑|绿|渐变绿|黄绿)(?=\p{Script=Han})/u;

/** Parses a camera's plate text; null when the camera read none or the text is no Chinese plate. */
export function readDevicePlate(raw: string | null): Plate | null {
  if (raw === null) return null;
  const text = raw.trim();
  if (text === '' || UNREAD_PLATES.has(text.toLowerCase())) return null;
  const parsed = parsePlate(text.replace(COLOUR_PREFIX, ''));
  return parsed.ok ? parsed.value : null;
}

async function findPass(ctx: ServiceContext, compoundId: string, event: NormalizedGateEvent, at: Date) {
  let query = ctx.db
    .selectFrom('access_passes')
    .select(['id', 'person_id', 'status', 'valid_until', 'secret_enc'])
    .where('compound_id', '=', compoundId);
  let parsed: ReturnType<typeof parsePassCode> = null;
  if (event.kind === 'card' && event.cardNumber !== null) {
    // Readers print the same card as "0a:1b:2c" or "0A1B2C"; passes store the normalised form.
    const card = normalizeCardNumber(event.cardNumber);
    if (card === null) return null;
    query = query.where('card_number', '=', card);
  } else if (event.kind === 'qr' && event.qrCode !== null) {
    parsed = parsePassCode(event.qrCode);
    if (!parsed) return null;
    query = query.where('id', '=', parsed.passId);
  } else {
    return null;
  }

  // A pass of another compound is not found, because the query is bound to this compound.
  const pass = await query.executeTakeFirst();
  if (!pass) return null;
  if (parsed && checkPassCode(parsed, decryptField(ctx.keys.fieldEncryption, pass.secret_enc), at) !== 'valid') return null;
  const expired = pass.valid_until !== null && pass.valid_until < chinaCalendarDate(at);
  return { id: pass.id, personId: pass.person_id, revoked: pass.status !== 'active' || expired };
}

async function personFlags(ctx: ServiceContext, personId: string | null) {
  if (personId === null) return { keyPerson: false, closeContact: false, underHomeQuarantine: false };
  const row = await ctx.db
    .selectFrom('persons')
    .select((eb) => [
      'persons.key_person',
      'persons.close_contact',
      eb
        .exists(
          eb
            .selectFrom('home_quarantines')
            .select('home_quarantines.id')
            .whereRef('home_quarantines.person_id', '=', 'persons.id')
            .where('home_quarantines.status', '=', 'active'),
        )
        .as('quarantined'),
    ])
    .where('persons.id', '=', personId)
    .executeTakeFirst();
  return {
    keyPerson: row?.key_person === 1,
    closeContact: row?.close_contact === 1,
    underHomeQuarantine: Boolean(row?.quarantined),
  };
}

/**
 * Gathers what the rules test for one event: the registered vehicle or the
 * pass (of this compound only), the flags of the person behind it, an active
 * home quarantine, the plate's risk level and the temperature.
 */
export async function gatherFacts(ctx: ServiceContext, compoundId: string, event: NormalizedGateEvent, at: Date): Promise<GatheredFacts> {
  const plate = event.kind === 'plate' ? readDevicePlate(event.plate) : null;
  const vehicle = plate
    ? await ctx.db
        .selectFrom('vehicles')
        .select(['id', 'owner_person_id'])
        .where('compound_id', '=', compoundId)
        .where('plate_number', '=', plate.number)
        .executeTakeFirst()
    : undefined;
  const pass = await findPass(ctx, compoundId, event, at);
  const personId = pass?.personId ?? vehicle?.owner_person_id ?? null;
  const flags = await personFlags(ctx, personId);

  let plateRiskLevel: GateFacts['plateRiskLevel'] = null;
  if (plate) {
    const entries = await loadEffectiveRiskEntries(ctx, at);
    const matches = evaluatePlateRisk({ prefix: plate.prefix, regionCode: plate.regionCode ?? null }, entries, at);
    plateRiskLevel = highestRiskLevel(matches) ?? null;
  }

  return {
    facts: {
      kind: event.kind,
      direction: event.direction,
      plateNumber: plate?.number ?? null,
      plateRiskLevel,
      vehicleRegistered: vehicle !== undefined,
      passFound: pass !== null,
      passRevoked: pass?.revoked ?? false,
      ...flags,
      temperatureTenths: event.temperatureTenths,
    },
    plate,
    vehicleId: vehicle?.id ?? null,
    passId: pass?.id ?? null,
    personId,
  };
}
