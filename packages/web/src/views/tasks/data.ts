import type { Role } from '@cordon/core';
import type { FormItemRule } from 'element-plus';
import {
  type AssignableRole,
  type AssigneeFilter,
  DETAILS_TEXT_MAX_LENGTH,
  KINDS_WITH_RESULT,
  RESULT_NOTE_MAX_LENGTH,
  type Task,
  type TaskKind,
  type TaskStatus,
  TASK_MANAGER_ROLES,
  TITLE_MAX_LENGTH,
} from '../../api/tasks.js';
import type { TableColumn } from '../../utils/table.js';

type Translate = (key: string, named?: Record<string, unknown>) => string;

export const MANAGER_ROLES: readonly Role[] = TASK_MANAGER_ROLES;

export const taskColumns: TableColumn<Task>[] = [
  { key: 'title', labelKey: 'tasks.fields.title', kind: 'custom', minWidth: 220, essential: true },
  { key: 'status', labelKey: 'tasks.fields.status', kind: 'custom', width: 100, essential: true },
  { key: 'dueAt', labelKey: 'tasks.fields.dueAt', kind: 'custom', width: 170, essential: true },
  { key: 'person', labelKey: 'tasks.fields.person', kind: 'custom', minWidth: 100 },
  { key: 'assignee', labelKey: 'tasks.fields.assignee', kind: 'custom', minWidth: 130 },
  { key: 'node', labelKey: 'tasks.fields.node', kind: 'custom', minWidth: 140 },
];

/** Status filter of the list: one status, `active` for open and in progress, or empty for all. */
export type StatusFilter = TaskStatus | 'active' | '';

export const STATUS_FILTER_OPTIONS: readonly Exclude<StatusFilter, ''>[] = ['active', 'open', 'in_progress', 'done', 'cancelled'];

export interface TaskFilters {
  status: StatusFilter;
  kind: TaskKind | '';
  assignee: AssigneeFilter | '';
  role: AssignableRole | '';
  overdueOnly: boolean;
  nodeCode: string;
}

/** Returns the filters the list opens with: the work still to do. */
export function defaultTaskFilters(): TaskFilters {
  return { status: 'active', kind: '', assignee: '', role: '', overdueOnly: false, nodeCode: '' };
}

/** Element Plus tag type of each status. */
export const STATUS_TAG_TYPES: Record<TaskStatus, 'primary' | 'warning' | 'success' | 'info'> = {
  open: 'primary',
  in_progress: 'warning',
  done: 'success',
  cancelled: 'info',
};

function numberOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Month, day and minute of an ISO instant in Asia/Shanghai (UTC+8 all year), "12-05 14:02", whatever the browser's zone. */
function shanghaiTimeOf(value: unknown): string {
  const instant = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(instant)) return '';
  return new Date(instant + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ');
}

/** Translates symptom codes with the screening labels; a code without a label shows as it is. */
function symptomsText(symptoms: unknown, t: Translate, te: (key: string) => boolean): string {
  const codes = Array.isArray(symptoms) ? symptoms.filter((code): code is string => typeof code === 'string') : [];
  const shown = codes.filter((code) => code !== 'none');
  if (shown.length === 0) return t('tasks.titles.noSymptoms');
  return shown
    .map((code) => (te(`screening.symptoms.${code}`) ? t(`screening.symptoms.${code}`) : code))
    .join(t('tasks.titles.listSeparator'));
}

/**
 * Returns a task's title in the reader's language. A manual task has its
 * typed title. A rule task is titled from its kind and the facts in its
 * details, which carry no text in any language.
 */
export function taskTitle(task: Pick<Task, 'kind' | 'title' | 'details'>, t: Translate, te: (key: string) => boolean): string {
  const details = task.details;
  switch (task.kind) {
    case 'manual':
      return task.title ?? t('tasks.kinds.manual');
    case 'abnormal_declaration': {
      const tenths = numberOf(details.temperatureTenths);
      return t('tasks.titles.abnormal_declaration', {
        temperature: tenths === null ? t('common.none') : (tenths / 10).toFixed(1),
        symptoms: symptomsText(details.symptoms, t, te),
      });
    }
    case 'missed_declarations': {
      const windows = Array.isArray(details.windowKeys) ? details.windowKeys.length : 2;
      return t('tasks.titles.missed_declarations', { count: windows });
    }
    case 'quarantine_ending':
      return t('tasks.titles.quarantine_ending', { date: textOf(details.plannedEndOn) ?? t('common.none') });
    case 'import_verify':
      return t('tasks.titles.import_verify', { rows: numberOf(details.rows) ?? 0 });
    case 'checkpoint_arrival':
      return t('tasks.titles.checkpoint_arrival', {
        checkpoint: textOf(details.checkpointName) ?? t('common.none'),
        time: shanghaiTimeOf(details.registeredAt),
        destination: textOf(details.destinationText) ?? t('tasks.titles.noDestination'),
        count: numberOf(details.occupantCount) ?? 0,
      });
    default:
      // A kind added later than this page reads as its kind code, never as an empty cell.
      return task.title ?? (te(`tasks.kinds.${task.kind}`) ? t(`tasks.kinds.${task.kind}`) : task.kind);
  }
}

/** Translates a role code; a role the page does not know shows as it is. */
export function roleLabel(role: string | null, t: Translate, te: (key: string) => boolean): string {
  if (role === null) return t('common.none');
  return te(`roles.${role}`) ? t(`roles.${role}`) : role;
}

export interface TaskCreateForm {
  title: string;
  nodeCode: string;
  assigneeRole: AssignableRole | '';
  assigneeId: string;
  dueAt: Date | null;
  details: string;
}

export function emptyTaskCreateForm(): TaskCreateForm {
  return { title: '', nodeCode: '', assigneeRole: '', assigneeId: '', dueAt: null, details: '' };
}

export function buildTaskFormRules(t: Translate): Partial<Record<keyof TaskCreateForm, FormItemRule[]>> {
  return {
    title: [
      { required: true, whitespace: true, message: t('tasks.form.titleRequired'), trigger: 'blur' },
      { max: TITLE_MAX_LENGTH, message: t('tasks.form.titleTooLong', { max: TITLE_MAX_LENGTH }), trigger: 'blur' },
    ],
    nodeCode: [{ required: true, message: t('tasks.form.nodeRequired'), trigger: 'change' }],
    dueAt: [{ required: true, message: t('tasks.form.dueAtRequired'), trigger: 'change' }],
    details: [{ max: DETAILS_TEXT_MAX_LENGTH, message: t('tasks.form.detailsTooLong', { max: DETAILS_TEXT_MAX_LENGTH }), trigger: 'blur' }],
  };
}

/** Checks the result of a completion as the server does: the kinds in KINDS_WITH_RESULT require one. */
export function taskResultProblem(kind: string, result: string, t: Translate): string | null {
  return KINDS_WITH_RESULT.includes(kind) && result === '' ? t('tasks.close.resultRequired') : null;
}

/** Checks a result note as the server does: some text that is not only white space, at most the server's limit. */
export function resultNoteProblem(note: string, t: Translate): string | null {
  if (note.trim() === '') return t('tasks.close.noteRequired');
  if (note.length > RESULT_NOTE_MAX_LENGTH) return t('tasks.close.noteTooLong', { max: RESULT_NOTE_MAX_LENGTH });
  return null;
}
