/**
 * Settings in the real renderer: notifications switch, audit log, backup download and a restore that
 * is applied when the app starts again; screenshots in English and Chinese.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEimsSim, type EimsSim } from '../sim/eims.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { browserAvailable, launchChromium, screenshotPath } from './support/browser.ts';
import { bridgeCall, startHeadless, type HeadlessApp } from './support/headless-process.ts';

const run = browserAvailable();

describe.runIf(run)('settings: notifications, audit, backup and restore', () => {
  const tmp = makeTempDir('sms-e2e-settings-');
  const dataDir = join(tmp.dir, 'data');
  let app: HeadlessApp;
  let browser: Browser;
  let page: Page;
  let sim: EimsSim;
  const errors: string[] = [];

  const open = async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 1400 }, acceptDownloads: true });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}#/settings`);
    await page.getByTestId('screen-settings').waitFor();
  };

  beforeAll(async () => {
    sim = await startEimsSim({ balance: 100 });
    app = await startHeadless(dataDir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await sim?.close();
    tmp.cleanup();
  });

  it('backs up, restores at the next start, and records it all in the audit log', async () => {
    const created = await bridgeCall(app, 'accountsCreate', { config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false }, secrets: { password: 'demo-password' } });
    expect(created.ok).toBe(true);
    await open();
    await page.locator('[data-testid=settings-audit-row][data-action="account.create"]').waitFor();

    await page.getByTestId('settings-notify-inbound').click({ force: true });
    await expect.poll(async () => ((await bridgeCall(app, 'settingsGet')).value as { notifications: Record<string, boolean> }).notifications.inbound).toBe(false);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('settings-backup').click()]);
    const file = join(tmp.dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 20).toString('latin1')).toBe('SMS-CONSOLE-BACKUP 1');
    await page.locator('[data-testid=settings-audit-row][data-action="backup.create"]').waitFor();
    await page.screenshot({ path: screenshotPath('settings-en'), fullPage: true });

    // Delete the account, then restore the backup: it comes back after the restart.
    expect((await bridgeCall(app, 'accountsDelete', { id: (created.value as { id: string }).id })).ok).toBe(true);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('settings-restore-go').click();
    await expect.poll(() => page.getByTestId('settings-data-notice').textContent()).toMatch(/Restart the app/);

    await page.close();
    await app.stop();
    app = await startHeadless(dataDir);
    const accounts = await bridgeCall(app, 'accountsList');
    expect((accounts.value as { name: string; hasSecret: Record<string, boolean> }[]).map((a) => [a.name, a.hasSecret.password])).toEqual([['Platform', false]]);

    await bridgeCall(app, 'settingsUpdate', { language: 'zh' });
    await open();
    await page.locator('[data-testid=settings-audit-row][data-action="backup.restore"]').waitFor();
    expect(await page.getByTestId('settings-audit').textContent()).toContain('恢复备份');
    await page.screenshot({ path: screenshotPath('settings-zh'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
