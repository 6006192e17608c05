import { type Static, Type } from 'typebox';
import { JurisdictionCode, NullableTimestamp, Pagination, Timestamp } from '../../http/common-schemas.js';
import { TASK_RESULTS, TASK_STATUSES } from './create.js';

/** Kinds of task: staff type a manual task's title; the other kinds are created by rules. */
export const TASK_KINDS = [
  'manual',
  'abnormal_declaration',
  'missed_declarations',
  'quarantine_ending',
  'import_verify',
  'checkpoint_arrival',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Roles a task can be assigned to; other roles (checkpoint, gate, HQ, admin) do no follow-up work. */
export const ASSIGNABLE_ROLES = ['doctor', 'grid_worker', 'community_staff', 'subdistrict_staff'] as const;

/** Roles that create tasks, assign them, change due times, cancel them and act on any task in their scope. */
export const TASK_MANAGER_ROLES = ['admin', 'hq', 'subdistrict_staff', 'community_staff'] as const;

export const TITLE_MAX_LENGTH = 100;
export const DETAILS_TEXT_MAX_LENGTH = 1000;
export const RESULT_NOTE_MAX_LENGTH = 1000;

const NullableString = Type.Union([Type.String(), Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });

/** Status filter: one status, or `active` for open and in progress together. */
export const STATUS_FILTERS = [...TASK_STATUSES, 'active'] as const;
export const ASSIGNEE_FILTERS = ['me', 'anyone', 'unassigned'] as const;

export const TaskListQuery = Type.Object({
  status: Type.Optional(Type.Enum(STATUS_FILTERS)),
  kind: Type.Optional(Type.Enum(TASK_KINDS)),
  assignee: Type.Optional(Type.Enum(ASSIGNEE_FILTERS)),
  role: Type.Optional(Type.Enum(ASSIGNABLE_ROLES)),
  overdue: Type.Optional(Type.Boolean()),
  nodeCode: Type.Optional(JurisdictionCode),
  personId: Type.Optional(Uuid),
  ...Pagination,
});
export type TaskListFilter = Static<typeof TaskListQuery>;

export const MyTasksQuery = Type.Object({
  page: Pagination.page,
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

export const CreateTaskBody = Type.Object({
  title: Type.String({ maxLength: TITLE_MAX_LENGTH }),
  nodeCode: JurisdictionCode,
  personId: Type.Optional(Uuid),
  assigneeId: Type.Optional(Uuid),
  assigneeRole: Type.Optional(Type.Enum(ASSIGNABLE_ROLES)),
  dueAt: Type.String({ format: 'date-time' }),
  /** The task's description in the creator's words, shown in the detail view. */
  details: Type.Optional(Type.String({ maxLength: DETAILS_TEXT_MAX_LENGTH })),
});
export type CreateTaskInput = Static<typeof CreateTaskBody>;

/** Fields left out stay as they are; null clears the assignee or the role. */
export const UpdateTaskBody = Type.Object({
  assigneeId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  assigneeRole: Type.Optional(Type.Union([Type.Enum(ASSIGNABLE_ROLES), Type.Null()])),
  dueAt: Type.Optional(Type.String({ format: 'date-time' })),
});
export type UpdateTaskInput = Static<typeof UpdateTaskBody>;

/**
 * The result note of a completion or cancellation; blank text is rejected by
 * the service with TASK_RESULT_NOTE_REQUIRED. `result` answers the question
 * of a kind in RESULT_OPTIONS_OF_KIND: completing such a task requires it,
 * and every other close rejects it.
 */
export const CloseTaskBody = Type.Object({
  resultNote: Type.String({ maxLength: RESULT_NOTE_MAX_LENGTH }),
  result: Type.Optional(Type.Enum(TASK_RESULTS)),
});

export const Task = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  /** The typed title of a manual task; null for rule tasks, which pages title from kind and details. */
  title: NullableString,
  /** Facts of the rule (ids, dates, numbers, temperature in tenths of a degree, symptom codes), or `text` for a manual task. */
  details: Type.Object({}, { additionalProperties: true }),
  status: Type.Enum(TASK_STATUSES),
  nodeCode: Type.String(),
  nodeName: Type.String(),
  personId: NullableString,
  personName: NullableString,
  assigneeId: NullableString,
  assigneeName: NullableString,
  assigneeRole: NullableString,
  dueAt: Timestamp,
  /** Due time passed while the task is open or in progress, by the server's clock. */
  overdue: Type.Boolean(),
  resultNote: NullableString,
  /** Result recorded at completion for the kinds that have one (found or not_found for checkpoint_arrival), or null. */
  result: NullableString,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  closedAt: NullableTimestamp,
});
export type TaskResult = Static<typeof Task>;

export const TaskList = Type.Object({ items: Type.Array(Task), total: Type.Integer() });

export const TaskHistoryEntry = Type.Object({
  at: Timestamp,
  action: Type.String(),
  actorId: NullableString,
  actorName: NullableString,
  /** Names of the fields the action wrote; never their values. */
  fields: Type.Array(Type.String()),
});

export const TaskDetail = Type.Object({
  ...Task.properties,
  createdById: NullableString,
  createdByName: NullableString,
  closedById: NullableString,
  closedByName: NullableString,
  history: Type.Array(TaskHistoryEntry),
});
export type TaskDetailResult = Static<typeof TaskDetail>;

export const AssigneeQuery = Type.Object({
  nodeCode: JurisdictionCode,
  role: Type.Optional(Type.Enum(ASSIGNABLE_ROLES)),
});

/** A user who may be assigned a task of the node and role asked for. */
export const AssigneeCandidate = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  nodeCode: Type.String(),
  nodeName: Type.String(),
});

export const AssigneeList = Type.Object({ items: Type.Array(AssigneeCandidate) });
