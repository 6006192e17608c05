import { randomUUID } from 'node:crypto';
import { CRITICAL_TEMPERATURE_TENTHS, isDeclarationAbnormal } from '@cordon/core';
import type { Transaction } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import type { AlertNotice } from '../../events/bus.js';
import { raiseAlert } from '../alerts/raise.js';
import { recordAudit } from '../audit/service.js';
import { ROOT_CODE, ROOT_PATH } from '../jurisdictions/repository.js';
import { createTask } from '../tasks/create.js';
import { markLinksUsed } from './links-repository.js';
import { loadDeclarant, pickLinkedPerson, resolveLinkSession } from './public-link.js';
import { type DeclarationRow, findDeclaration, insertDeclaration, updateDeclaration } from './public-repository.js';
import { readDeclarationSettings } from './settings.js';
import { type CheckedDeclaration, checkDeclarationInput } from './submit-input.js';
import { type DeclarationTarget, declarationTargetAt } from './window-state.js';

/** Time the community doctor has to follow up an abnormal declaration. */
const ABNORMAL_TASK_DUE_MS = 2 * 3_600_000;
/**
 * Edits one declaration may receive. Each abnormal version creates a task for
 * the doctor, so without a cap a link holder could flood the task list by
 * switching between 37.3 and 37.4 °C.
 */
export const MAX_DECLARATION_EDITS = 20;

export interface SubmitDeclarationInput {
  temperature: unknown;
  symptoms: unknown[];
  location?: string | null;
  personIndex?: number;
}

/** A declaration as the public API returns it. */
export function declarationViewOf(row: DeclarationRow, editable: boolean) {
  return {
    id: row.id,
    temperature: row.temperature_tenths / 10,
    symptoms: JSON.parse(row.symptoms) as string[],
    location: row.location,
    late: Boolean(row.late),
    declaredAt: row.declared_at,
    updatedAt: row.updated_at,
    editable,
  };
}

/** Residents have no account: audit entries of their declarations carry the request id and no actor. */
function publicActor(requestId: string | null): Actor {
  return { userId: null, deviceId: null, role: null, scope: { nodeCode: ROOT_CODE, nodePath: ROOT_PATH }, requestId };
}

/** True for a violation of a unique constraint, on PostgreSQL (23505) or SQLite. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Raised inside the transaction when another request stored or edited the same declaration first. */
class ConcurrentDeclarationError extends Error {}

interface Declarant {
  id: string;
  community_code: string;
  grid_code: string | null;
}

interface StoredDeclaration {
  row: DeclarationRow;
  created: boolean;
  notices: AlertNotice[];
}

function changedFields(existing: DeclarationRow, checked: CheckedDeclaration): string[] {
  const fields: string[] = [];
  if (existing.temperature_tenths !== checked.temperatureTenths) fields.push('temperature');
  if (existing.symptoms !== JSON.stringify(checked.symptoms)) fields.push('symptoms');
  if (existing.location !== checked.location) fields.push('location');
  return fields;
}

/** Creates the doctor's task and the alert of an abnormal declaration, keyed by its revision so that each abnormal version is followed up once. */
async function raiseAbnormal(trx: Transaction<Database>, person: Declarant, row: DeclarationRow, now: Date): Promise<AlertNotice[]> {
  const sourceKey = `declaration:${row.id}:${row.revision}`;
  const symptoms = JSON.parse(row.symptoms) as string[];
  const details = { declarationId: row.id, windowKey: row.window_key, temperatureTenths: row.temperature_tenths, symptoms };
  const at = now.toISOString();
  const task = await createTask(
    trx,
    {
      kind: 'abnormal_declaration',
      assigneeRole: 'doctor',
      nodeCode: person.community_code,
      personId: person.id,
      dueAt: new Date(now.getTime() + ABNORMAL_TASK_DUE_MS).toISOString(),
      sourceKey,
      details,
    },
    at,
  );
  const alert = await raiseAlert(
    trx,
    {
      kind: 'abnormal_declaration',
      severity: row.temperature_tenths >= CRITICAL_TEMPERATURE_TENTHS ? 'critical' : 'warning',
      nodeCode: person.community_code,
      personId: person.id,
      taskId: task.id,
      sourceKey,
      details,
    },
    at,
  );
  return alert.created ? [alert.notice] : [];
}

