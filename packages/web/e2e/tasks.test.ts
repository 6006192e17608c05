import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, type ApiSession, createAccount } from './support/api.js';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

const COMMUNITY = '320508018014';

/**
 * A doctor on a phone takes a task that staff created for the doctor role,
 * starts it and completes it with a result note. The console then lists it
 * as done, and its detail drawer shows the note and the history.
 */
describe.skipIf(!chromiumAvailable)('tasks on a phone and in the console', () => {
  let server: RunningServer;
  let browser: Browser;
  let phone: BrowserContext;
  let page: Page;
  let admin: ApiSession;
  let taskId = '';
  let staffPassword = '';
  const doctorUsername = 'doctor.zhou';
  let doctorPassword = '';

  beforeAll(async () => {
    server = await startServer();
    admin = await adminSession(server);
    await admin.post('/api/jurisdictions/load', { code: '320508' });
    doctorPassword = await createAccount(server, admin, {
      username: doctorUsername,
      displayName: '周医生',
      role: 'doctor',
      nodeCode: COMMUNITY,
    });
    staffPassword = await createAccount(server, admin, {
      username: 'staff.wu',
      displayName: '吴社工',
      role: 'community_staff',
      nodeCode: COMMUNITY,
    });
    const task = await admin.post('/api/tasks', {
      title: '电话随访返苏人员',
      nodeCode: COMMUNITY,
      assigneeRole: 'doctor',
      dueAt: new Date(Date.now() + 3_600_000).toISOString(),
      details: '询问体温和症状',
    });
    taskId = String(task.id);

    browser = await launchChromium();
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' });
    await phone.addInitScript(() => window.localStorage.setItem('cordon.locale', 'en'));
    page = await phone.newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await admin?.api.dispose();
    await browser?.close();
    await server?.stop();
  });

  async function signIn(target: Page, username: string, password: string) {
    await target.goto(`${server.baseUrl}/sign-in`);
    await target.getByTestId('sign-in-username').fill(username);
    await target.getByTestId('sign-in-password').fill(password);
    await target.getByTestId('sign-in-submit').click();
    await target.waitForURL((url) => url.pathname !== '/sign-in');
  }

  it('doctor finds the task to take', async () => {
    await signIn(page, doctorUsername, doctorPassword);
    await page.goto(`${server.baseUrl}/m`);
    await page.getByTestId('mobile-open-tasks').click();
    const card = page.getByTestId(`my-task-${taskId}`);
    await card.waitFor();
    expect(await page.getByTestId('my-tasks-available').textContent()).toContain('电话随访返苏人员');
    expect(await card.textContent()).toContain('询问体温和症状');
  });

  it('doctor takes and starts the task', async () => {
    await page.getByTestId(`my-task-take-${taskId}`).click();
    await page.getByTestId(`my-task-start-${taskId}`).waitFor();
    expect(await page.getByTestId('my-tasks-mine').textContent()).toContain('电话随访返苏人员');

    await page.getByTestId(`my-task-start-${taskId}`).click();
    await expect.poll(() => page.getByTestId(`my-task-start-${taskId}`).count()).toBe(0);
    expect(await page.getByTestId(`my-task-${taskId}`).textContent()).toContain('In progress');
  });

  it('complete needs a result note', async () => {
    await page.getByTestId(`my-task-complete-${taskId}`).click();
    await expect.poll(() => page.getByTestId(`my-task-note-${taskId}`).textContent()).toContain('Enter the result note');

    await page.getByTestId(`my-task-note-${taskId}`).locator('textarea').fill('已电话随访，体温36.6，无症状');
    await page.getByTestId(`my-task-complete-${taskId}`).click();
    await page.getByTestId('my-tasks-empty').waitFor();
  });

  it('server stored the result', async () => {
    const stored = (await admin.get(`/api/tasks/${taskId}`)) as {
      status: string;
      resultNote: string;
      assigneeName: string;
      history: Array<{ action: string }>;
    };
    expect(stored.status).toBe('done');
    expect(stored.resultNote).toBe('已电话随访，体温36.6，无症状');
    expect(stored.assigneeName).toBe('周医生');
    expect(stored.history.map((entry) => entry.action)).toEqual(['task.create', 'task.update', 'task.start', 'task.complete']);
  });

  it('console lists the done task with its note', async () => {
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await desktop.addInitScript(() => window.localStorage.setItem('cordon.locale', 'en'));
    const consolePage = await desktop.newPage();
    consolePage.setDefaultTimeout(15_000);
    try {
      await signIn(consolePage, 'staff.wu', staffPassword);
      await consolePage.goto(`${server.baseUrl}/tasks`);
      await consolePage.getByTestId('task-table').waitFor();
      expect(await consolePage.getByTestId(`task-title-${taskId}`).count()).toBe(0);

      await consolePage.getByTestId('task-filter-status').click();
      await consolePage.getByTestId('task-filter-status-done').click();
      await consolePage.getByTestId('task-filter-submit').click();
      await consolePage.getByTestId(`task-title-${taskId}`).click();
      await expect.poll(() => consolePage.getByTestId('task-detail-status').textContent()).toContain('Done');
      expect(await consolePage.getByTestId('task-detail-result').textContent()).toBe('已电话随访，体温36.6，无症状');
      expect(await consolePage.getByTestId('task-history').textContent()).toContain('Completed');
      expect(new URL(consolePage.url()).searchParams.get('id')).toBe(taskId);
    } finally {
      await desktop.close();
    }
  });

  it('staff create a task in the console', async () => {
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await desktop.addInitScript(() => window.localStorage.setItem('cordon.locale', 'en'));
    const consolePage = await desktop.newPage();
    consolePage.setDefaultTimeout(15_000);
    try {
      await signIn(consolePage, 'staff.wu', staffPassword);
      await consolePage.goto(`${server.baseUrl}/tasks`);
      await consolePage.getByTestId('task-create').click();
      await consolePage.getByTestId('task-form-submit').click();
      await expect.poll(() => consolePage.getByTestId('task-form-dialog').textContent()).toContain('Enter the task');

      await consolePage.getByTestId('task-form-title').fill('发放居家隔离告知书');
      const dueAt = consolePage.getByTestId('task-form-due-at').locator('input');
      await dueAt.fill('2030-01-15 09:30');
      await dueAt.press('Enter');
      await consolePage.getByTestId('task-form-role').click();
      await consolePage.getByTestId('task-form-role-doctor').click();
      await consolePage.getByTestId('task-form-submit').click();

      await expect.poll(() => consolePage.getByTestId('task-drawer').textContent()).toContain('发放居家隔离告知书');
      const createdId = new URL(consolePage.url()).searchParams.get('id');
      const created = (await admin.get(`/api/tasks/${createdId}`)) as { nodeCode: string; assigneeRole: string; dueAt: string };
      // The form starts on the staff member's own community.
      expect(created.nodeCode).toBe(COMMUNITY);
      expect(created.assigneeRole).toBe('doctor');
      expect(created.dueAt.startsWith('2030-01-15')).toBe(true);
    } finally {
      await desktop.close();
    }
  });
});
