import { shallowReactive } from 'vue';
import { getJurisdiction, type JurisdictionNode } from '../api/jurisdictions.js';
import { currentUser } from '../stores/session.js';
import { useNodeName } from './useNodeName.js';

// Paths read so far, keyed by the user's node and the code, because the
// server returns each path from the user's node down. A failed read is kept
// as null, so a node outside the user's subtree is requested only once.
const paths = shallowReactive(new Map<string, JurisdictionNode[] | null>());
const pending = new Set<string>();

/**
 * Full paths of jurisdictions for hover titles in lists, read on first hover
 * from GET /api/jurisdictions/:code and kept for the rest of the page load.
 */
export function useJurisdictionPath() {
  const { formatNodePath } = useNodeName();

  function cacheKey(code: string): string {
    return `${currentUser.value?.nodeCode ?? ''}:${code}`;
  }

  function loadPath(code: string): void {
    const key = cacheKey(code);
    if (paths.has(key) || pending.has(key)) return;

    pending.add(key);
    getJurisdiction(code)
      .then(
        (detail) => paths.set(key, detail.path),
        () => paths.set(key, null),
      )
      .finally(() => pending.delete(key));
  }

  /** Returns the path as "A / B / C" once loaded, and undefined before that or when the read failed. */
  function pathText(code: string): string | undefined {
    const path = paths.get(cacheKey(code));
    return path ? formatNodePath(path) : undefined;
  }

  return { loadPath, pathText };
}
