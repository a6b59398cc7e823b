/**
 * The foundation end to end: the built headless app in Debian's Chromium. Add an account of each kind
 * through the real UI, restart the headless process on the same data dir, see them again, and check
 * through the bridge that no method ever returns a secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { METHOD_NAMES, methods } from '../../src/shared/api.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { browserAvailable, launchChromium, screenshotPath } from './support/browser.ts';
import { bridgeCall, startHeadless, type HeadlessApp } from './support/headless-process.ts';

const run = browserAvailable();
const SECRETS = { jsms: 'jsms-master-S3CRET-1', eims: 'eims-pass-S3CRET-2', eimsKey: 'eims-key-S3CRET-3', gsmbox: 'box-pass-S3CRET-4' };

describe.runIf(run)('accounts in the real renderer', () => {
  const tmp = makeTempDir('sms-e2e-accounts-');
  let app: HeadlessApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startHeadless(tmp.dir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}#/accounts`);
    await page.getByTestId('screen-accounts').waitFor();
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    tmp.cleanup();
  });

  async function addAccount(kindLabel: string, fields: Record<string, string>, secrets: Record<string, string>, toggles: string[] = []) {
    await page.getByTestId('account-add').click();
    const form = page.getByTestId('account-form').filter({ visible: true });
    await form.waitFor();
    await form.getByTestId('account-kind').getByText(kindLabel, { exact: true }).click();
    for (const [field, value] of Object.entries(fields)) await form.getByTestId(`account-field-${field}`).fill(value);
    for (const t of toggles) await form.getByTestId(`account-field-${t}`).check({ force: true });
    for (const [field, value] of Object.entries(secrets)) await form.getByTestId(`account-secret-${field}-input`).fill(value);
    await page.screenshot({ path: screenshotPath(`accounts-add-${kindLabel.replace(/\W+/g, '-').toLowerCase()}`) });
    await form.getByTestId('account-save').click();
    await form.waitFor({ state: 'hidden' });
  }

  it('shows field errors for bad input and saves nothing', async () => {
    await page.getByTestId('account-add').click();
    const form = page.getByTestId('account-form').filter({ visible: true });
    await form.getByTestId('account-kind').getByText('EIMS', { exact: true }).click();
    await form.getByTestId('account-field-baseUrl').fill('ftp://nope');
    await form.getByTestId('account-save').click();
    await expect.poll(() => form.getByText(/http:\/\/ or https:\/\//).count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('accounts-add-invalid') });
    await form.getByTestId('account-cancel').click();
    await form.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('account-row').count()).toBe(0);
  });

  it('adds an account of each kind', async () => {
    await addAccount('JSMS', { name: 'JPush marketing', appKey: 'appkey-123' }, { masterSecret: SECRETS.jsms });
    await addAccount('EIMS', { name: 'Wholesale platform', baseUrl: 'http://127.0.0.1:20003', account: 'acme' }, { password: SECRETS.eims, key: SECRETS.eimsKey }, ['encrypted']);
    await addAccount('GSM gateway', { name: 'Office box', baseUrl: 'http://192.168.1.50', username: 'admin' }, { password: SECRETS.gsmbox });
    await expect.poll(() => page.getByTestId('account-row').count()).toBe(3);
    await page.screenshot({ path: screenshotPath('accounts-list'), fullPage: true });
  });

  it('keeps them across a restart of the headless process', async () => {
    await app.stop();
    app = await startHeadless(tmp.dir);
    await page.goto(`${app.url}#/accounts`);
    await expect.poll(() => page.getByTestId('account-row').count(), { timeout: 10_000 }).toBe(3);
    const names = await page.getByTestId('account-name').allTextContents();
    expect(names.sort()).toEqual(['JPush marketing', 'Office box', 'Wholesale platform']);
    const html = await page.content();
    for (const s of Object.values(SECRETS)) expect(html).not.toContain(s);
  });

  it('edits an account without ever showing its secret', async () => {
    const row = page.getByTestId('account-row').filter({ hasText: 'Office box' });
    await row.getByTestId('account-edit').click();
    const form = page.getByTestId('account-form').filter({ visible: true });
    await form.waitFor();
    expect(await form.getByTestId('account-secret-password').getAttribute('data-secret-mode')).toBe('keep');
    await form.getByTestId('account-field-name').fill('Office box 2');
    await page.screenshot({ path: screenshotPath('accounts-edit') });
    await form.getByTestId('account-save').click();
    await form.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('account-name').allTextContents()).toContain('Office box 2');
  });

  it('no contract method returns a secret', async () => {
    const seen: string[] = [];
    for (const name of METHOD_NAMES) {
      // Call every method that takes no input; list-style calls are where a leak would show.
      if (!methods[name].input.safeParse(undefined).success) continue;
      const result = await bridgeCall(app, name);
      seen.push(name);
      const text = JSON.stringify(result);
      for (const s of Object.values(SECRETS)) expect(text, `${name} leaked a secret`).not.toContain(s);
    }
    expect(seen).toContain('accountsList');
    const list = await bridgeCall(app, 'accountsList');
    const views = list.value as { kind: string; hasSecret: Record<string, boolean> }[];
    expect(views.find((v) => v.kind === 'eims')?.hasSecret).toEqual({ password: true, key: true });
    // The secrets file exists for the core's use, but nothing served over HTTP exposes it.
    const res = await fetch(`${app.origin}/secrets.json`);
    expect(await res.text()).not.toContain(SECRETS.eims);
  });

  it('deletes an account after confirmation', async () => {
    const row = page.getByTestId('account-row').filter({ hasText: 'JPush marketing' });
    await row.getByTestId('account-delete').click();
    await page.getByTestId('account-delete-confirm').click();
    await expect.poll(() => page.getByTestId('account-row').count()).toBe(2);
  });
});
