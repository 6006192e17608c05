import { randomUUID } from 'node:crypto';
import { DEFAULT_LOCALE } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { decryptField, encryptField } from '../../crypto/field-encryption.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { requireCompoundAccess } from '../gates/compound-access.js';
import { GATE_STAFF_MANAGER_ROLES } from '../gates/roles.js';
import { requireNodeInScope } from '../jurisdictions/scope.js';
import { deleteWebhook, findWebhookById, insertWebhook, listWebhooksOf, updateWebhook, type WebhookOwner } from './repository.js';
import type { CreateWebhookBody, UpdateWebhookBody, WebhookItem } from './schemas.js';
import { renderSmsTemplate } from '../../sms/templates.js';
import { postWebhook, type WebhookKind } from './sender.js';
import { maskWebhookUrl, parseWebhookUrl } from './webhook-url.js';

// Control characters and text-direction marks have no place in a name or a secret.
const FORBIDDEN_TEXT = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

interface ResolvedOwner {
  owner: WebhookOwner;
  auditNode: string;
}

function checkText(value: string, field: string): string {
  if (FORBIDDEN_TEXT.test(value)) throw new AppError('WEBHOOK_TEXT_INVALID', field);
  return value.trim();
}

/**
 * Resolves the compound or jurisdiction named by a request, once the actor may
 * act on its webhooks. A compound's webhooks are read and changed by its managers,
 * gate guards on the compound included, because the property manager runs the
 * compound's WeChat Work or DingTalk group. A jurisdiction's webhooks are for
 * staff managers in scope only.
 */
async function resolveOwner(
  ctx: ServiceContext,
  actor: Actor,
  input: { compoundId?: string | null; nodeCode?: string | null },
): Promise<ResolvedOwner> {
  const compoundId = input.compoundId ?? undefined;
  const nodeCode = input.nodeCode ?? undefined;
  if ((compoundId === undefined) === (nodeCode === undefined)) throw new AppError('WEBHOOK_TARGET_REQUIRED', 'compoundId');
  if (compoundId !== undefined) {
    const compound = await requireCompoundAccess(ctx, actor, compoundId, 'manage');
    return { owner: { compoundId: compound.id, nodeCode: null }, auditNode: compound.communityCode };
  }
  if (!actor.role || !GATE_STAFF_MANAGER_ROLES.includes(actor.role)) throw new AppError('JURISDICTION_NOT_FOUND', 'nodeCode');
  const node = await requireNodeInScope(ctx.db, actor.scope, nodeCode as string, 'nodeCode');
  return { owner: { compoundId: null, nodeCode: node.code }, auditNode: node.code };
}

/** Loads a webhook the actor may change, or throws WEBHOOK_NOT_FOUND (404) for one out of reach. */
async function requireWebhook(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await findWebhookById(ctx.db, id);
  if (!row) throw new AppError('WEBHOOK_NOT_FOUND', 'id');
  try {
    return { row, ...(await resolveOwner(ctx, actor, { compoundId: row.compound_id, nodeCode: row.node_code })) };
  } catch (error) {
    if (error instanceof AppError && error.statusCode === 404) throw new AppError('WEBHOOK_NOT_FOUND', 'id');
    throw error;
  }
}

type WebhookRow = NonNullable<Awaited<ReturnType<typeof findWebhookById>>> & {
  last_status?: string | null;
  last_at?: string | null;
  last_status_code?: number | null;
};

function toItem(row: WebhookRow): WebhookItem {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as WebhookKind,
    urlMasked: row.url_masked,
    hasSecret: row.secret_enc !== null,
    active: row.active === 1,
    compoundId: row.compound_id,
    nodeCode: row.node_code,
    lastDelivery: row.last_status
      ? { status: row.last_status, at: row.last_at ? new Date(row.last_at).toISOString() : null, statusCode: row.last_status_code ?? null }
      : null,
  };
}

export async function listWebhooks(ctx: ServiceContext, actor: Actor, query: { compoundId?: string; nodeCode?: string }) {
  const { owner } = await resolveOwner(ctx, actor, query);
  return (await listWebhooksOf(ctx.db, owner)).map(toItem);
}

