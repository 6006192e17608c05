import type { Actor, Scope, ServiceContext } from '../../context/types.js';
import { decryptField } from '../../crypto/field-encryption.js';
import { requireNodeInScope } from '../jurisdictions/scope.js';
import * as repo from './repository.js';

export interface OutboxListInput {
  nodeCode?: string | undefined;
  template?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

async function scopeOf(ctx: ServiceContext, actor: Actor, nodeCode: string | undefined): Promise<Scope> {
  if (nodeCode === undefined) return actor.scope;
  const node = await requireNodeInScope(ctx.db, actor.scope, nodeCode, 'nodeCode');
  return { nodeCode: node.code, nodePath: node.path };
}

/** Lists the outbox of the caller's subtree (or of a node inside it), newest first, with the bodies decrypted. */
export async function listOutbox(ctx: ServiceContext, actor: Actor, input: OutboxListInput) {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const scope = await scopeOf(ctx, actor, input.nodeCode);
  const { rows, total } = await repo.listOutboxMessages(ctx.db, scope, { template: input.template }, (page - 1) * pageSize, pageSize);
  return {
    total,
    items: rows.map((row) => ({
      id: row.id,
      template: row.template,
      locale: row.locale,
      nodeCode: row.node_code,
      nodeName: row.node_name,
      phoneMasked: row.phone_masked,
      body: decryptField(ctx.keys.fieldEncryption, row.body_enc),
      status: row.status,
      createdAt: row.created_at,
    })),
  };
}
