import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AlertNotice } from '../../events/bus.js';

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_STATUSES = ['new', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface NewAlert {
  /** abnormal_declaration, checkpoint_turned_back, gate_risk_plate, … */
  kind: string;
  severity: AlertSeverity;
  nodeCode: string;
  personId?: string | null;
  /** Facts for the subject line: numbers, codes, ids. Never names, document or phone numbers. */
  details?: Record<string, unknown>;
  /** A second alert with the same kind and key returns the first one. */
  sourceKey?: string | null;
  taskId?: string | null;
  /** Compound of a gate alert; gate guards see only the alerts of their compounds. */
  compoundId?: string | null;
}

export interface RaisedAlert {
  notice: AlertNotice;
  created: boolean;
}

/**
 * Stores an alert in the caller's transaction. Pass the notices of created
 * alerts to `ctx.events.announceAlerts` after the commit, because a stream
 * that loads the alert before the commit finds nothing.
 */
export async function raiseAlert(trx: Transaction<Database>, alert: NewAlert, now: string): Promise<RaisedAlert> {
  if (alert.sourceKey) {
    const existing = await trx
      .selectFrom('alerts')
      .select(['id', 'node_code'])
      .where('kind', '=', alert.kind)
      .where('source_key', '=', alert.sourceKey)
      .executeTakeFirst();
    if (existing) return { notice: { alertId: existing.id, nodeCode: existing.node_code }, created: false };
  }

  const id = randomUUID();
  await trx
    .insertInto('alerts')
    .values({
      id,
      kind: alert.kind,
      severity: alert.severity,
      node_code: alert.nodeCode,
      person_id: alert.personId ?? null,
      details: JSON.stringify(alert.details ?? {}),
      source_key: alert.sourceKey ?? null,
      task_id: alert.taskId ?? null,
      status: 'new',
      created_at: now,
      acknowledged_at: null,
      acknowledged_by: null,
      resolved_at: null,
      resolved_by: null,
      resolution_note: null,
      compound_id: alert.compoundId ?? null,
    })
    .execute();
  return { notice: { alertId: id, nodeCode: alert.nodeCode }, created: true };
}
