import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { COMMUNITY_A, createStaff, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { testResidentId } from '../persons/test-helpers.js';
import { extractPdfPages } from './pdf-text.js';

const shanghaiMorning = (day: string) => new Date(`${day}T02:00:00Z`);

describeEachDatabase('quarantine notices', (kind) => {
  let t: TestApp;
  let staffA: Session;
  let gridWorkerA: Session;
  let now = shanghaiMorning('2026-12-05');

  const post = (session: Session | null, url: string, payload: object) =>
    request(t.app, session, { method: 'POST', url, payload, locale: 'en' });
  const get = (session: Session | null, url: string) => request(t.app, session, { method: 'GET', url, locale: 'en' });

  let sequence = 500;
  const documents = new Map<string, string>();
  async function startFor(preferredLanguage: string, name: string) {
    sequence += 1;
    const documentNumber = testResidentId(sequence);
    const person = await post(staffA, '/api/persons', { name, documentNumber, communityCode: COMMUNITY_A, preferredLanguage });
    if (person.statusCode !== 201) throw new Error(`registration failed with ${person.statusCode}: ${person.body}`);
    const started = await post(staffA, '/api/quarantines', { personId: person.json().person.id, reason: '入境', addressText: '平江路8号' });
    if (started.statusCode !== 201) throw new Error(`start failed with ${started.statusCode}: ${started.body}`);
    documents.set(started.json().id, documentNumber);
    return started.json() as { id: string; noticeNumber: string; plannedEndOn: string };
  }

  const printsOf = async (id: string, action: string) =>
    (await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).where('action', '=', action).execute()).length;

  beforeAll(async () => {
    t = await createTestApp(kind);
    t.ctx.clock = () => now;
    await loadGusu(t.ctx);
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', COMMUNITY_A)).session;
  });
  afterAll(async () => t.close());
  beforeEach(() => {
    now = shanghaiMorning('2026-12-05');
  });

  it('notice of a Chinese speaker has one page', async () => {
    const quarantine = await startFor('zh-CN', '王五');
    const response = await get(gridWorkerA, `/api/quarantines/${quarantine.id}/notice.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(`home-quarantine-notice-${quarantine.id}.pdf`);
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const pages = extractPdfPages(response.rawPayload);
    expect(pages).toHaveLength(1);
    const text = pages[0] ?? '';
    expect(text).toContain('居家隔离告知书');
    expect(text).toContain(quarantine.noticeNumber);
    expect(text).toContain('王五');
    expect(text).toContain('平江路8号');
    expect(text).toContain('2026年12月5日至2026年12月18日，共14天');
  });

  it('notice shows only the masked document number', async () => {
    const quarantine = await startFor('zh-CN', '赵六');
    const text = extractPdfPages((await get(staffA, `/api/quarantines/${quarantine.id}/notice.pdf`)).rawPayload).join('\n');
    const documentNumber = documents.get(quarantine.id) ?? '';
    expect(text).not.toContain(documentNumber);
    expect(text).toContain(`${documentNumber.slice(0, 4)}**`);
  });

  it('notice adds a page in the preferred language', async () => {
    const english = await startFor('en', 'John Smith');
    const englishPages = extractPdfPages((await get(staffA, `/api/quarantines/${english.id}/notice.pdf`)).rawPayload);
    expect(englishPages).toHaveLength(2);
    expect(englishPages[1]).toContain('Home Quarantine Notice');
    expect(englishPages[1]).toContain(english.noticeNumber);
    expect(englishPages[1]).toContain('2026-12-18');

    const korean = await startFor('ko', '김민준');
    const koreanPages = extractPdfPages((await get(staffA, `/api/quarantines/${korean.id}/notice.pdf`)).rawPayload);
    expect(koreanPages).toHaveLength(2);
    expect(koreanPages[0]).toContain('김민준');
    expect(koreanPages[1]).toContain('자가격리 통지서');
    // The Chinese address stays readable on the Korean page, drawn in the Chinese font.
    expect(koreanPages[1]).toContain('平江路8号');

    const japanese = await startFor('ja', '山田太郎');
    const japanesePages = extractPdfPages((await get(staffA, `/api/quarantines/${japanese.id}/notice.pdf`)).rawPayload);
    expect(japanesePages).toHaveLength(2);
    expect(japanesePages[1]).toContain('自宅隔離通知書');
  });

  it('reprint keeps the number and is audited', async () => {
    const quarantine = await startFor('zh-CN', '孙七');
    const first = extractPdfPages((await get(staffA, `/api/quarantines/${quarantine.id}/notice.pdf`)).rawPayload);
    const second = extractPdfPages((await get(staffA, `/api/quarantines/${quarantine.id}/notice.pdf`)).rawPayload);
    expect(second).toEqual(first);
    expect(await printsOf(quarantine.id, 'quarantine.notice_print')).toBe(2);
    const row = await t.ctx.db
      .selectFrom('home_quarantines')
      .select('notice_number')
      .where('id', '=', quarantine.id)
      .executeTakeFirstOrThrow();
    expect(row.notice_number).toBe(quarantine.noticeNumber);
  });

  it('notice without a number gets one once', async () => {
    const quarantine = await startFor('zh-CN', '周八');
    await t.ctx.db.updateTable('home_quarantines').set({ notice_number: null }).where('id', '=', quarantine.id).execute();
    const first = extractPdfPages((await get(staffA, `/api/quarantines/${quarantine.id}/notice.pdf`)).rawPayload).join('');
    const row = await t.ctx.db
      .selectFrom('home_quarantines')
      .select('notice_number')
      .where('id', '=', quarantine.id)
      .executeTakeFirstOrThrow();
    expect(row.notice_number).toMatch(/^苏隔告〔2026〕第\d{6}号$/);
    expect(row.notice_number).not.toBe(quarantine.noticeNumber);
    expect(first).toContain(row.notice_number);
    const second = extractPdfPages((await get(staffA, `/api/quarantines/${quarantine.id}/notice.pdf`)).rawPayload).join('');
    expect(second).toContain(row.notice_number);
  });

  it('release notice needs a release', async () => {
    const quarantine = await startFor('zh-CN', '吴九');
    const active = await get(staffA, `/api/quarantines/${quarantine.id}/release-notice.pdf`);
    expect(active.statusCode).toBe(409);
    expect(active.json().error.code).toBe('QUARANTINE_RELEASE_NOTICE_UNAVAILABLE');

    now = shanghaiMorning('2026-12-10');
    await post(staffA, `/api/quarantines/${quarantine.id}/end-early`, { reason: '送医' });
    const ended = await get(staffA, `/api/quarantines/${quarantine.id}/release-notice.pdf`);
    expect(ended.statusCode).toBe(409);
    expect(await printsOf(quarantine.id, 'quarantine.release_notice_print')).toBe(0);
  });

  it('release notice carries the release number', async () => {
    const quarantine = await startFor('en', 'Jane Doe');
    now = shanghaiMorning('2026-12-19');
    const released = (await post(staffA, `/api/quarantines/${quarantine.id}/release`, {})).json();
    const response = await get(staffA, `/api/quarantines/${quarantine.id}/release-notice.pdf`);
    expect(response.statusCode).toBe(200);
    const pages = extractPdfPages(response.rawPayload);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('解除隔离告知单');
    expect(pages[0]).toContain(released.releaseNoticeNumber);
    expect(pages[0]).toContain('2026年12月19日');
    expect(pages[1]).toContain('Notice of Release from Quarantine');
    expect(pages[1]).toContain('as of 2026-12-19');
    expect(await printsOf(quarantine.id, 'quarantine.release_notice_print')).toBe(1);
  });

  it('bulk release notices of a day', async () => {
    now = shanghaiMorning('2027-03-01');
    const chinese = await startFor('zh-CN', '郑十');
    const korean = await startFor('ko', '이서연');
    const notReleased = await startFor('zh-CN', '冯十一');
    now = shanghaiMorning('2027-03-14');
    const numbers: string[] = [];
    for (const quarantine of [chinese, korean]) {
      numbers.push((await post(staffA, `/api/quarantines/${quarantine.id}/release`, {})).json().releaseNoticeNumber);
    }

    const listed = (await get(gridWorkerA, '/api/quarantines?view=released&endedOn=2027-03-14')).json();
    expect(listed.items.map((item: { id: string }) => item.id).sort()).toEqual([chinese.id, korean.id].sort());

    const response = await get(gridWorkerA, '/api/quarantines/release-notices.pdf?day=2027-03-14');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('release-notices-2027-03-14.pdf');
    const pages = extractPdfPages(response.rawPayload);
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain(numbers[0]);
    expect(pages[1]).toContain(numbers[1]);
    expect(pages[2]).toContain('격리 해제 통지서');
    expect(pages.join('')).not.toContain('冯十一');
    expect(await printsOf(chinese.id, 'quarantine.release_notice_print')).toBe(1);
    expect(await printsOf(korean.id, 'quarantine.release_notice_print')).toBe(1);
    expect(await printsOf(notReleased.id, 'quarantine.release_notice_print')).toBe(0);
  });

  it('bulk release notices of a day without releases is 404', async () => {
    const response = await get(staffA, '/api/quarantines/release-notices.pdf?day=2027-03-15');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('QUARANTINE_NO_RELEASES');
    expect(response.json().error.message).toContain('2027-03-15');
    const missing = await get(staffA, '/api/quarantines/release-notices.pdf');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('day');
  });

  it('notice requires a session', async () => {
    const quarantine = await startFor('zh-CN', '陈十二');
    const response = await get(null, `/api/quarantines/${quarantine.id}/notice.pdf`);
    expect(response.statusCode).toBe(401);
  });
});
