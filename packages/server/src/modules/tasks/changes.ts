import type { Transaction } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import type { TaskTable } from '../../db/schema-work.js';
import { AppError } from '../../errors/app-error.js';
import type { AlertNotice } from '../../events/bus.js';
import { recordAudit } from '../audit/service.js';
import { requireNodeInScope } from '../jurisdictions/scope.js';
import { findPersonIdInScope } from '../persons/repository.js';
import { checkAssignee, checkTaskPerson, fitsTask, isTaskManager } from './assignment.js';
import { raiseArrivalNotFound } from './arrival-not-found.js';
import { createTask, RESULT_OPTIONS_OF_KIND, type TaskResultValue } from './create.js';
import * as repo from './repository.js';
import type { CreateTaskInput, UpdateTaskInput } from './schemas.js';
import { getTask, viewerOf } from './service.js';

/** A due time this far before the server's clock still counts as now, because phone and PC clocks drift. */
const DUE_AT_TOLERANCE_MS = 60_000;

type TaskAction = 'task.create' | 'task.update' | 'task.start' | 'task.complete' | 'task.cancel';

interface LockedTask {
  id: string;
  kind: string;
  /** JSON object of the rule's facts. */
  details: string;
  status: string;
  node_code: string;
  node_path: string;
  assignee_id: string | null;
  assignee_role: string | null;
  due_at: string;
}

function checkDueAt(ctx: ServiceContext, dueAt: string): string {
  const due = new Date(dueAt);
  if (due.getTime() < ctx.clock().getTime() - DUE_AT_TOLERANCE_MS) throw new AppError('TASK_DUE_AT_IN_PAST', 'dueAt');
  return due.toISOString();
}

/** Collapses runs of white space, so that a note of spaces and line breaks counts as blank. */
function cleanText(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Throws the conflict that names the status a closed task has. */
function requireActive(task: { status: string }) {
  if (task.status === 'done') throw new AppError('TASK_ALREADY_DONE', 'status', { status: task.status });
  if (task.status === 'cancelled') throw new AppError('TASK_ALREADY_CANCELLED', 'status', { status: task.status });
}

/**
 * Runs a change of one task in a transaction: the task must be visible to the
 * actor (TASK_NOT_FOUND otherwise) and is locked on PostgreSQL, so two
 * changes of one task run one after the other. Alerts the change raised are
 * announced after the commit. Returns the task as it is afterwards.
 */
async function changeTask(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  change: (trx: Transaction<Database>, task: LockedTask, now: string) => Promise<AlertNotice[] | void>,
) {
  const now = ctx.clock().toISOString();
  const notices = await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.findTaskVisible(trx, viewerOf(actor), id))) throw new AppError('TASK_NOT_FOUND', 'id');
    const task = await repo.findTaskForUpdate(trx, id, ctx.dbKind === 'postgres');
    if (!task) throw new AppError('TASK_NOT_FOUND', 'id');
    return (await change(trx, task, now)) ?? [];
  });
  if (notices.length > 0) await ctx.events.announceAlerts(notices);
  return getTask(ctx, actor, id);
}

/**
 * Checks the result of a close against the task's kind. Completing a kind
 * with results (checkpoint_arrival) requires one of them, and no other close accepts one.
 */
function checkResult(task: LockedTask, outcome: 'done' | 'cancelled', result: TaskResultValue | undefined) {
  const options = RESULT_OPTIONS_OF_KIND[task.kind];
  if (outcome === 'done' && options !== undefined) {
    if (result === undefined) throw new AppError('TASK_RESULT_REQUIRED', 'result');
    if (!options.includes(result)) throw new AppError('TASK_RESULT_NOT_ALLOWED', 'result');
    return result;
  }
  if (result !== undefined) throw new AppError('TASK_RESULT_NOT_ALLOWED', 'result');
  return null;
}

function audit(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  actor: Actor,
  task: LockedTask,
  action: TaskAction,
  fields: string[],
  now: string,
) {
  return recordAudit(trx, ctx, actor, { action, entityType: 'task', entityId: task.id, nodeCode: task.node_code, fields }, now);
}

/** Only the assignee and the managers of the task's scope may move a task along. */
function requireActor(actor: Actor, task: LockedTask) {
  if (!isTaskManager(actor.role) && (task.assignee_id === null || task.assignee_id !== actor.userId)) {
    throw new AppError('TASK_NOT_ASSIGNEE', 'id');
  }
}

/** Creates a manual task in a node of the actor's scope, optionally about a person and for an assignee or a role. */
export async function createManualTask(ctx: ServiceContext, actor: Actor, input: CreateTaskInput) {
  const title = cleanText(input.title);
  if (title === '') throw new AppError('TASK_TITLE_REQUIRED', 'title');
  const node = await requireNodeInScope(ctx.db, actor.scope, input.nodeCode, 'nodeCode');
  const dueAt = checkDueAt(ctx, input.dueAt);
  const assigneeRole = input.assigneeRole ?? null;
  const text = input.details === undefined ? '' : input.details.trim();
  const now = ctx.clock().toISOString();

  const id = await ctx.db.transaction().execute(async (trx) => {
    if (input.personId !== undefined) {
      if (!(await findPersonIdInScope(trx, actor.scope, input.personId))) throw new AppError('PERSON_NOT_FOUND', 'personId');
      await checkTaskPerson(trx, node.path, input.personId);
    }
    if (input.assigneeId !== undefined) await checkAssignee(trx, actor, { nodePath: node.path, assigneeRole }, input.assigneeId);

    const created = await createTask(
      trx,
      {
        kind: 'manual',
        title,
        details: text === '' ? {} : { text },
        personId: input.personId ?? null,
        nodeCode: node.code,
        assigneeId: input.assigneeId ?? null,
        assigneeRole,
        dueAt,
        createdBy: actor.userId,
      },
      now,
    );
    const fields = ['title', 'nodeCode', 'dueAt'];
    if (input.personId !== undefined) fields.push('personId');
    if (input.assigneeId !== undefined) fields.push('assigneeId');
    if (assigneeRole !== null) fields.push('assigneeRole');
    if (text !== '') fields.push('details');
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'task.create', entityType: 'task', entityId: created.id, nodeCode: node.code, fields },
      now,
    );
    return created.id;
  });
  return getTask(ctx, actor, id);
}

