import { normalizeCardNumber } from './passes-input.js';
import { chinaCalendarDate, evaluatePlateRisk, highestRiskLevel, parsePlate, type GateFacts, type Plate } from '@cordon/core';
import type { ServiceContext } from '../../context/types.js';
import { decryptField } from '../../crypto/field-encryption.js';
import { loadEffectiveRiskEntries } from '../risk-regions/service.js';
import type { NormalizedGateEvent } from './formats/types.js';
import { checkPassCode, parsePassCode } from './pass-code.js';

/** Result of checking a QR code against its pass, as gate_events.pass_check stores it. */
export type PassCheck = 'valid' | 'expired' | 'forged' | 'revoked';

/** Facts of one event plus the ids the event row stores. */
export interface GatheredFacts {
  facts: GateFacts;
  plate: Plate | null;
  /** Plate text as the camera sent it, cleaned for display (see devicePlateText). */
  plateText: string | null;
  vehicleId: string | null;
  passId: string | null;
  passSerial: string | null;
  passCheck: PassCheck | null;
  personId: string | null;
}

/** Plate texts that cameras send when they saw a vehicle but read no plate. */
const UNREAD_PLATES = new Set(['无车牌', '车牌', '无牌', '未识别', 'unknown', 'none']);
/** Plate colour words some cameras put in front of the number (蓝苏E12345). */
const COLOUR_PREFIX = /^(蓝|黄|白|黑|绿|渐变绿|黄绿)(?=\p{Script=Han})/u;
/** Control, format (zero-width, bidi marks and overrides) and default-ignorable characters, which no plate contains. */
const INVISIBLE_CHARACTERS = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
/** Longest plate text kept for the console. */
export const MAX_PLATE_TEXT_LENGTH = 32;

/** Removes the characters a console must not render or a parser must not see, then applies NFKC (full-width to ASCII). */
function cleanPlateText(raw: string): string {
  return raw.replace(INVISIBLE_CHARACTERS, '').normalize('NFKC').trim();
}

/** Cleans the camera's plate text for the console and cuts it to 32 characters; null when nothing is left. */
export function devicePlateText(raw: string | null): string | null {
  if (raw === null) return null;
  const text = [...cleanPlateText(raw)].slice(0, MAX_PLATE_TEXT_LENGTH).join('');
  return text === '' ? null : text;
}

/** Parses a camera's plate text; null when the camera read none or the text is no Chinese plate. */
export function readDevicePlate(raw: string | null): Plate | null {
  if (raw === null) return null;
  const text = cleanPlateText(raw);
  if (text === '' || UNREAD_PLATES.has(text.toLowerCase())) return null;
  const parsed = parsePlate(text.replace(COLOUR_PREFIX, ''));
  return parsed.ok ? parsed.value : null;
}

interface FoundPass {
  /** The pass, or null when the code does not link to one (not found, or a forged MAC that may name someone else's pass). */
  pass: { id: string; serial: string; personId: string; revoked: boolean } | null;
  check: PassCheck | null;
}

async function findPass(ctx: ServiceContext, compoundId: string, event: NormalizedGateEvent, at: Date): Promise<FoundPass> {
  const none: FoundPass = { pass: null, check: null };
  let query = ctx.db
    .selectFrom('access_passes')
    .select(['id', 'serial', 'person_id', 'status', 'valid_until', 'secret_enc'])
    .where('compound_id', '=', compoundId);
  let parsed: ReturnType<typeof parsePassCode> = null;
  if (event.kind === 'card' && event.cardNumber !== null) {
    // Readers print the same card as "0a:1b:2c" or "0A1B2C"; passes store the normalised form.
    const card = normalizeCardNumber(event.cardNumber);
    if (card === null) return none;
    query = query.where('card_number', '=', card);
  } else if (event.kind === 'qr' && event.qrCode !== null) {
    parsed = parsePassCode(event.qrCode);
    if (!parsed) return none;
    query = query.where('id', '=', parsed.passId);
  } else {
    return none;
  }

  // A pass of another compound is not found, because the query is bound to this compound.
  const row = await query.executeTakeFirst();
  if (!row) return none;
  const expired = row.valid_until !== null && row.valid_until < chinaCalendarDate(at);
  const pass = { id: row.id, serial: row.serial, personId: row.person_id, revoked: row.status !== 'active' || expired };
  if (!parsed) return { pass, check: null };

  const check = checkPassCode(parsed, decryptField(ctx.keys.fieldEncryption, row.secret_enc), at);
  if (check === 'forged') return { pass: null, check };
  // An expired code is linked to its pass for the console but is no valid pass: the rules see passCodeExpired instead.
  if (check === 'expired') return { pass, check };
  return { pass, check: pass.revoked ? 'revoked' : 'valid' };
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
  const found = await findPass(ctx, compoundId, event, at);
  const validPass = found.check === 'expired' ? null : found.pass;
  const personId = validPass?.personId ?? vehicle?.owner_person_id ?? null;
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
      passFound: validPass !== null,
      passRevoked: validPass?.revoked ?? false,
      passCodeExpired: found.check === 'expired',
      ...flags,
      temperatureTenths: event.temperatureTenths,
    },
    plate,
    plateText: event.kind === 'plate' ? devicePlateText(event.plate) : null,
    vehicleId: vehicle?.id ?? null,
    passId: found.pass?.id ?? null,
    passSerial: found.pass?.serial ?? null,
    passCheck: found.check,
    personId,
  };
}