async function storeDeclaration(
  ctx: ServiceContext,
  actor: Actor,
  person: Declarant,
  linkId: string,
  target: DeclarationTarget,
  checked: CheckedDeclaration,
  now: Date,
): Promise<StoredDeclaration> {
  const at = now.toISOString();
  const symptoms = JSON.stringify(checked.symptoms);
  const abnormal = isDeclarationAbnormal(checked.temperatureTenths, checked.symptoms) ? 1 : 0;

  return ctx.db.transaction().execute(async (trx) => {
    // SQLite runs one transaction at a time; PostgreSQL needs the row lock to serialise edits of one declaration.
    const existing = await findDeclaration(trx, person.id, target.window.key, ctx.dbKind === 'postgres');
    let row: DeclarationRow;
    if (existing) {
      if (!target.open) throw new AppError('DECLARATION_WINDOW_CLOSED', 'window', { start: target.window.start, end: target.window.end });
      const fields = changedFields(existing, checked);
      if (fields.length === 0) return { row: existing, created: false, notices: [] };
      // Revision 1 is the declaration itself, so revision n has had n - 1 edits.
      if (existing.revision > MAX_DECLARATION_EDITS) throw new AppError('DECLARATION_EDIT_LIMIT', 'window', { max: MAX_DECLARATION_EDITS });

      row = { ...existing, temperature_tenths: checked.temperatureTenths, symptoms, location: checked.location, abnormal, updated_at: at };
      row.revision = existing.revision + 1;
      const changes = {
        temperature_tenths: row.temperature_tenths,
        symptoms,
        location: row.location,
        abnormal,
        updated_at: at,
        revision: row.revision,
      };
      if ((await updateDeclaration(trx, existing.id, existing.revision, changes)) === 0) throw new ConcurrentDeclarationError();
      await recordAudit(
        trx,
        ctx,
        actor,
        { action: 'declaration.update', entityType: 'declaration', entityId: row.id, nodeCode: person.community_code, fields },
        at,
      );
    } else {
      row = {
        id: randomUUID(),
        person_id: person.id,
        window_key: target.window.key,
        community_code: person.community_code,
        temperature_tenths: checked.temperatureTenths,
        symptoms,
        location: checked.location,
        late: target.open ? 0 : 1,
        abnormal,
        declared_at: at,
        updated_at: at,
        revision: 1,
      };
      await insertDeclaration(trx, { ...row, window_day: target.window.day, grid_code: person.grid_code, link_id: linkId });
      const fields = ['temperature', 'symptoms', ...(row.location === null ? [] : ['location'])];
      await recordAudit(
        trx,
        ctx,
        actor,
        { action: 'declaration.submit', entityType: 'declaration', entityId: row.id, nodeCode: person.community_code, fields },
        at,
      );
    }

    const notices = abnormal ? await raiseAbnormal(trx, person, row, now) : [];
    await markLinksUsed(trx, [linkId], at);
    return { row, created: !existing, notices };
  });
}

/**
 * Stores a resident's declaration for the open window, or late for the last
 * closed one when no window is open. Inside the open window a second
 * declaration edits the first; a declaration of a closed window cannot be
 * changed. An abnormal one creates the doctor's task and an alert in the same
 * transaction; the caller announces the returned notices after the commit.
 */
export async function submitDeclaration(ctx: ServiceContext, requestId: string | null, token: string, input: SubmitDeclarationInput) {
  const now = ctx.clock();
  const session = await resolveLinkSession(ctx, token, now);
  const linked = pickLinkedPerson(session, input.personIndex, true);
  const checked = checkDeclarationInput(input);
  const person = await loadDeclarant(ctx.db, linked.personId);
  const { windows } = await readDeclarationSettings(ctx.db);
  const target = declarationTargetAt(windows, now);
  const actor = publicActor(requestId);

  let stored: StoredDeclaration;
  try {
    stored = await storeDeclaration(ctx, actor, person, linked.linkId, target, checked, now);
  } catch (error) {
    // Two first submissions for the same window raced and the other one inserted the row.
    // The retry finds that row and edits it; on PostgreSQL it waits for the row lock.
    if (!isUniqueViolation(error) && !(error instanceof ConcurrentDeclarationError)) throw error;
    stored = await storeDeclaration(ctx, actor, person, linked.linkId, target, checked, now);
  }

  return {
    declaration: declarationViewOf(stored.row, target.open),
    abnormal: Boolean(stored.row.abnormal),
    created: stored.created,
    notices: stored.notices,
  };
}
