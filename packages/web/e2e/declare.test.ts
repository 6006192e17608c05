import { readFileSync } from 'node:fs';
import { type APIRequestContext, type Browser, type BrowserContext, type Page, request as playwrightRequest } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPassword, residentId } from './support/api.js';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

// 姑苏区 → 平江街道 → one of its communities.
const DISTRICT = '320508';
const COMMUNITY = '320508018014';

/**
 * One window over the whole day, so that every step runs inside an open window at any time of day.
 * NOTE: a run across midnight in China would put an edit into the next day's window.
 */
const WHOLE_DAY = { start: '00:00', end: '24:00' };

const LOCALES = ['zh-CN', 'en', 'ja', 'ko'] as const;
type Locale = (typeof LOCALES)[number];
type Tree = { [key: string]: string | Tree };

const declareMessages = Object.fromEntries(
  LOCALES.map((locale) => {
    const file = new URL(`../src/locales/${locale}/declare.json`, import.meta.url);
    return [locale, JSON.parse(readFileSync(file, 'utf8')) as Tree];
  }),
) as Record<Locale, Tree>;

/** Returns the page's text for a declare.json key, with {placeholders} filled as vue-i18n fills them. */
function text(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  let node: string | Tree | undefined = declareMessages[locale];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`declare.${key} is missing in ${locale}`);
  return node.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
}

interface Session {
  api: APIRequestContext;
  send(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, data?: unknown): Promise<Record<string, unknown>>;
}

async function signIn(baseUrl: string, username: string, password: string): Promise<Session> {
  const api = await playwrightRequest.newContext({ baseURL: baseUrl });
  const response = await api.post('/api/auth/sign-in', { data: { username, password } });
  if (!response.ok()) throw new Error(`sign-in of ${username} failed with ${response.status()}`);
  const csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken;

  const send: Session['send'] = async (method, path, data) => {
    const result = await api.fetch(path, { method, data: data as object | undefined, headers: { 'x-csrf-token': csrfToken } });
    if (!result.ok()) throw new Error(`${method} ${path} failed with ${result.status()}: ${await result.text()}`);
    const body = await result.text();
    return (body === '' ? {} : JSON.parse(body)) as Record<string, unknown>;
  };
  return { api, send };
}

/** Signs in with a one-time password and replaces it, as every new account must before it works. */
async function signInFirstTime(baseUrl: string, username: string, oneTimePassword: string): Promise<Session> {
  const session = await signIn(baseUrl, username, oneTimePassword);
  await session.send('POST', '/api/auth/password', { currentPassword: oneTimePassword, newPassword: newPassword() });
  return session;
}

/**
 * A resident declares temperature and symptoms on a phone, from a personal
 * link in each of the four languages. A fever brings the doctor's message,
 * and the declaration is then edited inside the window. The phone number and
 * a one-time code work for one person and for a family sharing one phone,
 * and a link that staff revoked leads to the code page. Staff set up persons
 * and links through the API, and the tests read link tokens and codes from
 * the SMS outbox as an operator would.
 */
