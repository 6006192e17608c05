import { ref, shallowRef } from 'vue';
import { PAGE_SIZES } from '../utils/table.js';
import { notifyError } from './useApiErrors.js';

/** One page of a list endpoint. */
export interface ListPage<Row> {
  items: Row[];
  total: number;
}

/**
 * State of a paged el-table: the page shown, its rows and the total. Only the
 * latest request updates the state, so a slow response to an earlier filter or
 * page never replaces a newer one. A failed request shows a message and keeps
 * the rows on screen.
 */
export function usePagedList<Row>(fetchPage: (paging: { page: number; pageSize: number }) => Promise<ListPage<Row>>) {
  const page = ref(1);
  const pageSize = ref(PAGE_SIZES[0] ?? 20);
  const rows = shallowRef<Row[]>([]);
  const total = ref(0);
  const loading = ref(false);
  let latestRequest = 0;

  /** Loads the current page again, for example after a page change or an edit. */
  async function reload(): Promise<void> {
    const requestId = ++latestRequest;
    loading.value = true;
    try {
      const result = await fetchPage({ page: page.value, pageSize: pageSize.value });
      if (requestId !== latestRequest) return;
      rows.value = result.items;
      total.value = result.total;
    } catch (error) {
      if (requestId === latestRequest) notifyError(error);
    } finally {
      if (requestId === latestRequest) loading.value = false;
    }
  }

  /** Goes back to page 1 and loads it, for a new filter or page size. */
  function reloadFirstPage(): void {
    page.value = 1;
    void reload();
  }

  return { page, pageSize, rows, total, loading, reload, reloadFirstPage };
}