export async function createWebhook(ctx: ServiceContext, actor: Actor, input: CreateWebhookBody): Promise<WebhookItem> {
  const { owner, auditNode } = await resolveOwner(ctx, actor, input);
  const name = checkText(input.name, 'name');
  const url = parseWebhookUrl(input.url);
  const secret = input.secret === undefined ? '' : checkText(input.secret, 'secret');
  const now = ctx.clock().toISOString();
  const id = randomUUID();
  const key = ctx.keys.fieldEncryption;

  await ctx.db.transaction().execute(async (trx) => {
    await insertWebhook(trx, {
      id,
      node_code: owner.nodeCode,
      compound_id: owner.compoundId,
      name,
      kind: input.kind,
      url_enc: encryptField(key, url.toString()),
      url_masked: maskWebhookUrl(url),
      secret_enc: secret === '' ? null : encryptField(key, secret),
      active: 1,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    const fields = ['name', 'kind', 'url', ...(secret === '' ? [] : ['secret'])];
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'notifier_webhook.create', entityType: 'notifier_webhook', entityId: id, nodeCode: auditNode, fields },
      now,
    );
  });
  return toItem((await findWebhookById(ctx.db, id)) as WebhookRow);
}

export async function changeWebhook(ctx: ServiceContext, actor: Actor, id: string, input: UpdateWebhookBody): Promise<WebhookItem> {
  const { auditNode } = await requireWebhook(ctx, actor, id);
  const now = ctx.clock().toISOString();
  const key = ctx.keys.fieldEncryption;
  const changes: Parameters<typeof updateWebhook>[2] = { updated_at: now };
  const fields: string[] = [];
  if (input.name !== undefined) {
    changes.name = checkText(input.name, 'name');
    fields.push('name');
  }
  if (input.url !== undefined) {
    const url = parseWebhookUrl(input.url);
    changes.url_enc = encryptField(key, url.toString());
    changes.url_masked = maskWebhookUrl(url);
    fields.push('url');
  }
  if (input.secret !== undefined) {
    const secret = checkText(input.secret, 'secret');
    changes.secret_enc = secret === '' ? null : encryptField(key, secret);
    fields.push('secret');
  }
  if (input.active !== undefined) {
    changes.active = input.active ? 1 : 0;
    fields.push('active');
  }
  if (fields.length > 0) {
    await ctx.db.transaction().execute(async (trx) => {
      await updateWebhook(trx, id, changes);
      await recordAudit(
        trx,
        ctx,
        actor,
        { action: 'notifier_webhook.update', entityType: 'notifier_webhook', entityId: id, nodeCode: auditNode, fields },
        now,
      );
    });
  }
  return toItem((await findWebhookById(ctx.db, id)) as WebhookRow);
}

export async function removeWebhook(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  const { auditNode } = await requireWebhook(ctx, actor, id);
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await deleteWebhook(trx, id);
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'notifier_webhook.delete', entityType: 'notifier_webhook', entityId: id, nodeCode: auditNode },
      now,
    );
  });
}

/** Posts a test message to the webhook now; throws WEBHOOK_TEST_FAILED naming the cause when the receiver did not accept it. */
export async function testWebhook(ctx: ServiceContext, actor: Actor, id: string): Promise<{ statusCode: number }> {
  const { row } = await requireWebhook(ctx, actor, id);
  if (row.active !== 1) throw new AppError('WEBHOOK_INACTIVE', 'id');
  const key = ctx.keys.fieldEncryption;
  const now = ctx.clock();
  const compound = row.compound_id
    ? await ctx.db.selectFrom('compounds').select('name').where('id', '=', row.compound_id).executeTakeFirst()
    : undefined;
  // Said in the installation's default language, as real alerts are, so the group sees how they will read.
  const text = renderSmsTemplate('gate_alert_test', DEFAULT_LOCALE, { compound: compound?.name ?? row.name });
  const result = await postWebhook(
    {
      kind: row.kind as WebhookKind,
      url: decryptField(key, row.url_enc),
      secret: row.secret_enc === null ? null : decryptField(key, row.secret_enc),
    },
    {
      id: `test-${randomUUID()}`,
      kind: 'test',
      severity: 'info',
      compoundId: row.compound_id,
      compoundName: compound?.name ?? null,
      gateName: null,
      ruleKind: null,
      plateNumber: null,
      direction: null,
      eventCount: null,
      alertText: null,
      createdAt: now.toISOString(),
      text,
    },
    now,
  );
  if (!result.ok || result.statusCode === null)
    throw new AppError('WEBHOOK_TEST_FAILED', 'url', { cause: result.error ?? 'request failed' });
  return { statusCode: result.statusCode };
}
