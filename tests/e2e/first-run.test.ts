/**
 * The first hour, end to end: the built headless app in Chromium on a fresh data folder.
 * - The dashboard's guided start: four steps, each a link to its screen.
 * - What needs attention, from real trouble: the receiver's port held by another program, an EIMS
 *   account whose connection test the simulator refused, a GSM box whose pushes were never set up —
 *   each with a link to its fix.
 * - A provider-held schedule (EIMS timed send) is reviewed with the right numbers, and the simulator
 *   receives nothing until the user confirms.
 * Pictures at 1024×700 and 1280×800 in English and Chinese go to tests/e2e/artifacts/first-run-*.png,
 * and each view is measured for sideways overflow, clipped controls and (zh) untranslated words.
 */
import net from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startEimsSim, type EimsSim } from '../sim/eims.ts';
import { startGsmboxSim, type GsmboxSim } from '../sim/gsmbox.ts';
import { browserAvailable, launchChromium, screenshotPath } from './support/browser.ts';
import { bridgeCall, startHeadless, type HeadlessApp } from './support/headless-process.ts';
import { inspectPage } from './support/page-checks.ts';

const run = browserAvailable();
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
] as const;
/** Product names and codes, and EIMS's own parameter names in its refusal sentence ("key 和 seq"), as its documents name them. */
const ALLOWED_WORDS = ['JSMS', 'EIMS', 'GSM', 'SIM', 'URL', 'HTTP', 'IP', 'ID', 'CSV', 'XLSX', 'XLS', 'TXT', 'key', 'seq'];
const SEEDED = ['Wholesale', 'Office box', 'Weekend sale!'];

