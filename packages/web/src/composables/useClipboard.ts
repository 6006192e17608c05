import { ElMessage } from 'element-plus';
import { useI18n } from 'vue-i18n';

/**
 * Copies text and confirms it. navigator.clipboard exists only in secure
 * contexts (HTTPS or localhost), so a street-office PC that reaches the
 * server over plain HTTP falls back to a hidden textarea and execCommand.
 */
export function useClipboard() {
  const { t } = useI18n();

  async function copyText(text: string): Promise<boolean> {
    const copied = (await writeWithClipboardApi(text)) || writeWithTextarea(text);
    if (copied) ElMessage({ type: 'success', message: t('common.copy.done'), grouping: true });
    else ElMessage({ type: 'error', message: t('common.copy.failed'), grouping: true });
    return copied;
  }

  return { copyText };
}

async function writeWithClipboardApi(text: string): Promise<boolean> {
  if (!window.isSecureContext || !navigator.clipboard) return false;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function writeWithTextarea(text: string): boolean {
  const textarea = document.createElement('textarea');
  textarea.value = text;
  textarea.setAttribute('readonly', '');
  textarea.style.position = 'fixed';
  textarea.style.opacity = '0';
  document.body.appendChild(textarea);
  textarea.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    textarea.remove();
  }
}
