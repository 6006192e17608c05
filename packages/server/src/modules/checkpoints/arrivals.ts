import { chinaCalendarDate } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { decryptField } from '../../crypto/field-encryption.js';
import { listArrivals as listArrivalRows } from './arrivals-repository.js';
import { chinaDayRange } from './read-range.js';

export interface ArrivalListQuery {
  date?: string | undefined;
  communityCode?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

/** Returns the destination text as the task states it, or the typed address when the loop has made no task yet. */
function destinationTextOf(ctx: ServiceContext, taskDetails: string | null, textEnc: string | null): string | null {
  if (taskDetails !== null) {
    const text = (JSON.parse(taskDetails) as { destinationText?: unknown }).destinationText;
    if (typeof text === 'string') return text;
  }
  return textEnc === null ? null : decryptField(ctx.keys.fieldEncryption, textEnc);
}

/**
 * Lists the registrations of a China calendar day (today by default) that
 * head to the actor's communities, earliest first, with the state of each
 * verification task. No names or numbers: the task leads to the persons.
 */
export async function listArrivals(ctx: ServiceContext, actor: Actor, query: ArrivalListQuery) {
  const { page = 1, pageSize = 200 } = query;
  const range = chinaDayRange(query.date ?? chinaCalendarDate(ctx.clock()));
  const { rows, total } = await listArrivalRows(ctx.db, actor.scope, range, query.communityCode, (page - 1) * pageSize, pageSize);

  const items = rows.map((row) => ({
    registrationId: row.id,
    registeredAt: new Date(row.registered_at).toISOString(),
    checkpointName: row.checkpoint_name,
    plateNumber: row.plate_number,
    occupantCount: Number(row.occupant_count ?? 0),
    destinationCommunityCode: row.destination_community_code as string,
    destinationCommunityName: row.destination_community_name,
    destinationText: destinationTextOf(ctx, row.task_details, row.destination_text_enc),
    riskLevel: row.risk_level as 'high' | 'medium' | 'low' | null,
    taskId: row.task_id,
    taskStatus: row.task_status,
    taskResult: row.task_result,
  }));
  return { items, total };
}
