import { computed, ref, watch, type Ref } from 'vue';
import type { DuplicateHit, DuplicateQuery } from '../../../../api/checkpoint-phone.js';

export type LookupDuplicates = (query: DuplicateQuery) => Promise<DuplicateHit[]>;

function keyOf(query: DuplicateQuery): string {
  return JSON.stringify([query.plate ?? '', query.documentType ?? '', query.documentNumber ?? '']);
}

/**
 * Looks up earlier registrations of each valid plate and document, and keeps
 * the hits of the values still in the form. A value is looked up once unless
 * its lookup failed (offline), which marks its hits unavailable and lets the
 * next change of the form try again. The save does not wait for any lookup.
 */
export function useDuplicateLookup(queries: Ref<DuplicateQuery[]>, lookup: () => LookupDuplicates) {
  const hitsByKey = ref(new Map<string, DuplicateHit[]>());
  const failedKeys = ref(new Set<string>());
  const requested = new Set<string>();

  async function run(query: DuplicateQuery, key: string): Promise<void> {
    try {
      const hits = await lookup()(query);
      hitsByKey.value.set(key, hits);
      failedKeys.value.delete(key);
    } catch {
      failedKeys.value.add(key);
      // A later change of the value may try again.
      requested.delete(key);
    }
  }

  watch(
    queries,
    (current) => {
      for (const query of current) {
        const key = keyOf(query);
        if (requested.has(key)) continue;
        requested.add(key);
        void run(query, key);
      }
    },
    { immediate: true, deep: true },
  );

  const activeKeys = computed(() => new Set(queries.value.map(keyOf)));

  const hits = computed(() => {
    const seen = new Set<string>();
    const shown: DuplicateHit[] = [];
    for (const [key, list] of hitsByKey.value) {
      if (!activeKeys.value.has(key)) continue;
      for (const hit of list) {
        const id = `${hit.registrationId}-${hit.matchedBy}`;
        if (seen.has(id)) continue;
        seen.add(id);
        shown.push(hit);
      }
    }
    return shown;
  });

  const unavailable = computed(() => [...failedKeys.value].some((key) => activeKeys.value.has(key)));
  return { hits, unavailable };
}