describe.skipIf(!chromiumAvailable)('resident declaration on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Session;
  let staff: Session;
  const contexts: BrowserContext[] = [];
  /** Outbox messages already read, so each lookup takes the message that the last step sent. */
  const readMessageIds = new Set<string>();
  let personSerial = 0;

  beforeAll(async () => {
    server = await startServer();
    admin = await signInFirstTime(server.baseUrl, 'admin', server.adminPassword);
    await admin.send('POST', '/api/jurisdictions/load', { code: DISTRICT });
    await admin.send('PUT', '/api/declarations/settings', { windows: [WHOLE_DAY] });

    const created = await admin.send('POST', '/api/users', {
      username: 'community.zhou',
      displayName: '周社区',
      role: 'community_staff',
      nodeCode: COMMUNITY,
    });
    staff = await signInFirstTime(server.baseUrl, 'community.zhou', String(created.temporaryPassword));

    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await staff?.api.dispose();
    await admin?.api.dispose();
    await browser?.close();
    await server?.stop();
  });

  /** Registers a person of the community with a made-up ID number and returns the person's id. */
  async function registerResident(fields: { name: string; phone: string; preferredLanguage?: Locale }): Promise<string> {
    personSerial += 1;
    const documentNumber = residentId(`32050819900101${String(100 + personSerial)}`);
    const registered = await staff.send('POST', '/api/persons', { ...fields, documentNumber, communityCode: COMMUNITY });
    return String((registered.person as { id: string }).id);
  }

  /** Returns the body of the newest outbox message of a template that no earlier step has read. */
  async function nextOutboxBody(template: 'declaration_link' | 'declaration_code'): Promise<string> {
    const list = (await admin.send('GET', `/api/sms/outbox?template=${template}&pageSize=20`)) as {
      items: Array<{ id: string; body: string }>;
    };
    const message = list.items.find((item) => !readMessageIds.has(item.id));
    if (!message) throw new Error(`no new ${template} message in the outbox`);
    readMessageIds.add(message.id);
    return message.body;
  }

  /** Sends a personal link by SMS and returns the link's id and the token from the message. */
  async function sendLink(personId: string): Promise<{ linkId: string; token: string }> {
    const link = await staff.send('POST', '/api/declarations/links', { personId });
    const token = /\/d\/([\w-]+)/.exec(await nextOutboxBody('declaration_link'))?.[1];
    if (!token) throw new Error('the declaration_link message has no /d/<token> URL');
    return { linkId: String(link.id), token };
  }

  /** Opens a phone-sized browser with its own storage, and records the Accept-Language of every public API call. */
  async function openPhone(browserLocale: string): Promise<{ page: Page; acceptLanguages: string[] }> {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: browserLocale,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const acceptLanguages: string[] = [];
    page.on('request', (sent) => {
      if (new URL(sent.url()).pathname.startsWith('/api/public/declare/')) acceptLanguages.push(sent.headers()['accept-language'] ?? '');
    });
    return { page, acceptLanguages };
  }

  async function fillDeclaration(page: Page, temperature: string, symptoms: string[]): Promise<void> {
    await page.getByTestId('declare-temperature').locator('input').fill(temperature);
    for (const symptom of symptoms) await page.getByTestId(`declare-symptom-${symptom}`).click();
  }

  async function submitDeclaration(page: Page): Promise<void> {
    await page.getByTestId('declare-submit').click();
    await page.getByTestId('declare-done').waitFor();
  }

  /** Declares 36.6 °C without symptoms from an open link page and checks every text of the way in `locale`. */
  async function declareNormally(page: Page, locale: Locale, maskedName: string): Promise<void> {
    expect(await page.getByTestId('declare-greeting').textContent()).toBe(text(locale, 'greeting', { name: maskedName }));
    expect(await page.getByTestId('declare-window').getAttribute('data-phase')).toBe('open');
    expect(await page.getByTestId('declare-window').textContent()).toContain(text(locale, 'window.open', WHOLE_DAY));
    expect(await page.getByTestId('declare-temperature-range').textContent()).toBe(
      text(locale, 'form.temperatureHint', { min: '35.0', max: '42.0' }),
    );
    expect(await page.getByTestId('declare-symptom-none').textContent()).toContain(text(locale, 'symptoms.none'));
    // Nothing is wider than the 360 px screen, so the page never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await fillDeclaration(page, '36.6', ['none']);
    await submitDeclaration(page);

    expect(await page.getByTestId('declare-done-title').textContent()).toBe(text(locale, 'success.created'));
    expect(await page.getByTestId('declare-done-normal').textContent()).toBe(text(locale, 'success.normal'));
    expect(await page.getByTestId('declare-done-doctor').count()).toBe(0);
    expect(await page.getByTestId('declare-done').getAttribute('data-abnormal')).toBe('false');
  }

  it('declares from a link in zh-CN', async () => {
    const personId = await registerResident({ name: '张三丰', phone: '13900001001' });
    const { token } = await sendLink(personId);
    const { page, acceptLanguages } = await openPhone('zh-CN');

    await page.goto(`${server.baseUrl}/d/${token}`);
    await page.getByTestId('declare-greeting').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await declareNormally(page, 'zh-CN', '张**');
    expect(new Set(acceptLanguages)).toEqual(new Set(['zh-CN']));
  });

  it('declares in en chosen by ?lang=', async () => {
    // The address wins over both the person file (ja) and the browser (ko).
    const personId = await registerResident({ name: 'Maria Lopez', phone: '13900001002', preferredLanguage: 'ja' });
    const { token } = await sendLink(personId);
    const { page, acceptLanguages } = await openPhone('ko-KR');

    await page.goto(`${server.baseUrl}/d/${token}?lang=en`);
    await page.getByTestId('declare-greeting').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await declareNormally(page, 'en', 'M**** *****');
    expect(new Set(acceptLanguages)).toEqual(new Set(['en']));
  });

  it('declares in ja from the person file', async () => {
    const personId = await registerResident({ name: '山田花子', phone: '13900001003', preferredLanguage: 'ja' });
    const { token } = await sendLink(personId);
    const { page, acceptLanguages } = await openPhone('en-US');

    await page.goto(`${server.baseUrl}/d/${token}`);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await declareNormally(page, 'ja', '山***');
    // The link lookup itself goes out before the person's language is known.
    expect(acceptLanguages.slice(1)).toEqual(acceptLanguages.slice(1).map(() => 'ja'));
  });

  it('declares in ko through the switch', async () => {
    const personId = await registerResident({ name: '김민준', phone: '13900001004' });
    const { token } = await sendLink(personId);
    const { page, acceptLanguages } = await openPhone('zh-CN');

    await page.goto(`${server.baseUrl}/d/${token}`);
    await page.getByTestId('declare-greeting').waitFor();
    await page.getByTestId('public-locale-ko').click();
    expect(await page.getByTestId('public-locale-ko').getAttribute('aria-pressed')).toBe('true');
    await declareNormally(page, 'ko', '김**');
    expect(acceptLanguages.at(-1)).toBe('ko');

    // The switch is saved, so the page opens in Korean again and shows the declaration made.
    await page.reload();
    await page.getByTestId('declare-summary').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
    expect(await page.getByTestId('declare-summary-temperature').textContent()).toContain(
      text('ko', 'declaration.temperature', { value: '36.6' }),
    );
  });

  it('checks the form as the resident types', async () => {
    const personId = await registerResident({ name: '王小明', phone: '13900001005', preferredLanguage: 'en' });
    const { token } = await sendLink(personId);
    const { page } = await openPhone('en-US');
    await page.goto(`${server.baseUrl}/d/${token}`);

    const temperature = page.getByTestId('declare-temperature');
    const range = { min: '35.0', max: '42.0' };
    await temperature.locator('input').fill('43');
    await expect
      .poll(() => temperature.locator('.van-field__error-message').textContent())
      .toBe(text('en', 'form.temperatureOutOfRange', range));
    await temperature.locator('input').fill('36,6');
    await expect
      .poll(() => temperature.locator('.van-field__error-message').textContent())
      .toBe(text('en', 'form.temperatureInvalid', range));
    // Full-width digits, as a Chinese input method types them, are a valid temperature.
    await temperature.locator('input').fill('３６．８');
    expect(await temperature.locator('.van-field__error-message').count()).toBe(0);

    await page.getByTestId('declare-symptom-cough').click();
    await page.getByTestId('declare-symptom-none').click();
    expect(await page.getByTestId('declare-symptom-cough').getAttribute('data-checked')).toBe('false');
    await page.getByTestId('declare-symptom-fatigue').click();
    expect(await page.getByTestId('declare-symptom-none').getAttribute('data-checked')).toBe('false');
    await page.getByTestId('declare-symptom-fatigue').click();

    await page.getByTestId('declare-submit').click();
    expect(await page.getByTestId('declare-symptoms-error').textContent()).toBe(text('en', 'form.symptomsRequired'));
    expect(await page.getByTestId('declare-done').count()).toBe(0);
  });

  it('fever declaration brings the doctor message, then an edit', async () => {
    const personId = await registerResident({ name: 'Tom Baker', phone: '13900001006', preferredLanguage: 'en' });
    const { token } = await sendLink(personId);
    const { page } = await openPhone('en-US');
    await page.goto(`${server.baseUrl}/d/${token}`);

    await fillDeclaration(page, '38.2', ['fever', 'cough']);
    await submitDeclaration(page);
    expect(await page.getByTestId('declare-done').getAttribute('data-abnormal')).toBe('true');
    expect(await page.getByTestId('declare-done-doctor').textContent()).toBe(text('en', 'success.abnormal'));

    // Inside the window the declaration can change: the form opens with what was sent.
    await page.getByTestId('declare-done-edit').click();
    const temperatureInput = page.getByTestId('declare-temperature').locator('input');
    await expect.poll(() => temperatureInput.inputValue()).toBe('38.2');
    expect(await page.getByTestId('declare-symptom-fever').getAttribute('data-checked')).toBe('true');

    await temperatureInput.fill('36.7');
    await page.getByTestId('declare-symptom-none').click();
    await submitDeclaration(page);
    expect(await page.getByTestId('declare-done-title').textContent()).toBe(text('en', 'success.updated'));
    expect(await page.getByTestId('declare-done-normal').textContent()).toBe(text('en', 'success.normal'));

    await page.reload();
    await page.getByTestId('declare-summary').waitFor();
    expect(await page.getByTestId('declare-summary-temperature').textContent()).toContain(
      text('en', 'declaration.temperature', { value: '36.7' }),
    );
    expect(await page.getByTestId('declare-summary-symptoms').textContent()).toBe(text('en', 'symptoms.none'));
    expect(await page.getByTestId('declare-edit').isVisible()).toBe(true);
  });

  it('declares with phone number and code', async () => {
    const phone = '13900001007';
    await registerResident({ name: 'Anna Schmidt', phone, preferredLanguage: 'en' });
    const { page } = await openPhone('en-US');
    await page.goto(`${server.baseUrl}/d?lang=en`);

    await page.getByTestId('declare-phone').locator('input').fill(phone);
    await page.getByTestId('declare-send-code').click();
    await page.getByTestId('declare-code-sent').waitFor();
    expect(await page.getByTestId('declare-send-code').isDisabled()).toBe(true);
    const code = /\d{6}/.exec(await nextOutboxBody('declaration_code'))?.[0] ?? '';
    expect(code).toMatch(/^\d{6}$/);

    // A wrong code gets the server's message, in English, next to the code field.
    const wrongCode = code.replace(/\d$/, (digit) => String((Number(digit) + 1) % 10));
    await page.getByTestId('declare-code').locator('input').fill(wrongCode);
    const rejected = page.waitForResponse((response) => response.url().endsWith('/api/public/declare/code/verify'));
    await page.getByTestId('declare-verify').click();
    const rejection = await rejected;
    expect(rejection.status()).toBe(400);
    expect(rejection.headers()['content-language']).toBe('en');
    const serverMessage = ((await rejection.json()) as { error: { message: string } }).error.message;
    await expect.poll(() => page.getByTestId('declare-code').locator('.van-field__error-message').textContent()).toBe(serverMessage);

    await page.getByTestId('declare-code').locator('input').fill(code);
    await page.getByTestId('declare-verify').click();
    await page.getByTestId('declare-greeting').waitFor();
    await declareNormally(page, 'en', 'A*** *******');
    expect(new URL(page.url()).pathname).toBe('/d');
  });

  it('family sharing a phone chooses who declares', async () => {
    const phone = '13900001008';
    await registerResident({ name: '陈大文', phone });
    await registerResident({ name: '林小文', phone });
    const { page } = await openPhone('zh-CN');
    await page.goto(`${server.baseUrl}/d`);

    await page.getByTestId('declare-phone').locator('input').fill(phone);
    await page.getByTestId('declare-send-code').click();
    await page.getByTestId('declare-code-sent').waitFor();
    const code = /\d{6}/.exec(await nextOutboxBody('declaration_code'))?.[0] ?? '';
    await page.getByTestId('declare-code').locator('input').fill(code);
    await page.getByTestId('declare-verify').click();

    await page.getByTestId('declare-persons').waitFor();
    const names = await page.getByTestId('declare-persons').locator('.van-cell__title').allTextContents();
    expect(names.map((name) => name.trim()).sort()).toEqual(['林**', '陈**']);

    for (const name of names) {
      await page.getByTestId('declare-persons').getByText(name.trim(), { exact: true }).click();
      await page.getByTestId('declare-greeting').waitFor();
      expect(await page.getByTestId('declare-greeting').textContent()).toBe(text('zh-CN', 'greeting', { name: name.trim() }));
      await fillDeclaration(page, '36.5', ['none']);
      await submitDeclaration(page);
      if (name === names[0]) await page.getByTestId('declare-done-another').click();
    }
    expect(await page.getByTestId('declare-done-title').textContent()).toBe(text('zh-CN', 'success.created'));
  });

  it('revoked link shows the way to a new one', async () => {
    const personId = await registerResident({ name: '赵六', phone: '13900001009' });
    const { linkId, token } = await sendLink(personId);
    await staff.send('DELETE', `/api/declarations/links/${linkId}`);
    const { page } = await openPhone('ja-JP');

    await page.goto(`${server.baseUrl}/d/${token}`);
    await page.getByTestId('declare-invalid').waitFor();
    expect(await page.getByTestId('declare-invalid').textContent()).toContain(text('ja', 'invalid.body'));
    expect(await page.getByTestId('declare-form-error').count()).toBe(0);

    await page.getByTestId('declare-use-code').click();
    await page.getByTestId('declare-code-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/d');
  });

  it('unknown token shows the same page', async () => {
    const { page } = await openPhone('zh-CN');
    await page.goto(`${server.baseUrl}/d/not-a-real-token?lang=ko`);
    await page.getByTestId('declare-invalid').waitFor();
    expect(await page.getByTestId('declare-invalid').textContent()).toContain(text('ko', 'invalid.title'));
  });
});
