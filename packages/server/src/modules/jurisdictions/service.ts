import { cleanName, type JurisdictionLevel, normalizeRegionCode } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import * as repo from './repository.js';
import { readRegionSubtree } from './region-source.js';

type NodeRow = NonNullable<Awaited<ReturnType<typeof repo.findNodeInScope>>>;

export function toNode(row: NodeRow) {
  return {
    code: row.code,
    name: row.name,
    level: row.level as JurisdictionLevel,
    parentCode: row.parent_code,
    childCount: Number(row.child_count ?? 0),
  };
}

/** Codes of a materialised path, root first: "/CN/320000/320500/" → ["CN", "320000", "320500"]. */
export function codesOfPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

export async function getRootNode(ctx: ServiceContext, actor: Actor) {
  const row = await repo.findNodeInScope(ctx.db, actor.scope, actor.scope.nodeCode);
  if (!row) throw new AppError('JURISDICTION_NOT_FOUND', 'code');
  return toNode(row);
}

async function requireNode(ctx: ServiceContext, actor: Actor, code: string, field = 'code') {
  const row = await repo.findNodeInScope(ctx.db, actor.scope, code);
  if (!row) throw new AppError('JURISDICTION_NOT_FOUND', field);
  return row;
}

/** Loads a node with its path from the actor's own node down to it. */
export async function getNode(ctx: ServiceContext, actor: Actor, code: string) {
  const row = await requireNode(ctx, actor, code);
  const actorDepth = codesOfPath(actor.scope.nodePath).length;
  const pathCodes = codesOfPath(row.path).slice(actorDepth - 1);
  const pathRows = await Promise.all(pathCodes.map((pathCode) => repo.findNodeInScope(ctx.db, actor.scope, pathCode)));
  return { node: toNode(row), path: pathRows.filter((item): item is NodeRow => item !== undefined).map(toNode) };
}

export async function getChildNodes(ctx: ServiceContext, actor: Actor, code: string) {
  await requireNode(ctx, actor, code);
  return (await repo.listChildNodes(ctx.db, code)).map(toNode);
}

/** Names of each node's path below the actor's node, for search results. */
async function pathNamesOf(ctx: ServiceContext, actor: Actor, rows: NodeRow[]) {
  const actorDepth = codesOfPath(actor.scope.nodePath).length;
  const codes = new Set(rows.flatMap((row) => codesOfPath(row.path).slice(actorDepth - 1)));
  const names = new Map((await repo.findNodesByCodes(ctx.db, [...codes])).map((node) => [node.code, node.name]));
  return rows.map((row) =>
    codesOfPath(row.path)
      .slice(actorDepth - 1)
      .map((code) => names.get(code) ?? code),
  );
}

export async function searchNodes(ctx: ServiceContext, actor: Actor, text: string, limit: number) {
  // Names and codes never contain LIKE wildcards, so dropping them loses nothing.
  const cleaned = text.replace(/[\\%_]/g, '').trim();
  if (cleaned === '') return [];
  const rows = await repo.searchNodesInScope(ctx.db, actor.scope, cleaned, limit);
  const paths = await pathNamesOf(ctx, actor, rows);
  return rows.map((row, index) => ({ node: toNode(row), pathNames: paths[index] ?? [] }));
}

/** Adds a grid (网格) under a community. Grid codes are the community code + "G" + a 3-digit number. */
export async function createGrid(ctx: ServiceContext, actor: Actor, communityCode: string, name: string) {
  const community = await requireNode(ctx, actor, communityCode);
  if (community.level !== 'community') throw new AppError('JURISDICTION_LEVEL_INVALID', 'code');
  const trimmed = cleanName(name);
  if (trimmed === '') throw new AppError('FIELD_REQUIRED', 'name');

  const now = new Date().toISOString();
  const code = await ctx.db.transaction().execute(async (trx) => {
    const siblings = await repo.listChildNames(trx, communityCode);
    if (siblings.some((sibling) => sibling.name === trimmed)) throw new AppError('JURISDICTION_NAME_TAKEN', 'name');
    const numbers = siblings.map((sibling) => Number(sibling.code.split('G')[1] ?? 0)).filter(Number.isFinite);
    const next = String(Math.max(0, ...numbers) + 1).padStart(3, '0');
    const gridCode = `${communityCode}G${next}`;
    await repo.insertNodes(
      trx,
      [{ code: gridCode, parentCode: communityCode, name: trimmed, level: 'grid', path: `${community.path}${gridCode}/` }],
      now,
    );
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'jurisdiction.create_grid', entityType: 'jurisdiction', entityId: gridCode, nodeCode: gridCode, fields: ['name'] },
      now,
    );
    return gridCode;
  });
  return toNode(await requireNode(ctx, actor, code));
}

/**
 * Builds the tree of a real region under the root: its ancestors, and every
 * district, subdistrict and community inside it. Nodes already present are
 * kept as they are, so loading twice or loading a neighbour adds only what is
 * missing. Returns how many nodes were added and how many the region has.
 */
export async function loadRegion(ctx: ServiceContext, actor: Actor | null, code: string) {
  const canonical = normalizeRegionCode(code);
  if (!canonical) throw new AppError('REGION_CODE_INVALID', 'code');
  const records = readRegionSubtree(canonical);
  if (records.length === 0) throw new AppError('REGION_NOT_FOUND', 'code');

  const now = new Date().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const paths = new Map<string, string>([[repo.ROOT_CODE, repo.ROOT_PATH]]);
    const existing = new Set<string>();
    for (let start = 0; start < records.length; start += 500) {
      const codes = records.slice(start, start + 500).map((record) => record.code);
      for (const row of await repo.findNodesByCodes(trx, codes)) {
        existing.add(row.code);
        paths.set(row.code, row.path);
      }
    }

    const inserts: repo.NodeInsert[] = [];
    for (const record of records) {
      const parentCode = record.parentCode ?? repo.ROOT_CODE;
      const parentPath = paths.get(parentCode) ?? repo.ROOT_PATH;
      const path = paths.get(record.code) ?? `${parentPath}${record.code}/`;
      paths.set(record.code, path);
      if (!existing.has(record.code)) {
        inserts.push({
          code: record.code,
          parentCode: paths.has(parentCode) ? parentCode : repo.ROOT_CODE,
          name: record.name,
          level: record.level,
          path,
        });
      }
    }

    await repo.insertNodes(trx, inserts, now);
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'jurisdiction.load', entityType: 'jurisdiction', entityId: canonical, nodeCode: canonical },
      now,
    );
    return { inserted: inserts.length, total: records.length };
  });
}
