import type { Page } from './addresses.js';
import { get, patch, post } from './request.js';

export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_KINDS = [
  'manual',
  'abnormal_declaration',
  'missed_declarations',
  'quarantine_ending',
  'import_verify',
  'checkpoint_arrival',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Results a completion gives for the kinds that require one: whether the persons of a checkpoint arrival were at the address. */
export const TASK_RESULTS = ['found', 'not_found'] as const;
export type TaskResultValue = (typeof TASK_RESULTS)[number];

/** Kinds whose completion the server rejects without a result. */
export const KINDS_WITH_RESULT: readonly string[] = ['checkpoint_arrival'];

/** Roles the server lets hold a task. */
export const ASSIGNABLE_ROLES = ['doctor', 'grid_worker', 'community_staff', 'subdistrict_staff'] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

/** Roles the server lets create, assign and cancel tasks. */
export const TASK_MANAGER_ROLES = ['admin', 'hq', 'subdistrict_staff', 'community_staff'] as const;

export const ASSIGNEE_FILTERS = ['me', 'anyone', 'unassigned'] as const;
export type AssigneeFilter = (typeof ASSIGNEE_FILTERS)[number];

/** Limits of the server's task schema. */
export const TITLE_MAX_LENGTH = 100;
export const DETAILS_TEXT_MAX_LENGTH = 1000;
export const RESULT_NOTE_MAX_LENGTH = 1000;

export interface Task {
  id: string;
  kind: string;
  /** Typed title of a manual task; rule tasks are titled from kind and details. */
  title: string | null;
  /** Facts of the rule (ids, dates, numbers); `text` for a manual task's description. */
  details: Record<string, unknown>;
  status: TaskStatus;
  nodeCode: string;
  nodeName: string;
  personId: string | null;
  personName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  assigneeRole: string | null;
  dueAt: string;
  /** Past its due time while open or in progress, by the server's clock. */
  overdue: boolean;
  resultNote: string | null;
  /** Result given at completion (found or not_found for a checkpoint arrival); null otherwise. */
  result: TaskResultValue | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface TaskHistoryEntry {
  at: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  fields: string[];
}

export interface TaskDetail extends Task {
  createdById: string | null;
  createdByName: string | null;
  closedById: string | null;
  closedByName: string | null;
  history: TaskHistoryEntry[];
}

export interface TaskListQuery {
  status?: TaskStatus | 'active' | '';
  kind?: TaskKind | '';
  assignee?: AssigneeFilter | '';
  role?: AssignableRole | '';
  overdue?: boolean;
  nodeCode?: string;
  personId?: string;
  page?: number;
  pageSize?: number;
}

export interface CreateTaskRequest {
  title: string;
  nodeCode: string;
  personId?: string;
  assigneeId?: string;
  assigneeRole?: AssignableRole;
  dueAt: string;
  details?: string;
}

export interface UpdateTaskRequest {
  assigneeId?: string | null;
  assigneeRole?: AssignableRole | null;
  dueAt?: string;
}

export interface AssigneeCandidate {
  id: string;
  displayName: string;
  role: string;
  nodeCode: string;
  nodeName: string;
}

const BASE = '/api/tasks';
const taskPath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export function getTaskList(query: TaskListQuery = {}): Promise<Page<Task>> {
  return get<Page<Task>>(BASE, { ...query });
}

/** Lists the phone's tasks: assigned to the user, and unassigned ones of the user's role that they may take. */
export function getMyTasks(page = 1, pageSize = 50): Promise<Page<Task>> {
  return get<Page<Task>>(`${BASE}/mine`, { page, pageSize });
}

export function getTask(id: string): Promise<TaskDetail> {
  return get<TaskDetail>(taskPath(id));
}

export function createTask(request: CreateTaskRequest): Promise<TaskDetail> {
  return post<TaskDetail>(BASE, request);
}

export function updateTask(id: string, request: UpdateTaskRequest): Promise<TaskDetail> {
  return patch<TaskDetail>(taskPath(id), request);
}

export function takeTask(id: string): Promise<TaskDetail> {
  return post<TaskDetail>(`${taskPath(id)}/take`);
}

export function startTask(id: string): Promise<TaskDetail> {
  return post<TaskDetail>(`${taskPath(id)}/start`);
}

/** Completes a task; `result` is required for the kinds in KINDS_WITH_RESULT and rejected for others. */
export function completeTask(id: string, resultNote: string, result?: TaskResultValue): Promise<TaskDetail> {
  return post<TaskDetail>(`${taskPath(id)}/complete`, { resultNote, ...(result ? { result } : {}) });
}

export function cancelTask(id: string, resultNote: string): Promise<TaskDetail> {
  return post<TaskDetail>(`${taskPath(id)}/cancel`, { resultNote });
}

/** Lists users a task of the node and role may be assigned to. */
export async function getAssigneeCandidates(nodeCode: string, role?: AssignableRole | null): Promise<AssigneeCandidate[]> {
  const { items } = await get<{ items: AssigneeCandidate[] }>(`${BASE}/assignees`, { nodeCode, role: role ?? undefined });
  return items;
}
