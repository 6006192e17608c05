import { randomUUID } from 'node:crypto';
import {
  checkObservationDay,
  checkSymptoms,
  isObservationAbnormal,
  MAX_OBSERVATION_TEMPERATURE,
  MIN_OBSERVATION_TEMPERATURE,
  quarantineDayNumber,
  temperatureTenthsOf,
} from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { cleanNotes } from '../persons/input.js';
import { isoOf } from './mapping.js';
import * as repo from './repository.js';
import type { ObservationInput } from './schemas.js';
import { chinaDaysOf, requireCalendarDate } from './service.js';

type ObservationRow = Awaited<ReturnType<typeof repo.listObservations>>[number];

function toObservation(row: ObservationRow, startOn: string) {
  const temperatureTenths = Number(row.temperature_tenths);
  const symptoms = JSON.parse(row.symptoms) as string[];
  return {
    id: row.id,
    quarantineId: row.quarantine_id,
    observedOn: row.observed_on,
    dayNumber: quarantineDayNumber(startOn, row.observed_on),
    period: row.period as ObservationInput['period'],
    temperature: temperatureTenths / 10,
    symptoms,
    abnormal: isObservationAbnormal(temperatureTenths, symptoms),
    observedBy: row.observed_by,
    observedByName: row.observed_by_name,
    note: row.note,
    createdAt: isoOf(row.created_at),
  };
}

async function loadQuarantine(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await repo.findQuarantineInScope(ctx.db, actor.scope, id);
  if (!row) throw new AppError('QUARANTINE_NOT_FOUND', 'id');
  return row;
}

export async function listQuarantineObservations(ctx: ServiceContext, actor: Actor, id: string) {
  const quarantine = await loadQuarantine(ctx, actor, id);
  const rows = await repo.listObservations(ctx.db, id);
  return { items: rows.map((row) => toObservation(row, quarantine.start_on)) };
}

/**
 * Records one medical observation of a half-day. The day lies inside the
 * quarantine and not after today; past days may be entered late from paper
 * records, also after the quarantine ended.
 */
export async function addQuarantineObservation(ctx: ServiceContext, actor: Actor, id: string, input: ObservationInput) {
  const quarantine = await loadQuarantine(ctx, actor, id);
  const { today } = chinaDaysOf(ctx);
  const observedOn = input.observedOn === undefined ? today : requireCalendarDate(input.observedOn, 'observedOn');
  const bounds = { startOn: quarantine.start_on, plannedEndOn: quarantine.planned_end_on, endedOn: quarantine.ended_on };
  const day = checkObservationDay(observedOn, bounds, today);
  if (!day.ok) {
    const lastDay = bounds.endedOn ?? bounds.plannedEndOn;
    throw new AppError(day.code, 'observedOn', { earliest: bounds.startOn, latest: lastDay < today ? lastDay : today });
  }
  const temperature = temperatureTenthsOf(input.temperature);
  if (!temperature.ok) {
    throw new AppError(temperature.code, 'temperature', {
      min: MIN_OBSERVATION_TEMPERATURE.toFixed(1),
      max: MAX_OBSERVATION_TEMPERATURE.toFixed(1),
    });
  }
  const symptoms = checkSymptoms(input.symptoms);
  if (!symptoms.ok) throw new AppError(symptoms.code, 'symptoms');
  const note = cleanNotes(input.note ?? null);
  if (await repo.findObservation(ctx.db, id, observedOn, input.period)) {
    throw new AppError('QUARANTINE_OBSERVATION_EXISTS', 'period', { day: observedOn });
  }

  const observationId = randomUUID();
  const now = ctx.clock().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.insertObservation(trx, {
        id: observationId,
        quarantine_id: id,
        observed_on: observedOn,
        period: input.period,
        temperature_tenths: temperature.value,
        symptoms: JSON.stringify(symptoms.value),
        observed_by: actor.userId ?? '',
        note,
        created_at: now,
      });
      const fields = ['observedOn', 'period', 'temperature', 'symptoms', ...(note ? ['note'] : [])];
      const audit = {
        action: 'quarantine.observe',
        entityType: 'quarantine_observation',
        entityId: observationId,
        nodeCode: quarantine.community_code,
        fields,
      };
      await recordAudit(trx, ctx, actor, audit, now);
    });
  } catch (error) {
    // Two records of the same half-day raced; the unique index kept the first.
    const code = (error as { code?: unknown } | null)?.code;
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw new AppError('QUARANTINE_OBSERVATION_EXISTS', 'period', { day: observedOn });
    throw error;
  }
  const rows = await repo.listObservations(ctx.db, id);
  const stored = rows.find((row) => row.id === observationId);
  if (!stored) throw new AppError('NOT_FOUND');
  return toObservation(stored, quarantine.start_on);
}
