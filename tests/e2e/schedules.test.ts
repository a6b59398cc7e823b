/**
 * Schedules end to end: the built headless app in Chromium against the JSMS and EIMS simulators.
 * Schedules of every kind are created through the bridge (a local one that fires for real within a
 * minute, a JSMS batch over 1000 recipients, an EIMS job); the real renderer lists them with next run,
 * provider clock and last result, creates one from its form, and shows JSMS's msg_ids — en and zh.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocalDateTime } from '../../src/shared/zoned-time.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startEimsSim, type EimsSim } from '../sim/eims.ts';
import { startJsmsSim, type JsmsSim } from '../sim/jsms.ts';
import { browserAvailable, launchChromium, screenshotPath } from './support/browser.ts';
import { bridgeCall, startHeadless, type HeadlessApp } from './support/headless-process.ts';

const run = browserAvailable();
const mobiles = (n: number, start = 0) => Array.from({ length: n }, (_, i) => `139${String(10_000_000 + start + i).slice(-8)}`);

describe.runIf(run)('schedules in the real renderer', () => {
  const tmp = makeTempDir('sms-e2e-schedules-');
  let eims: EimsSim;
  let jsms: JsmsSim;
  let app: HeadlessApp;
  let browser: Browser;
  let page: Page;
  let eimsId = '';
  let jsmsId = '';
  const errors: string[] = [];

  const shot = (name: string) => page.screenshot({ path: screenshotPath(`schedules-${name}`), fullPage: true });
  const call = async (name: string, input?: unknown) => {
    const res = await bridgeCall(app, name, input);
    expect(res.ok, JSON.stringify(res.error)).toBe(true);
    return res.value as Record<string, unknown>;
  };

  beforeAll(async () => {
    eims = await startEimsSim({ balance: 1000 });
    jsms = await startJsmsSim();
    app = await startHeadless(join(tmp.dir, 'data'));
    eimsId = (await call('accountsCreate', { config: { kind: 'eims', name: 'EIMS sim', baseUrl: eims.url, account: 'demo', encrypted: false }, secrets: { password: 'demo-password' } })).id as string;
    jsmsId = (await call('accountsCreate', { config: { kind: 'jsms', name: 'JSMS sim', baseUrl: jsms.url, appKey: 'demo-app-key' }, secrets: { masterSecret: 'demo-master-secret' } })).id as string;
    // The receiver serves the EIMS numbers file; a free port so parallel runs do not collide on the default.
    const receiver = await call('receiverConfigure', { host: '127.0.0.1', port: 0 });
    expect(receiver.state).toBe('listening');
    const zone = 'Europe/Berlin';
    const now = Date.now();
    // Fires within a minute: every minute from this minute on.
    await call('scheduleCreate', {
      kind: 'local',
      draft: { name: 'Minute check', accountId: eimsId, content: { mode: 'text', body: 'Ping' }, recipients: { listIds: [], pasted: '13800138001' } },
      when: { zone, repeat: { kind: 'every', every: 1, unit: 'minutes', from: formatLocalDateTime(now - 60_000, zone) }, maxRuns: 3 },
      missedPolicy: 'skip',
    });
    await call('scheduleCreate', {
      kind: 'local',
      draft: { name: 'Month-end report', accountId: eimsId, content: { mode: 'text', body: 'Your monthly statement is ready.' }, recipients: { listIds: [], pasted: '13800138002\n13800138003' } },
      when: { zone: 'America/New_York', repeat: { kind: 'monthly', time: '02:30', day: 31 }, endDate: '2027-12-31' },
      missedPolicy: 'run-once',
    });
    await call('scheduleCreate', {
      kind: 'jsms',
      draft: { name: 'Shipping notice', accountId: jsmsId, content: { mode: 'template', tempId: 2, params: { name: 'customer', order: 'A-1' } }, recipients: { listIds: [], pasted: mobiles(1500).join('\n') } },
      at: formatLocalDateTime(now + 2 * 86_400_000, zone).slice(0, 11) + '09:30',
      zone,
    });
    await call('scheduleCreate', {
      kind: 'eims',
      eims: { mode: 'job', draft: { name: 'Nightly promo', accountId: eimsId, content: { mode: 'text', body: 'Night sale' }, recipients: { listIds: [], pasted: mobiles(600, 5000).join('\n') } }, zone, job: { jobName: 'nightly', jobType: 'weekly', hour: 21, min: 0, week: 5 } },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('pageerror', (e) => errors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await eims?.close();
    await jsms?.close();
    tmp.cleanup();
  });

  it('lists every kind with next run, provider clock and last result; a local run fires for real', async () => {
    await page.goto(`${app.url}#/schedules`);
    await page.getByTestId('screen-schedules').waitFor();
    await expect.poll(() => page.getByTestId('schedule-row').count(), { timeout: 10_000 }).toBe(4);
    const jsmsRow = page.locator('[data-testid="schedule-row"][data-kind="jsms"]');
    expect(await jsmsRow.getByTestId('schedule-parts').textContent()).toBe('1500 recipients at JSMS in 2 schedule(s)');
    expect(await jsmsRow.getByTestId('schedule-next-provider').textContent()).toMatch(/^JSMS clock \(UTC\+8\): [A-Z][a-z]{2} \d{1,2}, \d{4}, 4:30\sPM$/);
    // 600 numbers are over 4 KiB: the platform gets an .xls URL from the receiver, shown with why it cannot reach it.
    const jobRow = page.locator('[data-testid="schedule-row"][data-kind="eims-job"]');
    expect(await jobRow.getByTestId('schedule-file-url').textContent()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/.+\.xls$/);
    expect(await jobRow.getByTestId('schedule-file-warning').textContent()).toMatch(/loopback/);
    expect(eims.state.jobs.at(-1)!.body.numbersrc).toBe(1);
    // The minute schedule fires on the app's own clock and the list follows.
    const minute = page.locator('[data-testid="schedule-row"]', { hasText: 'Minute check' });
    await minute.getByTestId('schedule-last-outcome').waitFor({ timeout: 75_000 });
    expect(await minute.getByTestId('schedule-last-outcome').getAttribute('data-outcome')).toBe('created');
    await shot('1-list-en');

    await jsmsRow.getByTestId('schedule-detail').click();
    await page.getByTestId('schedule-detail-recipient').first().waitFor();
    expect(await page.getByTestId('schedule-detail-recipient').first().textContent()).toMatch(/^139\d{8}\d+/);
    await shot('2-jsms-detail-en');
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
  }, 120_000);

  it('creates a weekly schedule from the form', async () => {
    await page.getByTestId('schedules-new').click();
    const form = page.locator('.mantine-Modal-content');
    await page.getByTestId('schedule-form-name').waitFor();
    await page.getByTestId('schedule-form-name').fill('Friday promo');
    await page.getByTestId('schedule-form-account').click();
    await page.getByRole('option', { name: /EIMS sim/ }).click();
    await page.getByTestId('schedule-form-body').fill('Weekend sale starts now!');
    await page.getByTestId('schedule-form-pasted').fill('13800138004\n13800138005');
    await form.getByText('Weekly', { exact: true }).click();
    await page.getByTestId('schedule-form-time').fill('18:30');
    await form.getByText('Fri', { exact: true }).click();
    await shot('3-form-en');
    await page.getByTestId('schedule-form-save').click();
    await page.getByTestId('schedule-form-name').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('schedule-row').count(), { timeout: 10_000 }).toBe(5);
  });

  it('schedules from Compose: repeat weekly, reviewed, then listed', async () => {
    await page.goto(`${app.url}#/compose`);
    await page.getByTestId('screen-compose').waitFor();
    await page.getByTestId('compose-name').fill('Monday reminder');
    await page.getByTestId('compose-account').click();
    await page.getByRole('option', { name: 'EIMS sim' }).click();
    await page.getByTestId('compose-body').fill('See you on Monday!');
    await page.getByTestId('compose-pasted').fill('13800138006\n13800138007');
    const timing = page.getByTestId('compose-timing');
    await timing.getByText('Repeat', { exact: true }).click();
    await timing.getByText('Weekly', { exact: true }).click();
    await timing.getByTestId('schedule-form-time').fill('08:00');
    await page.getByTestId('compose-review').click();
    await expect.poll(() => page.getByTestId('compose-send').textContent(), { timeout: 10_000 }).toBe('Schedule it');
    await shot('6-compose-repeat-en');
    await page.getByTestId('compose-send').click();
    await page.getByTestId('screen-schedules').waitFor();
    await expect.poll(() => page.getByTestId('schedule-row').count(), { timeout: 10_000 }).toBe(6);
  });

  it('speaks Simplified Chinese', async () => {
    await call('settingsUpdate', { language: 'zh' });
    await page.reload();
    await page.getByTestId('screen-schedules').waitFor();
    await expect.poll(() => page.getByTestId('schedule-row').count(), { timeout: 10_000 }).toBe(6);
    await expect.poll(() => page.getByTestId('schedules-new').textContent(), { timeout: 10_000 }).toBe('新建定时任务');
    await shot('4-list-zh');
    await page.getByTestId('schedules-new').click();
    await page.getByTestId('schedule-form-name').waitFor();
    await page.getByTestId('schedule-form-account').click();
    await page.getByRole('option', { name: /JSMS sim/ }).click();
    await page.locator('.mantine-Modal-content').getByText('JSMS', { exact: true }).click();
    await shot('5-form-jsms-zh');
    await call('settingsUpdate', { language: 'en' });
    expect(errors).toEqual([]);
  });
});
