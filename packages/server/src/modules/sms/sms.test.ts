import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOutboxSmsGateway } from '../../sms/outbox.js';
import { COMMUNITY_A, COMMUNITY_B, createStaff, loadGusu, SUBDISTRICT_A } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { ROOT_CODE } from '../jurisdictions/repository.js';

const LINK_A = 'https://cordon.example/d/link-of-a';
const LINK_B = 'https://cordon.example/d/link-of-b';

describeEachDatabase('SMS outbox API', (kind) => {
  let t: TestApp;
  let rootAdmin: Session;
  let adminA: Session;
  let subdistrictAdminA: Session;
  let staffA: Session;
  /** Message ids in the order they were sent. */
  const sent: string[] = [];

  const list = (session: Session | null, query = '') =>
    request(t.app, session, { method: 'GET', url: `/api/sms/outbox${query}`, locale: 'en' });

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    rootAdmin = (await createStaff(t.app, t.ctx, 'admin', ROOT_CODE)).session;
    adminA = (await createStaff(t.app, t.ctx, 'admin', COMMUNITY_A)).session;
    subdistrictAdminA = (await createStaff(t.app, t.ctx, 'admin', SUBDISTRICT_A)).session;
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;

    // One message a minute, so the newest-first order is known.
    let minute = 0;
    const clock = () => new Date(Date.UTC(2026, 11, 5, 1, minute));
    const logger = { info: () => {}, error: () => {} };
    const gateway = createOutboxSmsGateway(t.ctx.db, t.ctx.keys, { logger, clock });
    const messages = [
      { nodeCode: COMMUNITY_A, template: 'declaration_link', params: { url: LINK_A } },
      { nodeCode: COMMUNITY_B, template: 'declaration_link', params: { url: LINK_B } },
      { nodeCode: COMMUNITY_A, template: 'declaration_code', params: { code: '482913', minutes: '10' } },
      { nodeCode: COMMUNITY_A, template: 'declaration_reminder', params: { url: LINK_A, window: '07:00–10:00' } },
    ];
    for (const message of messages) {
      minute += 1;
      const receipt = await gateway.send({ ...message, phone: `1380000${String(minute).padStart(4, '0')}`, locale: 'zh-CN' });
      sent.push(receipt.messageId);
    }
  });

  afterAll(async () => {
    await t.close();
  });

  it('require a session', async () => {
    const response = await list(null);
    expect(response.statusCode).toBe(401);
  });

  it('reject a role other than admin', async () => {
    const response = await list(staffA);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
  });

  it('list every node for the root admin, newest first', async () => {
    const response = await list(rootAdmin);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toBe(4);
    expect(body.items.map((item: { id: string }) => item.id)).toEqual([...sent].reverse());
  });

  it('show the masked phone and the body', async () => {
    const body = (await list(rootAdmin, '?template=declaration_link')).json();
    const itemB = body.items.find((item: { nodeCode: string }) => item.nodeCode === COMMUNITY_B);
    expect(itemB).toEqual({
      id: sent[1],
      template: 'declaration_link',
      locale: 'zh-CN',
      nodeCode: COMMUNITY_B,
      nodeName: expect.any(String),
      phoneMasked: '138****0002',
      body: `【社区防控】请点击链接填写今日健康申报（体温和症状）：${LINK_B} 此链接仅限本人使用，请勿转发。`,
      status: 'sent_locally',
      createdAt: '2026-12-05T01:02:00.000Z',
    });
    expect(JSON.stringify(body)).not.toContain('13800000002');
  });

  it('filter by template', async () => {
    const body = (await list(rootAdmin, '?template=declaration_code')).json();
    expect(body.total).toBe(1);
    expect(body.items[0].id).toBe(sent[2]);
    expect(body.items[0].body).toContain('482913');
  });

  it('reject an unknown template filter', async () => {
    const response = await list(rootAdmin, '?template=declaration_poem');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('template');
  });

  it('page the list', async () => {
    const body = (await list(rootAdmin, '?page=2&pageSize=3')).json();
    expect(body.total).toBe(4);
    expect(body.items.map((item: { id: string }) => item.id)).toEqual([sent[0]]);
  });

  it('limit a community admin to the community', async () => {
    const body = (await list(adminA)).json();
    expect(body.total).toBe(3);
    expect(body.items.every((item: { nodeCode: string }) => item.nodeCode === COMMUNITY_A)).toBe(true);
    expect(JSON.stringify(body)).not.toContain(LINK_B);
  });

  it('limit a subdistrict admin to the subdistrict', async () => {
    const body = (await list(subdistrictAdminA)).json();
    expect(body.total).toBe(3);
  });

  it('narrow to a node inside the scope', async () => {
    const body = (await list(rootAdmin, `?nodeCode=${COMMUNITY_B}`)).json();
    expect(body.items.map((item: { id: string }) => item.id)).toEqual([sent[1]]);
  });

  it('return 404 for a node of another community', async () => {
    const response = await list(adminA, `?nodeCode=${COMMUNITY_B}`);
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'JURISDICTION_NOT_FOUND', field: 'nodeCode' });
  });

  it('offer no lookup by phone number', async () => {
    const response = await list(rootAdmin, '?phone=13800000002');
    // The validator drops unknown query parameters, so the number selects nothing.
    expect(response.statusCode).toBe(200);
    expect(response.json().total).toBe(4);
  });
});