describe.runIf(run)('first run and health in the real renderer', () => {
  const tmp = makeTempDir('sms-e2e-first-run-');
  let eims: EimsSim;
  let box: GsmboxSim;
  let app: HeadlessApp;
  let browser: Browser;
  let page: Page;
  let blocker: net.Server;
  const errors: string[] = [];

  const call = async (name: string, input?: unknown) => {
    const res = await bridgeCall(app, name, input);
    expect(res.ok, JSON.stringify(res.error)).toBe(true);
    return res.value as Record<string, unknown>;
  };
  const language = async (lang: 'en' | 'zh') => {
    await call('settingsUpdate', { language: lang });
    await page.goto(`${app.url}#/dashboard`);
    await page.reload();
    await page.getByTestId('screen-dashboard').waitFor();
  };
  /** Both window sizes: a picture of each, and the layout (and zh words) measured. */
  const shootBoth = async (name: string, lang: 'en' | 'zh', ready: string) => {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.getByTestId(ready).waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: screenshotPath(`first-run-${name}-${lang}-${size.width}x${size.height}`), fullPage: true });
      const found = await inspectPage(page, { lang, allowedWords: ALLOWED_WORDS, seeded: SEEDED });
      expect({ size, overflow: found.overflow, clipped: found.clipped, truncated: found.truncated, latin: found.latin, dates: found.dates }).toEqual({
        size,
        overflow: [],
        clipped: [],
        truncated: [],
        latin: [],
        dates: [],
      });
    }
  };

  beforeAll(async () => {
    eims = await startEimsSim({ balance: 1000 });
    box = await startGsmboxSim();
    app = await startHeadless(join(tmp.dir, 'data'));
    // A free port of its own, so parallel runs do not collide on the default.
    expect((await call('receiverConfigure', { host: '127.0.0.1', port: 0 })).state).toBe('listening');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: SIZES[0] });
    page.on('pageerror', (e) => errors.push(e.message));
  });

  afterAll(async () => {
    await call('settingsUpdate', { language: 'en' }).catch(() => undefined);
    await browser?.close();
    await app?.stop();
    await eims?.close();
    await box?.close();
    blocker?.close();
    tmp.cleanup();
  });

  it('a fresh install shows the guided start, each step a link to its screen', async () => {
    await language('en');
    const guide = page.getByTestId('dash-guide');
    await guide.waitFor();
    expect(await guide.getByTestId('dash-guide-step').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-step')}:${e.getAttribute('data-done')}`))).toEqual([
      'account:false',
      'test:false',
      'list:false',
      'send:false',
    ]);
    expect(await page.getByTestId('dash-attention').count()).toBe(0);
    await shootBoth('guide', 'en', 'dash-guide');

    await guide.getByRole('link', { name: 'Import a list' }).click();
    await page.getByTestId('screen-contacts').waitFor();
    expect(new URL(page.url()).hash).toBe('#/contacts');
    await page.goBack();
    await page.getByTestId('dash-guide').waitFor();
    await guide.getByRole('link', { name: 'Add an account' }).click();
    await page.getByTestId('screen-accounts').waitFor();

    await language('zh');
    await expect.poll(() => page.getByTestId('dash-guide-link').allTextContents(), { timeout: 10_000 }).toEqual(['添加账户', '测试账户', '导入名单', '给自己发一条测试短信']);
    await shootBoth('guide', 'zh', 'dash-guide');
    expect(errors).toEqual([]);
  }, 60_000);

  it('lists a port taken by another program, a refused connection test and a box without pushes, each with a link to its fix', async () => {
    blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as net.AddressInfo).port;
    expect((await call('receiverConfigure', { host: '127.0.0.1', port: taken })).state).toBe('error');
    const wrong = await call('accountsCreate', { config: { kind: 'eims', name: 'Wholesale', baseUrl: eims.url, account: 'demo', encrypted: false }, secrets: { password: 'not-the-password' } });
    expect((await call('accountsTest', { id: wrong.id })).ok).toBe(false);
    await call('accountsCreate', { config: { kind: 'gsmbox', name: 'Office box', baseUrl: box.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 300 }, secrets: { password: 'demo-box-password' } });

    await language('en');
    const attention = page.getByTestId('dash-attention');
    await attention.waitFor();
    await expect
      .poll(() => attention.getByTestId('dash-attention-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))), { timeout: 10_000 })
      .toEqual(['receiver-port-in-use', 'box-push-not-set-up', 'account-test-failed']);
    const items = attention.getByTestId('dash-attention-item');
    expect(await items.nth(0).textContent()).toContain(`port ${taken} is in use`);
    expect(await items.nth(1).textContent()).toContain('Office box: pushes are not set up');
    expect(await items.nth(1).textContent()).toContain('No push received yet.');
    expect(await items.nth(2).textContent()).toContain('Wholesale: the last connection test failed');
    // The guide is still there: accounts exist, and the dashboard's balance check passed for the box (its test step is done).
    await expect
      .poll(() => page.getByTestId('dash-guide-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-done'))), { timeout: 10_000 })
      .toEqual(['true', 'true', 'false', 'false']);
    await shootBoth('attention', 'en', 'dash-attention');

    await items.nth(0).getByTestId('dash-attention-fix').click();
    await page.getByTestId('screen-settings').waitFor();

    await language('zh');
    await expect.poll(() => page.getByTestId('dash-attention-fix').allTextContents(), { timeout: 10_000 }).toEqual(['换一个端口', '设置推送', '检查账户']);
    await shootBoth('attention', 'zh', 'dash-attention');

    // Freed and restarted: the receiver item goes away live.
    await new Promise<void>((r) => blocker.close(() => r()));
    expect((await call('receiverConfigure', { host: '127.0.0.1', port: taken })).state).toBe('listening');
    await expect
      .poll(() => page.getByTestId('dash-attention-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))), { timeout: 10_000 })
      .toEqual(['box-push-not-set-up', 'account-test-failed']);
    await call('settingsUpdate', { language: 'en' });
    expect(errors).toEqual([]);
  }, 90_000);

  it('reviews an EIMS timed send with the numbers after opt-outs; the platform gets nothing until confirmed', async () => {
    const good = await call('accountsCreate', { config: { kind: 'eims', name: 'Platform', baseUrl: eims.url, account: 'demo', encrypted: false }, secrets: { password: 'demo-password' } });
    expect(good.id).toBeTruthy();
    await call('optOutsAdd', { numbers: ['13800138003'] });
    await page.goto(`${app.url}#/schedules`);
    await page.reload();
    await page.getByTestId('screen-schedules').waitFor();
    await page.getByTestId('schedules-new').click();
    const form = page.getByTestId('schedule-form');
    await page.getByTestId('schedule-form-name').fill('Weekend sale');
    await page.getByTestId('schedule-form-account').click();
    await page.getByRole('option', { name: /Platform/ }).click();
    await page.getByTestId('schedule-form-body').fill('Weekend sale!');
    await page.getByTestId('schedule-form-pasted').fill('13800138001\n13800138002\n13800138003');
    await form.getByText('EIMS timed', { exact: true }).click();
    await page.getByTestId('schedule-form-review').click();

    const review = page.getByTestId('schedule-review');
    await review.getByTestId('compose-summary').waitFor({ timeout: 15_000 });
    expect(await review.getByTestId('summary-recipients').getAttribute('data-count')).toBe('2');
    expect(await review.getByTestId('summary-opted-out').getAttribute('data-count')).toBe('1');
    expect(await review.getByTestId('summary-segments').getAttribute('data-count')).toBe('2');
    expect(await review.getByTestId('schedule-review-note').textContent()).toMatch(/cannot be undone/);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.waitForTimeout(300);
      await page.screenshot({ path: screenshotPath(`first-run-schedule-review-en-${size.width}x${size.height}`) });
    }
    // Reviewing asked the platform for the balance at most: nothing was sent to it.
    expect(eims.state.requests.filter((r) => r.path === '/sendsms')).toEqual([]);
    expect(eims.state.messages.size).toBe(0);

    await review.getByTestId('compose-send').click();
    await form.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => page.getByTestId('schedule-row').count(), { timeout: 10_000 }).toBe(1);
    const held = [...eims.state.messages.values()];
    expect(held.map((m) => m.number).sort()).toEqual(['8613800138001', '8613800138002']);
    expect(held.every((m) => typeof m.sendtime === 'string' && /^\d{14}$/.test(m.sendtime))).toBe(true);
    expect(errors).toEqual([]);
  }, 90_000);
});
