import { JURISDICTION_LEVELS } from '@cordon/core';
import { Type } from 'typebox';
import { JurisdictionCode } from '../../http/common-schemas.js';

export const Node = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Enum(JURISDICTION_LEVELS),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  childCount: Type.Integer(),
});

export const CodeParams = Type.Object({ code: JurisdictionCode });

export const NodeDetail = Type.Object({ node: Node, path: Type.Array(Node) });

export const NodeList = Type.Object({ items: Type.Array(Node) });

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 50 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const SearchResult = Type.Object({
  items: Type.Array(Type.Object({ node: Node, pathNames: Type.Array(Type.String()) })),
});

export const GridBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 50 }) });

export const LoadBody = Type.Object({ code: Type.String({ minLength: 2, maxLength: 12, pattern: '^[0-9]+$' }) });

export const LoadResult = Type.Object({ inserted: Type.Integer(), total: Type.Integer() });
