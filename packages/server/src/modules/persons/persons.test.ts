import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, COMMUNITY_B, createStaff, createTestGrid, loadGusu, SUBDISTRICT_A } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { testResidentId, testResidentIdEndingInX, toFullWidth, withWrongCheckDigit } from './test-helpers.js';

describeEachDatabase('person files', (kind) => {
  let t: TestApp;
  let admin: Session;
  let staffA: Session;
  let staffB: Session;
  let gridWorkerA: Session;
  let gateGuardA: Session;
  let gridA: string;
  let gridB: string;
  let placeA: string;
  let placeB: string;
  let personB: { id: string; documentNumber: string };

  const register = (session: Session | null, payload: unknown) =>
    request(t.app, session, { method: 'POST', url: '/api/persons', payload: payload as object, locale: 'en' });

  const readRow = (id: string) => t.ctx.db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  const countPersons = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('persons')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const auditRowsOf = (id: string) =>
    t.ctx.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'person').where('entity_id', '=', id).orderBy('seq').execute();

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    gridA = (await createTestGrid(t.ctx, COMMUNITY_A, '第一网格')).code;
    gridB = (await createTestGrid(t.ctx, COMMUNITY_B, '第一网格')).code;
    admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
    gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', gridA)).session;
    gateGuardA = (await createStaff(t.app, t.ctx, 'gate_guard', COMMUNITY_A)).session;

    const place = (session: Session, communityCode: string) =>
      request(t.app, session, {
        method: 'POST',
        url: '/api/addresses/places',
        payload: { communityCode, kind: 'shop', text: `平江路${communityCode.slice(-3)}号` },
      });
    placeA = (await place(staffA, COMMUNITY_A)).json().id;
    placeB = (await place(staffB, COMMUNITY_B)).json().id;

    const documentNumber = testResidentId(900);
    const response = await register(staffB, { name: '乙社区居民', documentNumber, phone: '13900009000', communityCode: COMMUNITY_B });
    personB = { id: response.json().person.id, documentNumber };
  });
  afterAll(async () => t.close());

  it('register requires a session', async () => {
    const response = await register(null, { name: '测试', documentNumber: testResidentId(1), communityCode: COMMUNITY_A });
    expect(response.statusCode).toBe(401);
  });

  it('register rejects each invalid field', async () => {
    const valid = { name: '张测试', documentNumber: testResidentId(2), communityCode: COMMUNITY_A };
    const cases = [
      {
        payload: { ...valid, documentNumber: withWrongCheckDigit(testResidentId(2)) },
        status: 400,
        code: 'ID_NUMBER_CHECKSUM_INVALID',
        field: 'documentNumber',
      },
      { payload: { ...valid, documentNumber: '4.20106E+17' }, status: 400, code: 'ID_NUMBER_EXCEL_MANGLED', field: 'documentNumber' },
      { payload: { ...valid, documentNumber: undefined }, status: 400, code: 'FIELD_REQUIRED', field: 'documentNumber' },
      { payload: { ...valid, name: '\u200b ' }, status: 400, code: 'FIELD_REQUIRED', field: 'name' },
      { payload: { ...valid, phone: '1390000' }, status: 400, code: 'PHONE_FORMAT_INVALID', field: 'phone' },
      { payload: { ...valid, arrivalDate: '2999-01-01' }, status: 400, code: 'DATE_IN_FUTURE', field: 'arrivalDate' },
      { payload: { ...valid, arrivalDate: '2026-02-30' }, status: 400, code: 'FIELD_FORMAT_INVALID', field: 'arrivalDate' },
      { payload: { ...valid, keyPerson: true }, status: 400, code: 'PERSON_MARKER_REASON_REQUIRED', field: 'keyPersonReason' },
      {
        payload: { ...valid, closeContact: true, closeContactReason: ' ' },
        status: 400,
        code: 'PERSON_MARKER_REASON_REQUIRED',
        field: 'closeContactReason',
      },
      { payload: { ...valid, originRegionCode: '32a5' }, status: 400, code: 'REGION_CODE_INVALID', field: 'originRegionCode' },
      { payload: { ...valid, travelMode: 'ship' }, status: 400, code: 'FIELD_NOT_ALLOWED', field: 'travelMode' },
      { payload: { ...valid, nationality: 'cn' }, status: 400, code: 'FIELD_FORMAT_INVALID', field: 'nationality' },
      { payload: { ...valid, communityCode: SUBDISTRICT_A }, status: 400, code: 'JURISDICTION_LEVEL_INVALID', field: 'communityCode' },
      { payload: { ...valid, gridCode: gridB }, status: 400, code: 'GRID_NOT_IN_COMMUNITY', field: 'gridCode' },
      { payload: { ...valid, placeId: placeB }, status: 400, code: 'ADDRESS_NOT_IN_COMMUNITY', field: 'placeId' },
      { payload: { ...valid, roomId: '00000000-0000-4000-8000-000000000000' }, status: 404, code: 'ROOM_NOT_FOUND', field: 'roomId' },
      { payload: { ...valid, notes: '备'.repeat(1001) }, status: 400, code: 'FIELD_TOO_LONG', field: 'notes' },
      { payload: { ...valid, notes: 42 }, status: 400, code: 'FIELD_TYPE_INVALID', field: 'notes' },
    ];
    const before = await countPersons();
    for (const testCase of cases) {
      const response = await register(admin, testCase.payload);
      const label = JSON.stringify(testCase.payload);
      expect(response.statusCode, label).toBe(testCase.status);
      expect(response.json().error.code, label).toBe(testCase.code);
      expect(response.json().error.field, label).toBe(testCase.field);
      expect(response.json().error.message, label).not.toBe(testCase.code);
    }
    expect(await countPersons()).toBe(before);
  });

  it('gate guards cannot register', async () => {
    const response = await register(gateGuardA, { name: '门卫登记', documentNumber: testResidentId(3), communityCode: COMMUNITY_A });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
  });

  it('hq cannot reveal a number', async () => {
    const hq = (await createStaff(t.app, t.ctx, 'hq', 'CN')).session;
    const response = await request(t.app, hq, {
      method: 'POST',
      url: `/api/persons/${personB.id}/reveal`,
      payload: { field: 'documentNumber', reason: '核对身份' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('cannot reach a person of another community', async () => {
    const attempts = [
      { method: 'GET' as const, url: `/api/persons/${personB.id}` },
      { method: 'PATCH' as const, url: `/api/persons/${personB.id}`, payload: { name: '改名' } },
      { method: 'POST' as const, url: `/api/persons/${personB.id}/reveal`, payload: { field: 'phone', reason: '电话回访' } },
      { method: 'GET' as const, url: `/api/persons/${personB.id}/history` },
    ];
    const before = await readRow(personB.id);
    for (const attempt of attempts) {
      const response = await request(t.app, staffA, attempt);
      expect(response.statusCode, attempt.url).toBe(404);
      expect(response.json().error.code, attempt.url).toBe('PERSON_NOT_FOUND');
    }
    expect(await readRow(personB.id)).toEqual(before);
    expect((await auditRowsOf(personB.id)).map((row) => row.action)).toEqual(['person.create']);
  });

  it('register stores only ciphertext and masked values', async () => {
    const documentNumber = testResidentId(10, '19920229');
    const response = await register(staffA, {
      name: ' 王 测试 ',
      documentNumber,
      phone: '13800001234',
      communityCode: COMMUNITY_A,
      placeId: placeA,
      householdRole: 'tenant',
      originRegionCode: '420106',
      arrivalDate: '2026-01-20',
      travelMode: 'train',
      travelNumber: 'G7001',
      keyPerson: true,
      keyPersonReason: '来自重点地区',
    });
    expect(response.statusCode).toBe(201);
    const { person, created } = response.json();
    expect(created).toBe(true);
    expect(person).toMatchObject({
      name: '王 测试',
      documentType: 'resident_id',
      documentMasked: `${documentNumber.slice(0, 4)}**********${documentNumber.slice(-4)}`,
      phoneMasked: '138****1234',
      birthDate: '1992-02-29',
      communityCode: COMMUNITY_A,
      placeId: placeA,
      addressText: '平江路014号',
      nationality: 'CHN',
      documentRegionCode: '320508',
      originRegionCode: '420106',
      keyPerson: true,
      keyPersonReason: '来自重点地区',
      closeContact: false,
      source: 'manual',
    });
    expect(person.documentRegionName).toContain('姑苏区');
    expect(person.originRegionName).toContain('武汉市');
    expect(JSON.stringify(person)).not.toContain(documentNumber);
    expect(JSON.stringify(person)).not.toContain('13800001234');

    const row = await readRow(person.id);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(documentNumber);
    expect(stored).not.toContain(documentNumber.slice(6, 14));
    expect(stored).not.toContain('13800001234');
    expect(row.document_number_enc).toMatch(/^v1:/);
    expect(row.phone_enc).toMatch(/^v1:/);

    const audit = await auditRowsOf(person.id);
    expect(audit.map((entry) => entry.action)).toEqual(['person.create']);
    expect(JSON.stringify(audit)).not.toContain(documentNumber);
  });

  it('second registration of a document updates the file', async () => {
    const documentNumber = testResidentIdEndingInX(20);
    const first = await register(staffA, { name: '李测试', documentNumber, communityCode: COMMUNITY_A });
    expect(first.statusCode).toBe(201);
    const id = first.json().person.id;

    const variants = [
      documentNumber.toLowerCase(),
      toFullWidth(documentNumber),
      `${documentNumber.slice(0, 6)} ${documentNumber.slice(6, 14)} ${documentNumber.slice(14)}`,
    ];
    for (const [index, variant] of variants.entries()) {
      const response = await register(staffA, {
        name: '李测试',
        documentNumber: variant,
        phone: `1380000${5000 + index}`,
        communityCode: COMMUNITY_A,
      });
      expect(response.statusCode, variant).toBe(200);
      expect(response.json().created, variant).toBe(false);
      expect(response.json().person.id, variant).toBe(id);
    }

    const rows = await t.ctx.db
      .selectFrom('persons')
      .select('id')
      .where('document_index', '=', (await readRow(id)).document_index)
      .execute();
    expect(rows).toHaveLength(1);
    const audit = await auditRowsOf(id);
    expect(audit.map((entry) => [entry.action, JSON.parse(entry.fields)])).toEqual([
      ['person.create', ['name', 'documentType', 'documentNumber', 'nationality', 'preferredLanguage', 'communityCode']],
      ['person.update', ['phone']],
      ['person.update', ['phone']],
      ['person.update', ['phone']],
    ]);
  });

  it('document registered elsewhere answers 409', async () => {
    const before = await readRow(personB.id);
    const response = await register(staffA, {
      name: '冒名',
      documentNumber: personB.documentNumber,
      phone: '13700000000',
      communityCode: COMMUNITY_A,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'PERSON_EXISTS_ELSEWHERE', field: 'documentNumber' });
    expect(response.body).not.toContain(personB.id);
    expect(response.body).not.toContain('乙社区居民');
    expect(response.body).not.toContain(COMMUNITY_B);
    expect(await readRow(personB.id)).toEqual(before);
  });

  it('grid worker registers in the grid', async () => {
    const response = await register(gridWorkerA, {
      name: '网格登记',
      documentNumber: testResidentId(30),
      communityCode: COMMUNITY_A,
      gridCode: gridA,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().person.gridCode).toBe(gridA);

    const outside = await register(gridWorkerA, { name: '网格外', documentNumber: testResidentId(31), communityCode: COMMUNITY_A });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error).toMatchObject({ code: 'JURISDICTION_NOT_FOUND', field: 'communityCode' });
  });

  it('patch audits changed field names only', async () => {
    const created = await register(staffA, { name: '赵测试', documentNumber: testResidentId(40), communityCode: COMMUNITY_A });
    const id = created.json().person.id;

    const invalid = await request(t.app, staffA, {
      method: 'PATCH',
      url: `/api/persons/${id}`,
      payload: { closeContact: true },
      locale: 'en',
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error).toMatchObject({ code: 'PERSON_MARKER_REASON_REQUIRED', field: 'closeContactReason' });

    const response = await request(t.app, staffA, {
      method: 'PATCH',
      url: `/api/persons/${id}`,
      payload: { name: '赵测试', arrivalDate: '2026-02-01', travelMode: 'flight', travelNumber: 'MU5101' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ arrivalDate: '2026-02-01', travelMode: 'flight', travelNumber: 'MU5101' });

    const audit = await auditRowsOf(id);
    expect(audit.map((entry) => entry.action)).toEqual(['person.create', 'person.update']);
    expect(JSON.parse(audit[1]?.fields ?? '[]')).toEqual(['arrivalDate', 'travelMode', 'travelNumber']);
    expect(JSON.stringify(audit)).not.toContain('MU5101');
  });

  it('notes are cleaned, kept and cleared', async () => {
    const created = await register(staffA, {
      name: '钱备注',
      documentNumber: testResidentId(45),
      communityCode: COMMUNITY_A,
      notes: ' \u200b\r\n  独居老人\u200b，\t需送药  \r\n\r\n\r\n 女儿在外地\n\n',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().person.id;
    expect(created.json().person.notes).toBe('独居老人， 需送药\n\n女儿在外地');
    expect((await readRow(id)).notes).toBe('独居老人， 需送药\n\n女儿在外地');

    const patch = (payload: object) => request(t.app, staffA, { method: 'PATCH', url: `/api/persons/${id}`, payload, locale: 'en' });
    const longest = '备'.repeat(1000);
    const replaced = await patch({ notes: longest });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().notes).toBe(longest);

    const unchanged = await patch({ name: '钱备注' });
    expect(unchanged.json().notes).toBe(longest);

    const blank = await patch({ notes: ' \n\u3000\n' });
    expect(blank.statusCode).toBe(200);
    expect(blank.json().notes).toBeNull();

    await patch({ notes: '需送药' });
    const cleared = await patch({ notes: null });
    expect(cleared.json().notes).toBeNull();
    expect((await readRow(id)).notes).toBeNull();

    const audit = await auditRowsOf(id);
    expect(audit.map((entry) => entry.action)).toEqual([
      'person.create',
      'person.update',
      'person.update',
      'person.update',
      'person.update',
    ]);
    expect(JSON.parse(audit[0]?.fields ?? '[]')).toContain('notes');
    for (const entry of audit.slice(1)) expect(JSON.parse(entry.fields)).toEqual(['notes']);
    expect(JSON.stringify(audit)).not.toContain('送药');
  });

  it('notes of another community stay unchanged', async () => {
    const response = await request(t.app, staffA, { method: 'PATCH', url: `/api/persons/${personB.id}`, payload: { notes: '越权备注' } });
    expect(response.statusCode).toBe(404);
    expect((await readRow(personB.id)).notes).toBeNull();
  });

  it('patch of the document keeps one file per document', async () => {
    const other = await register(staffA, { name: '周其他', documentNumber: testResidentId(60), communityCode: COMMUNITY_A });
    const created = await register(staffA, {
      name: '周测试',
      documentNumber: testResidentId(61),
      communityCode: COMMUNITY_A,
      placeId: placeA,
    });
    const id = created.json().person.id;
    const patch = (payload: object) => request(t.app, admin, { method: 'PATCH', url: `/api/persons/${id}`, payload, locale: 'en' });

    const taken = await patch({ documentNumber: testResidentId(60) });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'PERSON_DOCUMENT_TAKEN', field: 'documentNumber' });
    expect(other.statusCode).toBe(201);

    const renumbered = await patch({ documentNumber: toFullWidth(testResidentId(62)) });
    expect(renumbered.statusCode).toBe(200);
    expect(renumbered.json().documentMasked.endsWith(testResidentId(62).slice(-4))).toBe(true);

    // Moving to another community drops the place of the old one.
    const moved = await patch({ communityCode: COMMUNITY_B });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ communityCode: COMMUNITY_B, placeId: null, addressText: null });

    const audit = await auditRowsOf(id);
    expect(audit.map((entry) => JSON.parse(entry.fields))).toEqual([
      ['name', 'documentType', 'documentNumber', 'nationality', 'preferredLanguage', 'communityCode', 'placeId'],
      ['documentNumber'],
      ['communityCode', 'placeId'],
    ]);
    expect(await readRow(id)).toMatchObject({ document_index: expect.any(String), community_code: COMMUNITY_B, place_id: null });
  });

  it('list shows masked values and finds by name, document or phone', async () => {
    const documentNumber = testResidentId(50);
    await register(staffA, {
      name: '钱列表',
      documentNumber,
      phone: '13600006000',
      communityCode: COMMUNITY_A,
      closeContact: true,
      closeContactReason: '同车',
    });

    const all = await request(t.app, staffA, { method: 'GET', url: '/api/persons?pageSize=200' });
    expect(all.statusCode).toBe(200);
    expect(all.json().items.length).toBeGreaterThan(1);
    expect(all.json().items.every((item: { communityCode: string }) => item.communityCode === COMMUNITY_A)).toBe(true);
    expect(all.body).not.toMatch(/\d{17}[\dX]/);
    expect(all.body).not.toContain('13600006000');

    // A name matches from its beginning, through the index: the surname, or the surname and more.
    const searches = [
      `q=${encodeURIComponent('钱列')}`,
      `q=${encodeURIComponent(documentNumber.toLowerCase())}`,
      `q=${encodeURIComponent(toFullWidth(documentNumber))}`,
      `q=${encodeURIComponent('136-0000-6000')}`,
      'closeContact=true',
    ];
    for (const search of searches) {
      const response = await request(t.app, staffA, { method: 'GET', url: `/api/persons?${search}` });
      expect(response.statusCode, search).toBe(200);
      expect(response.json().total, search).toBe(1);
      expect(response.json().items[0], search).toMatchObject({
        name: '钱列表',
        phoneMasked: '136****6000',
        closeContact: true,
        communityName: expect.any(String),
      });
      expect(Object.keys(response.json().items[0]), search).not.toContain('documentNumber');
    }

    const middleOfName = await request(t.app, staffA, { method: 'GET', url: `/api/persons?q=${encodeURIComponent('列表')}` });
    expect(middleOfName.json().total).toBe(0);
    const wildcards = await request(t.app, staffA, { method: 'GET', url: `/api/persons?q=${encodeURIComponent('钱*')}` });
    expect(wildcards.json().total).toBe(0);

    const otherCommunity = await request(t.app, staffB, { method: 'GET', url: `/api/persons?q=${documentNumber}` });
    expect(otherCommunity.json().total).toBe(0);
  });
});
