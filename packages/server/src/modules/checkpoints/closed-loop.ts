import { chinaCalendarDate, type DocumentType } from '@cordon/core';
import type { BaseLogger } from 'pino';
import type { Actor, ServiceContext } from '../../context/types.js';
import { decryptField } from '../../crypto/field-encryption.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { AppError } from '../../errors/app-error.js';
import { describeError } from '../../errors/describe-error.js';
import { registerPerson } from '../persons/service.js';
import { createTask } from '../tasks/create.js';
import { type ArrivalDestination, resolveArrivalDestination } from './closed-loop-destination.js';
import * as repo from './closed-loop-repository.js';

export const ARRIVAL_TASK_KIND = 'checkpoint_arrival';
/** The grid worker has a day to find the arrivals at the address. */
export const ARRIVAL_TASK_DUE_MS = 24 * 3_600_000;

export type ClosedLoopLogger = Pick<BaseLogger, 'info' | 'warn' | 'error'>;

/** Result of one run: the task made or found, or no destination on Cordon to hand the registration to. */
export type ClosedLoopOutcome = { status: 'done'; taskId: string } | { status: 'no_destination' };

/**
 * Builds the system actor of the destination community. A checkpoint's own
 * scope rarely covers the community its cars head to, so the loop files
 * persons with the community's scope and no user.
 */
function communityActor(destination: ArrivalDestination): Actor {
  return { userId: null, deviceId: null, role: null, scope: destination.community, requestId: null };
}

/**
 * Creates or updates the person file of every occupant with a name, at the
 * destination, and stores the file's id on the occupant. An occupant whose
 * document has a file in another community, or whose stored values the
 * persons module rejects, keeps no file id: the task still sends someone
 * to the address, and the log names the occupant's position only.
 */
async function fileOccupants(
  ctx: ServiceContext,
  row: repo.LoopRegistrationRow,
  destination: ArrivalDestination,
  log: ClosedLoopLogger | undefined,
) {
  const occupants = await repo.listOccupantsForLoop(ctx.db, row.id);
  const actor = communityActor(destination);
  const key = ctx.keys.fieldEncryption;

  for (const occupant of occupants) {
    if (occupant.person_id !== null || occupant.name_enc === null) continue;
    const input = {
      name: decryptField(key, occupant.name_enc),
      documentType: occupant.document_type as DocumentType,
      documentNumber: decryptField(key, occupant.document_number_enc),
      ...(occupant.phone_enc === null ? {} : { phone: decryptField(key, occupant.phone_enc) }),
      communityCode: destination.community.nodeCode,
      ...(destination.gridCode === null ? {} : { gridCode: destination.gridCode }),
      ...(destination.roomId === null ? {} : { roomId: destination.roomId }),
      ...(destination.placeId === null ? {} : { placeId: destination.placeId }),
      arrivalDate: chinaCalendarDate(new Date(row.registered_at)),
      ...(row.origin_region_code === null ? {} : { originRegionCode: row.origin_region_code }),
    };
    try {
      const { person } = await registerPerson(ctx, actor, input, 'checkpoint');
      await repo.setOccupantPerson(ctx.db, row.id, occupant.position, person.id);
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode >= 500) throw error;
      const facts = { registrationId: row.id, position: occupant.position, code: error.code, field: error.field };
      log?.warn(facts, 'checkpoint occupant not filed at the destination');
    }
  }
  return occupants.length;
}

async function storeArrivalTask(
  ctx: ServiceContext,
  row: repo.LoopRegistrationRow,
  destination: ArrivalDestination,
  occupantCount: number,
) {
  const now = ctx.clock();
  const task = {
    kind: ARRIVAL_TASK_KIND,
    nodeCode: destination.gridCode ?? destination.community.nodeCode,
    assigneeRole: 'grid_worker' as const,
    dueAt: new Date(now.getTime() + ARRIVAL_TASK_DUE_MS).toISOString(),
    sourceKey: row.id,
    details: {
      registrationId: row.id,
      checkpointName: row.checkpoint_name,
      registeredAt: new Date(row.registered_at).toISOString(),
      destinationText: destination.text,
      occupantCount,
      plateNumber: row.plate_number,
    },
  };
  return ctx.db.transaction().execute(async (trx) => {
    const created = await createTask(trx, task, now.toISOString());
    await repo.setRegistrationTask(trx, row.id, created.id, destination.community.nodeCode);
    return created.id;
  });
}

/**
 * Hands a registration to its destination community (闭环): files the
 * occupants and makes one verification task, keyed by the registration id.
 * Every step finds what an earlier run made, so a resend, the retry job
 * and two runs at once leave one task and one file per person. Throws on
 * a database failure, leaving the registration for the retry job.
 */
export async function closeArrivalLoop(ctx: ServiceContext, registrationId: string, log?: ClosedLoopLogger): Promise<ClosedLoopOutcome> {
  const row = await repo.findRegistrationForLoop(ctx.db, registrationId);
  if (!row) throw new Error(`checkpoint registration ${registrationId} not found`);
  if (row.task_id !== null) return { status: 'done', taskId: row.task_id };

  const destination = await resolveArrivalDestination(ctx, row);
  if (!destination) return { status: 'no_destination' };

  const occupantCount = await fileOccupants(ctx, row, destination, log);
  try {
    return { status: 'done', taskId: await storeArrivalTask(ctx, row, destination, occupantCount) };
  } catch (error) {
    // Another run stored the task first; this run's second attempt finds it through the source key.
    if (!isUniqueViolation(error)) throw error;
    return { status: 'done', taskId: await storeArrivalTask(ctx, row, destination, occupantCount) };
  }
}

/**
 * Runs the closed loop after a registration's transaction has committed, and
 * returns the verification task's id, or null when there is no task. It
 * catches every error, because the registration is already stored. A failure
 * is logged with ids only (when a logger is given), and the retry job runs the
 * loop again at its next run, once a minute.
 */
export async function runClosedLoop(ctx: ServiceContext, registrationId: string, log?: ClosedLoopLogger): Promise<string | null> {
  try {
    const outcome = await closeArrivalLoop(ctx, registrationId, log);
    if (outcome.status !== 'done') return null;
    log?.info({ registrationId, taskId: outcome.taskId }, 'checkpoint arrival handed to the destination');
    return outcome.taskId;
  } catch (error) {
    log?.error({ registrationId, err: describeError(error) }, 'checkpoint closed loop failed; the retry job runs it again');
    return null;
  }
}
