import { JURISDICTION_ROOT_CODE } from '@cordon/core';

/** Code of the country node at the top of every jurisdiction tree. */
export const ROOT_NODE_CODE = JURISDICTION_ROOT_CODE;

/** The part of a node that names it: every node, path item and search hit has both. */
export interface NamedNode {
  code: string;
  name: string;
}

/**
 * Returns the name to show for a node. The root is stored with its Chinese
 * name (全国), so the console shows a locale message in its place. Every
 * other name is data and is shown as stored.
 */
export function nodeDisplayName(node: NamedNode, rootName: string): string {
  return node.code === ROOT_NODE_CODE ? rootName : node.name;
}

/**
 * Returns the names of a search hit's path for display. The server's
 * pathNames start at the signed-in user's node and carry no codes, so the
 * first name is the root's exactly when the user's node is the root.
 */
export function pathNamesForDisplay(pathNames: readonly string[], userNodeCode: string | undefined, rootName: string): string[] {
  if (userNodeCode !== ROOT_NODE_CODE || pathNames.length === 0) return [...pathNames];
  return [rootName, ...pathNames.slice(1)];
}
