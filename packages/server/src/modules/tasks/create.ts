import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Role } from '@cordon/core';
import type { Database } from '../../db/schema.js';

export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Results a completion may record: whether the persons of a checkpoint arrival were found at the address. */
export const TASK_RESULTS = ['found', 'not_found'] as const;
export type TaskResultValue = (typeof TASK_RESULTS)[number];

/** Kinds whose completion must answer a question, with the answers allowed. */
export const RESULT_OPTIONS_OF_KIND: Readonly<Record<string, readonly TaskResultValue[]>> = {
  checkpoint_arrival: TASK_RESULTS,
};

export interface NewTask {
  kind: string;
  /** Only manual tasks carry a typed title; rule tasks are titled from kind and details. */
  title?: string | null;
  /** Facts for the title and the detail view: ids, dates, numbers. Never names, document or phone numbers. */
  details?: Record<string, unknown>;
  personId?: string | null;
  nodeCode: string;
  assigneeId?: string | null;
  assigneeRole?: Role | null;
  dueAt: string;
  /** Set for rule tasks: a second call with the same kind and key returns the first task. */
  sourceKey?: string | null;
  createdBy?: string | null;
}

export interface CreatedTask {
  id: string;
  created: boolean;
}

/**
 * Stores a task in the caller's transaction. Rules pass a source key, so a
 * rule that runs twice for the same cause finds its first task.
 */
export async function createTask(trx: Transaction<Database>, task: NewTask, now: string): Promise<CreatedTask> {
  if (task.sourceKey) {
    const existing = await trx
      .selectFrom('tasks')
      .select('id')
      .where('kind', '=', task.kind)
      .where('source_key', '=', task.sourceKey)
      .executeTakeFirst();
    if (existing) return { id: existing.id, created: false };
  }

  const id = randomUUID();
  await trx
    .insertInto('tasks')
    .values({
      id,
      kind: task.kind,
      title: task.title ?? null,
      details: JSON.stringify(task.details ?? {}),
      person_id: task.personId ?? null,
      node_code: task.nodeCode,
      assignee_id: task.assigneeId ?? null,
      assignee_role: task.assigneeRole ?? null,
      due_at: task.dueAt,
      status: 'open',
      result_note: null,
      result: null,
      source_key: task.sourceKey ?? null,
      created_by: task.createdBy ?? null,
      created_at: now,
      updated_at: now,
      closed_at: null,
      closed_by: null,
    })
    .execute();
  return { id, created: true };
}
