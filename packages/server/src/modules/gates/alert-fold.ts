import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AlertNotice } from '../../events/bus.js';
import { raiseAlert, type NewAlert } from '../alerts/raise.js';

export interface FoldedAlert {
  alertId: string;
  /** True when a new alert was raised; false when the event was folded into a recent one. */
  created: boolean;
  eventCount: number;
  notice: AlertNotice;
}

/**
 * Raises the alert of a gate event, or folds the event into the alert raised
 * for the same subject (a plate or a pass) at the same compound within the
 * last `windowMinutes`: the fold's count goes up and the alert's
 * details.eventCount follows. A resolved alert is not folded into, so a
 * repeat after resolution alerts again. Without a subject every event raises
 * its own alert.
 */
export async function raiseOrFoldAlert(
  trx: Transaction<Database>,
  input: { compoundId: string; subjectKey: string | null; windowMinutes: number; alert: NewAlert & { details: Record<string, unknown> } },
  now: string,
): Promise<FoldedAlert> {
  const { compoundId, subjectKey } = input;
  if (subjectKey !== null) {
    const windowStart = new Date(Date.parse(now) - input.windowMinutes * 60_000).toISOString();
    const fold = await trx
      .selectFrom('gate_alert_folds')
      .innerJoin('alerts', 'alerts.id', 'gate_alert_folds.alert_id')
      .select([
        'gate_alert_folds.alert_id',
        'gate_alert_folds.event_count',
        'gate_alert_folds.first_at',
        'alerts.details',
        'alerts.status',
        'alerts.node_code',
      ])
      .where('gate_alert_folds.compound_id', '=', compoundId)
      .where('gate_alert_folds.subject_key', '=', subjectKey)
      .executeTakeFirst();
    const previous = fold ? (JSON.parse(fold.details) as Record<string, unknown>) : {};
    // A person leaving must not hide inside the alert of his entry. A device that does not report
    // the direction folds with either.
    const oldDirection = previous.direction ?? null;
    const newDirection = input.alert.details.direction ?? null;
    const sameWay = oldDirection === null || newDirection === null || oldDirection === newDirection;
    if (fold && new Date(fold.first_at).toISOString() >= windowStart && fold.status !== 'resolved' && sameWay) {
      const eventCount = fold.event_count + 1;
      // The first event may have come from a camera that does not report the direction, and a later one may.
      const direction = oldDirection ?? newDirection;
      const details = { ...previous, direction, eventCount };
      await trx
        .updateTable('gate_alert_folds')
        .set({ event_count: eventCount, last_at: now })
        .where('compound_id', '=', compoundId)
        .where('subject_key', '=', subjectKey)
        .execute();
      await trx
        .updateTable('alerts')
        .set({ details: JSON.stringify(details) })
        .where('id', '=', fold.alert_id)
        .execute();
      return {
        alertId: fold.alert_id,
        created: false,
        eventCount,
        notice: { alertId: fold.alert_id, nodeCode: fold.node_code, change: 'updated' },
      };
    }
  }

  const raised = await raiseAlert(trx, { ...input.alert, details: { ...input.alert.details, eventCount: 1 } }, now);
  if (subjectKey !== null) {
    const row = {
      compound_id: compoundId,
      subject_key: subjectKey,
      alert_id: raised.notice.alertId,
      event_count: 1,
      first_at: now,
      last_at: now,
    };
    await trx
      .insertInto('gate_alert_folds')
      .values(row)
      .onConflict((conflict) =>
        conflict
          .columns(['compound_id', 'subject_key'])
          .doUpdateSet({ alert_id: row.alert_id, event_count: 1, first_at: now, last_at: now }),
      )
      .execute();
  }
  return { alertId: raised.notice.alertId, created: raised.created, eventCount: 1, notice: raised.notice };
}
