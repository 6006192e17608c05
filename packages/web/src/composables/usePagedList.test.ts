import { beforeEach, describe, expect, it, vi } from 'vitest';
import { notifyError } from './useApiErrors.js';
import { usePagedList, type ListPage } from './usePagedList.js';

vi.mock('./useApiErrors.js', () => ({ notifyError: vi.fn() }));

beforeEach(() => {
  vi.mocked(notifyError).mockClear();
});

/** Creates a promise that the test resolves or rejects by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

describe('usePagedList', () => {
  it('stores the rows and total of a page', async () => {
    const list = usePagedList(async ({ page, pageSize }) => ({ items: [`${page}/${pageSize}`], total: 41 }));
    await list.reload();
    expect(list.rows.value).toEqual(['1/20']);
    expect(list.total.value).toBe(41);
    expect(list.loading.value).toBe(false);
  });

  it('ignores a response overtaken by a newer request', async () => {
    const answers = [deferred<ListPage<string>>(), deferred<ListPage<string>>()];
    let call = 0;
    const list = usePagedList(() => answers[call++]!.promise);

    const first = list.reload();
    const second = list.reload();
    answers[1]!.resolve({ items: ['new'], total: 1 });
    await second;
    answers[0]!.resolve({ items: ['old'], total: 9 });
    await first;

    expect(list.rows.value).toEqual(['new']);
    expect(list.total.value).toBe(1);
    expect(list.loading.value).toBe(false);
  });

  it('keeps loading while the newest request is open', async () => {
    const answers = [deferred<ListPage<string>>(), deferred<ListPage<string>>()];
    let call = 0;
    const list = usePagedList(() => answers[call++]!.promise);

    const first = list.reload();
    void list.reload();
    answers[0]!.reject(new Error('stale failure'));
    await first;

    expect(list.loading.value).toBe(true);
    expect(notifyError).not.toHaveBeenCalled();
  });

  it('reports a failure and keeps the rows', async () => {
    let fail = false;
    const list = usePagedList(async () => {
      if (fail) throw new Error('network down');
      return { items: ['kept'], total: 1 };
    });
    await list.reload();
    fail = true;
    await list.reload();

    expect(list.rows.value).toEqual(['kept']);
    expect(notifyError).toHaveBeenCalledTimes(1);
    expect(list.loading.value).toBe(false);
  });

  it('reloadFirstPage returns to page 1', async () => {
    const pages: number[] = [];
    const list = usePagedList(async ({ page }) => {
      pages.push(page);
      return { items: [], total: 0 };
    });
    list.page.value = 3;
    list.reloadFirstPage();
    await vi.waitFor(() => expect(pages).toEqual([1]));
    expect(list.page.value).toBe(1);
  });
});