/** Changes a task's assignee, role or due time. A field left out stays; a change to nothing records nothing. */
export function updateTask(ctx: ServiceContext, actor: Actor, id: string, input: UpdateTaskInput) {
  return changeTask(ctx, actor, id, async (trx, task, now) => {
    requireActive(task);
    const changes: Partial<TaskTable> = {};
    const fields: string[] = [];

    const assigneeRole = input.assigneeRole === undefined ? task.assignee_role : input.assigneeRole;
    const assigneeId = input.assigneeId === undefined ? task.assignee_id : input.assigneeId;
    if (assigneeRole !== task.assignee_role) {
      changes.assignee_role = assigneeRole;
      fields.push('assigneeRole');
    }
    if (assigneeId !== task.assignee_id) {
      changes.assignee_id = assigneeId;
      fields.push('assigneeId');
    }
    // A kept assignee is checked again when the role changes, and the role is then the field at fault.
    if (assigneeId !== null && fields.length > 0) {
      const roleField = assigneeId === task.assignee_id ? 'assigneeRole' : 'assigneeId';
      await checkAssignee(trx, actor, { nodePath: task.node_path, assigneeRole }, assigneeId, roleField);
    }
    if (input.dueAt !== undefined) {
      const dueAt = checkDueAt(ctx, input.dueAt);
      if (Date.parse(dueAt) !== Date.parse(task.due_at)) {
        changes.due_at = dueAt;
        fields.push('dueAt');
      }
    }
    if (fields.length === 0) return;

    if (!(await repo.updateTaskIfStatus(trx, task.id, task.status, { ...changes, updated_at: now })))
      throw new AppError('TASK_NOT_FOUND', 'id');
    await audit(trx, ctx, actor, task, 'task.update', fields, now);
  });
}

/**
 * Assigns an unassigned task to the actor, when their role and node fit it.
 * Taking a task already assigned to the actor changes nothing. A task someone
 * else took first is TASK_ALREADY_TAKEN, also when two users take it at once.
 */
export function takeTask(ctx: ServiceContext, actor: Actor, id: string) {
  return changeTask(ctx, actor, id, async (trx, task, now) => {
    requireActive(task);
    if (task.assignee_id !== null && task.assignee_id === actor.userId) return;
    if (task.assignee_id !== null) throw new AppError('TASK_ALREADY_TAKEN', 'id');
    if (
      actor.userId === null ||
      !fitsTask({ nodePath: task.node_path, assigneeRole: task.assignee_role }, { role: actor.role ?? '', nodePath: actor.scope.nodePath })
    ) {
      throw new AppError('TASK_NOT_TAKEABLE', 'id');
    }
    if (!(await repo.assignIfUnassigned(trx, task.id, actor.userId, now))) throw new AppError('TASK_ALREADY_TAKEN', 'id');
    await audit(trx, ctx, actor, task, 'task.update', ['assigneeId'], now);
  });
}

/** Moves an open task to in progress. */
export function startTask(ctx: ServiceContext, actor: Actor, id: string) {
  return changeTask(ctx, actor, id, async (trx, task, now) => {
    requireActor(actor, task);
    requireActive(task);
    if (task.status === 'in_progress') throw new AppError('TASK_ALREADY_IN_PROGRESS', 'status', { status: task.status });
    if (!(await repo.updateTaskIfStatus(trx, task.id, task.status, { status: 'in_progress', updated_at: now }))) {
      throw new AppError('TASK_ALREADY_IN_PROGRESS', 'status', { status: 'in_progress' });
    }
    await audit(trx, ctx, actor, task, 'task.start', ['status'], now);
  });
}

/**
 * Closes an open or in-progress task as done or cancelled, with the result
 * note the closer gives and, for a kind with results, the result. A
 * checkpoint arrival completed as not_found raises an alert to the district.
 */
export function closeTask(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  outcome: 'done' | 'cancelled',
  resultNote: string,
  result?: TaskResultValue,
) {
  return changeTask(ctx, actor, id, async (trx, task, now) => {
    requireActor(actor, task);
    requireActive(task);
    const note = resultNote.trim();
    if (cleanText(note) === '') throw new AppError('TASK_RESULT_NOTE_REQUIRED', 'resultNote');
    const answer = checkResult(task, outcome, result);

    const changes = { status: outcome, result_note: note, result: answer, closed_at: now, closed_by: actor.userId, updated_at: now };
    if (!(await repo.updateTaskIfStatus(trx, task.id, task.status, changes))) throw new AppError('TASK_NOT_FOUND', 'id');
    const fields = answer === null ? ['status', 'resultNote'] : ['status', 'resultNote', 'result'];
    await audit(trx, ctx, actor, task, outcome === 'done' ? 'task.complete' : 'task.cancel', fields, now);

    if (task.kind === 'checkpoint_arrival' && answer === 'not_found') return raiseArrivalNotFound(trx, task, now);
    return [];
  });
}
