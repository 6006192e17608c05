import { useI18n } from 'vue-i18n';
import { currentUser } from '../stores/session.js';
import { nodeDisplayName, pathNamesForDisplay, type NamedNode } from '../utils/jurisdiction.js';

/**
 * Node names for templates, with the root named in the console language.
 * The functions read the locale on each call, so a language switch re-renders them.
 */
export function useNodeName() {
  const { t } = useI18n();

  function nodeName(node: NamedNode): string {
    return nodeDisplayName(node, t('common.rootNode'));
  }

  function formatNodePath(path: readonly NamedNode[]): string {
    return path.map(nodeName).join(' / ');
  }

  function formatSearchPath(pathNames: readonly string[]): string {
    return pathNamesForDisplay(pathNames, currentUser.value?.nodeCode, t('common.rootNode')).join(' / ');
  }

  return { nodeName, formatNodePath, formatSearchPath };
}
