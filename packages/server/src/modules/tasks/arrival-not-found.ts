import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AlertNotice } from '../../events/bus.js';
import { raiseAlert } from '../alerts/raise.js';
import { codesOfPath } from '../jurisdictions/service.js';

export const ARRIVAL_NOT_FOUND_ALERT = 'checkpoint_arrival_not_found';

/**
 * Raises a warning to the district (the county-level ancestor of the task's
 * node) that the persons of a checkpoint arrival were not at the address
 * they gave. A tree without a county level above the node gets the alert on
 * the task's own node, so it is never lost. Returns the notice to announce
 * after the commit, or none when the alert already existed.
 */
export async function raiseArrivalNotFound(
  trx: Transaction<Database>,
  task: { id: string; node_code: string; node_path: string; details: string },
  now: string,
): Promise<AlertNotice[]> {
  const district = await trx
    .selectFrom('jurisdictions')
    .select('code')
    .where('code', 'in', codesOfPath(task.node_path))
    .where('level', '=', 'county')
    .executeTakeFirst();

  const facts = JSON.parse(task.details) as Record<string, unknown>;
  const alert = {
    kind: ARRIVAL_NOT_FOUND_ALERT,
    severity: 'warning' as const,
    nodeCode: district?.code ?? task.node_code,
    taskId: task.id,
    sourceKey: task.id,
    details: {
      taskId: task.id,
      taskNodeCode: task.node_code,
      registrationId: facts.registrationId ?? null,
      checkpointName: facts.checkpointName ?? null,
      registeredAt: facts.registeredAt ?? null,
      plateNumber: facts.plateNumber ?? null,
      occupantCount: facts.occupantCount ?? null,
    },
  };
  const raised = await raiseAlert(trx, alert, now);
  return raised.created ? [raised.notice] : [];
}
