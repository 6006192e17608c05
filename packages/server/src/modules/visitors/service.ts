import { randomUUID } from 'node:crypto';
import { CRITICAL_TEMPERATURE_TENTHS, formatRoomAddress, maskPersonName, parsePhoneNumber } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { decryptField } from '../../crypto/field-encryption.js';
import { AppError } from '../../errors/app-error.js';
import type { AlertNotice } from '../../events/bus.js';
import { raiseAlert } from '../alerts/raise.js';
import { recordAudit } from '../audit/service.js';
import { localeOf } from '../declarations/links.js';
import { requireCompoundAccess } from '../gates/compound-access.js';
import { chinaToday } from '../persons/input.js';
import { checkVisitorInput, VISITOR_FEVER_TENTHS } from './input.js';
import {
  expireWaitingVisitors,
  findGateOfCompound,
  findRoomOfCompound,
  findVisitorById,
  insertVisitor,
  listHostCandidates,
  listVisitorsOfDay,
  type VisitorRow,
} from './repository.js';
import type { RegisterVisitorBody, Visitor, VisitorStatus } from './schemas.js';
import { confirmationTokenHashOf, confirmationUrlOf, CONFIRMATION_TTL_MS, newConfirmationToken } from './token.js';

const ADULT_YEARS = 18;

export interface HostPerson {
  id: string;
  name: string;
  phone: string;
  preferredLanguage: string;
}

function isAdult(birthDate: string | null, today: string): boolean {
  // A file without a birth date is taken as an adult: its phone is the household's contact.
  if (birthDate === null) return true;
  const year = Number(today.slice(0, 4)) - ADULT_YEARS;
  return birthDate <= `${year}${today.slice(4)}`;
}

/**
 * Picks the person who confirms visitors for the room: the owner (户主) with a mobile
 * phone, else the first adult with one. A landline cannot receive the SMS.
 */
export async function findHost(ctx: ServiceContext, roomId: string, today: string): Promise<HostPerson | undefined> {
  const candidates = await listHostCandidates(ctx.db, roomId);
  const ordered = [
    ...candidates.filter((person) => person.household_role === 'owner'),
    ...candidates.filter((person) => person.household_role !== 'owner'),
  ];
  for (const person of ordered) {
    if (!isAdult(person.birth_date, today)) continue;
    const phone = decryptField(ctx.keys.fieldEncryption, person.phone_enc as string);
    const parsed = parsePhoneNumber(phone);
    if (parsed.ok && parsed.value.kind === 'mobile')
      return { id: person.id, name: person.name, phone: parsed.value.national, preferredLanguage: person.preferred_language };
  }
  return undefined;
}

function iso(value: string): string {
  return new Date(value).toISOString();
}

/** Returns the status to show: a waiting visitor whose window has passed is expired, even before the row is updated. */
export function effectiveStatus(row: Pick<VisitorRow, 'status' | 'confirm_expires_at'>, now: Date): VisitorStatus {
  if (row.status === 'waiting' && iso(row.confirm_expires_at) < now.toISOString()) return 'expired';
  return row.status as VisitorStatus;
}

export function toVisitor(row: VisitorRow, now: Date): Visitor {
  return {
    id: row.id,
    compoundId: row.compound_id,
    compoundName: row.compound_name,
    gateId: row.gate_id,
    visitDate: row.visit_date,
    status: effectiveStatus(row, now),
    visitorName: row.name_masked,
    documentType: row.document_type,
    documentMasked: row.document_masked,
    phoneMasked: row.phone_masked,
    hostRoomId: row.host_room_id,
    // The room part of roomTextOf: the visitor already carries compoundName.
    hostRoomText: formatRoomAddress({ building: row.building_number, unit: row.unit_number, room: row.room_number }),
    gateName: row.gate_name,
    hostPersonName: maskPersonName(row.host_name),
    purpose: row.purpose,
    temperature: row.temperature_tenths / 10,
    registeredAt: iso(row.created_at),
    expiresAt: iso(row.confirm_expires_at),
    decidedAt: row.decided_at === null ? null : iso(row.decided_at),
  };
}

/**
 * Registers a visitor at a gate. A visitor with a fever is refused at once,
 * and the compound gets an alert. Otherwise the host gets an SMS with a
 * confirmation link valid for 30 minutes. The SMS is sent after the commit,
 * so a failed send leaves the registration waiting with smsSent false.
 */
