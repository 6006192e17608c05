import { onScopeDispose, readonly, ref, type Ref } from 'vue';

/** Widths at or below this use the phone layout: collapsed menu, stacked panels, full-screen dialogs. */
export const NARROW_MAX_WIDTH = 768;

/** Tracks whether the viewport is phone-sized; updates on rotation and window resizes. */
export function useNarrowViewport(): Readonly<Ref<boolean>> {
  const query = window.matchMedia(`(max-width: ${NARROW_MAX_WIDTH}px)`);
  const isNarrow = ref(query.matches);
  const update = (event: MediaQueryListEvent): void => {
    isNarrow.value = event.matches;
  };
  query.addEventListener('change', update);
  onScopeDispose(() => query.removeEventListener('change', update));
  return readonly(isNarrow);
}
