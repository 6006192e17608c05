import { onMounted, onUnmounted } from 'vue';

const CHECKPOINT_MANIFEST = '/checkpoint.webmanifest';

/**
 * Points the page's web app manifest at the checkpoint's while a checkpoint
 * page is open, so "Add to home screen" installs an app that starts at
 * /m/checkpoint instead of the phone home page. The previous manifest comes
 * back when the page closes.
 */
export function useCheckpointManifest(): void {
  let previous: string | null = null;

  onMounted(() => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
    if (!link) return;
    previous = link.getAttribute('href');
    link.setAttribute('href', CHECKPOINT_MANIFEST);
  });

  onUnmounted(() => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
    if (link && previous !== null) link.setAttribute('href', previous);
  });
}