export async function registerVisitor(ctx: ServiceContext, actor: Actor, input: RegisterVisitorBody, publicBase: string) {
  const compound = await requireCompoundAccess(ctx, actor, input.compoundId, 'view');
  const gate = input.gateId === undefined ? undefined : await findGateOfCompound(ctx.db, compound.id, input.gateId);
  if (input.gateId !== undefined && !gate) throw new AppError('VISITOR_GATE_NOT_FOUND', 'gateId');
  const checked = checkVisitorInput(ctx, input);
  if (!(await findRoomOfCompound(ctx.db, compound.id, input.hostRoomId))) throw new AppError('VISITOR_HOST_ROOM_NOT_FOUND', 'hostRoomId');

  const now = ctx.clock();
  const today = chinaToday(now);
  const host = await findHost(ctx, input.hostRoomId, today);
  if (!host) throw new AppError('VISITOR_HOST_UNREACHABLE', 'hostRoomId');

  const fever = checked.temperatureTenths >= VISITOR_FEVER_TENTHS;
  const token = fever ? null : newConfirmationToken();
  const id = randomUUID();
  const createdAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + CONFIRMATION_TTL_MS).toISOString();
  const status: VisitorStatus = fever ? 'refused' : 'waiting';

  const notices = await ctx.db.transaction().execute(async (trx) => {
    await insertVisitor(trx, {
      id,
      compound_id: compound.id,
      gate_id: gate?.id ?? null,
      node_code: compound.communityCode,
      visit_date: today,
      name_enc: checked.nameEnc,
      name_masked: maskPersonName(checked.name),
      document_type: checked.document.document_type,
      document_number_enc: checked.document.document_number_enc,
      document_index: checked.document.document_index,
      document_masked: checked.document.document_masked,
      phone_enc: checked.phoneEnc,
      phone_masked: checked.phoneMasked,
      host_room_id: input.hostRoomId,
      host_person_id: host.id,
      purpose: checked.purpose,
      temperature_tenths: checked.temperatureTenths,
      status,
      confirm_token_hash: token === null ? null : confirmationTokenHashOf(ctx.keys, token),
      confirm_expires_at: expiresAt,
      decided_at: fever ? createdAt : null,
      registered_by: actor.userId,
      created_at: createdAt,
    });
    const fields = ['name', 'documentNumber', 'phone', 'hostRoomId', 'purpose', 'temperature', ...(gate ? ['gateId'] : [])];
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'visitor.create', entityType: 'visitor', entityId: id, nodeCode: compound.communityCode, fields },
      createdAt,
    );

    const raised: AlertNotice[] = [];
    if (fever) {
      const alert = await raiseAlert(
        trx,
        {
          kind: 'visitor_fever',
          // The health declarations' rule: from 38.5 °C a fever needs someone at once.
          severity: checked.temperatureTenths >= CRITICAL_TEMPERATURE_TENTHS ? 'critical' : 'warning',
          nodeCode: compound.communityCode,
          compoundId: compound.id,
          details: {
            compoundId: compound.id,
            compoundName: compound.name,
            gateName: gate?.name ?? null,
            visitorId: id,
            temperatureTenths: checked.temperatureTenths,
          },
          sourceKey: `visitor:${id}`,
        },
        createdAt,
      );
      if (alert.created) raised.push(alert.notice);
    }
    return raised;
  });
  if (notices.length > 0) await ctx.events.announceAlerts(notices);

  let smsSent = false;
  if (token !== null) {
    try {
      await ctx.sms.send({
        phone: host.phone,
        template: 'visitor_confirm',
        params: { compound: compound.name, purpose: checked.purpose, link: confirmationUrlOf(publicBase, token) },
        locale: localeOf(host.preferredLanguage),
        nodeCode: compound.communityCode,
      });
      smsSent = true;
    } catch {
      // The route logs the failure with the visitor id. The volunteer's phone shows smsSent false, so the volunteer can call the host.
    }
  }
  return { id, status, hostPersonName: maskPersonName(host.name), expiresAt, smsSent, alerted: notices.length > 0 };
}

/** Loads a visitor of a compound the actor may view, or throws VISITOR_NOT_FOUND (404). */
export async function getVisitor(ctx: ServiceContext, actor: Actor, id: string): Promise<Visitor> {
  const now = ctx.clock();
  await expireWaitingVisitors(ctx.db, { id }, now.toISOString());
  const row = await findVisitorById(ctx.db, id);
  if (!row) throw new AppError('VISITOR_NOT_FOUND', 'id');
  try {
    await requireCompoundAccess(ctx, actor, row.compound_id, 'view');
  } catch (error) {
    if (error instanceof AppError && error.statusCode === 404) throw new AppError('VISITOR_NOT_FOUND', 'id');
    throw error;
  }
  return toVisitor(row, now);
}

/** Lists the visitors of one compound and China calendar day, newest first, with names and numbers masked. */
export async function listVisitors(ctx: ServiceContext, actor: Actor, compoundId: string, date: string | undefined): Promise<Visitor[]> {
  if (date !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))) {
    throw new AppError('VISITOR_DATE_INVALID', 'date');
  }
  const compound = await requireCompoundAccess(ctx, actor, compoundId, 'view');
  const now = ctx.clock();
  await expireWaitingVisitors(ctx.db, { compoundId: compound.id }, now.toISOString());
  const rows = await listVisitorsOfDay(ctx.db, compound.id, date ?? chinaToday(now));
  return rows.map((row) => toVisitor(row, now));
}
