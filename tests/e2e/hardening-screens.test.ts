/**
 * The screens issue 18 added, in the real renderer in Chromium, English and Chinese, at 1024×700 and
 * 1280×800 (pictures in tests/e2e/artifacts/hardening/):
 * - the desktop app's secret store on Linux without a keyring (support/keyring-headless.ts stands in
 *   for Electron's safeStorage): secrets kept for this session only, the dialog that states the risk,
 *   and an account whose password the reset keyring can no longer read — then agreeing, after which
 *   secrets survive a restart;
 * - a restore whose edited receiver settings listen on every network: shown and confirmed first.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBackup, encodeBackup } from '../../src/main/core/backup/backup-format.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { ARTIFACTS, browserAvailable, launchChromium } from './support/browser.ts';
import { bridgeCall, startHeadless, type HeadlessApp } from './support/headless-process.ts';

const run = browserAvailable();
const OUT = join(ARTIFACTS, 'hardening');
const KEYRING_ENTRY = join(import.meta.dirname, 'support/keyring-headless.ts');
const VIEWPORTS = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
] as const;
const LANGS = ['en', 'zh'] as const;
const TEXT = {
  en: { session: 'kept only until SMS Console quits', dialog: 'Store passwords without a keyring?', again: 'Password: enter again', wider: 'Every network this PC is on' },
  zh: { session: '只保留到 SMS Console 退出', dialog: '在没有密钥环的情况下保存密码？', again: '密码：请重新填写', wider: '本机连接的所有网络' },
} as const;

describe.runIf(run)('hardening screens (en, zh; 1024×700 and 1280×800)', () => {
  const tmp = makeTempDir('sms-e2e-hardening-');
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const apps: HeadlessApp[] = [];

  const shot = (name: string, lang: string, width: number) => page.screenshot({ path: join(OUT, `${name}-${lang}-${width}.png`) });
  const newPage = async () => {
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  };
  const start = async (dataDir: string, args: string[] = [], entry?: string) => {
    const app = await startHeadless(dataDir, args, entry);
    apps.push(app);
    return app;
  };
  const ok = async <T,>(app: HeadlessApp, name: string, input?: unknown): Promise<T> => {
    const r = await bridgeCall(app, name, input);
    expect(r.ok, `${name}: ${JSON.stringify(r.error)}`).toBe(true);
    return r.value as T;
  };

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await launchChromium();
    await newPage();
  });
  afterAll(async () => {
    await browser?.close();
    for (const app of apps) await app.stop();
    tmp.cleanup();
  });

  it('Linux without a keyring: session-only secrets, the risk dialog, a password to enter again; then agreeing', async () => {
    const dataDir = join(tmp.dir, 'keyring');
    // With a keyring: an account and its password are saved.
    let app = await start(dataDir, ['--backend', 'kwallet5', '--key', randomBytes(32).toString('hex')], KEYRING_ENTRY);
    await ok(app, 'accountsCreate', { config: { kind: 'gsmbox', name: 'Office box', baseUrl: 'http://192.168.1.50', username: 'admin' }, secrets: { password: 'box-password' } });
    await ok(app, 'accountsCreate', { config: { kind: 'jsms', name: 'Marketing', appKey: 'app-key-1' }, secrets: { masterSecret: 'master-secret' } });
    await app.stop();
    // The keyring is gone: Electron falls back to basic_text, and the old password cannot be read.
    const basicKey = randomBytes(32).toString('hex');
    app = await start(dataDir, ['--backend', 'basic_text', '--key', basicKey], KEYRING_ENTRY);
    expect(await ok(app, 'secretsProtection')).toEqual({ mode: 'session', canStoreWeakly: true, backend: 'basic_text' });

    for (const lang of LANGS) {
      await ok(app, 'settingsUpdate', { language: lang });
      for (const vp of VIEWPORTS) {
        await page.setViewportSize(vp);
        await page.goto(`${app.url}#/accounts`);
        const notice = page.getByTestId('secrets-protection');
        await notice.waitFor();
        expect(await notice.textContent()).toContain(TEXT[lang].session);
        expect(await page.getByText(TEXT[lang].again).count()).toBe(1);
        expect(await page.locator('[data-testid=account-secret-state][data-unreadable=true]').count()).toBe(2); // the box's password, JSMS's master secret
        await shot('accounts-no-keyring', lang, vp.width);

        await page.getByTestId('secrets-allow-weak').click();
        await page.getByRole('dialog', { name: TEXT[lang].dialog }).waitFor();
        await page.waitForTimeout(250);
        await shot('weak-storage-dialog', lang, vp.width);
        await page.getByTestId('secrets-weak-cancel').click();

        await page.locator('[data-testid=account-row][data-kind=gsmbox]').getByTestId('account-edit').click();
        await page.getByTestId('account-secret-password-unreadable').waitFor();
        await page.waitForTimeout(250);
        await shot('account-enter-again', lang, vp.width);
        await page.getByTestId('account-cancel').click();
      }
    }

    // Enter the password again and agree: it is written, and survives a restart.
    await ok(app, 'settingsUpdate', { language: 'en' });
    await page.goto(`${app.url}#/accounts`);
    await page.locator('[data-testid=account-row][data-kind=gsmbox]').getByTestId('account-edit').click();
    await page.getByTestId('account-secret-password-input').fill('box-password-2');
    await page.getByTestId('account-save').click();
    await page.getByTestId('account-form').waitFor({ state: 'detached' });
    await page.getByTestId('secrets-allow-weak').click();
    await page.getByTestId('secrets-weak-understood').click();
    await page.getByTestId('secrets-weak-agree').click();
    await page.locator('[data-testid=secrets-protection][data-mode=weak]').waitFor();
    await app.stop();
    app = await start(dataDir, ['--backend', 'basic_text', '--key', basicKey], KEYRING_ENTRY);
    const accounts = await ok<{ kind: string; hasSecret: Record<string, boolean>; secretsToReenter: string[] }[]>(app, 'accountsList');
    expect(accounts.map((a) => [a.kind, a.hasSecret, a.secretsToReenter])).toEqual([
      ['jsms', { masterSecret: false, devSecret: false }, ['masterSecret']],
      ['gsmbox', { password: true }, []],
    ]);
    expect(errors).toEqual([]);
    // 22 s alone; three app starts and twelve pictures beside the other e2e files in a full run took over 120 s.
  }, 300_000);

  it('a backup whose receiver settings listen on every network: shown and confirmed before it applies', async () => {
    const app = await start(join(tmp.dir, 'restore'));
    const made = await ok<{ base64: string }>(app, 'backupCreate');
    const { header, database } = decodeBackup(Buffer.from(made.base64, 'base64'));
    const { databaseBytes: _b, sha256: _s, ...rest } = header;
    const file = join(tmp.dir, 'edited.smsbackup');
    writeFileSync(file, encodeBackup({ ...rest, settings: { ...header.settings, receiverHost: '0.0.0.0', receiverPort: 18081 } }, database));

    for (const lang of LANGS) {
      await ok(app, 'settingsUpdate', { language: lang });
      for (const vp of VIEWPORTS) {
        await page.setViewportSize(vp);
        await page.goto(`${app.url}#/settings`);
        await page.getByTestId('screen-settings').waitFor();
        await page.locator('input[type=file]').setInputFiles(file);
        await page.getByTestId('settings-restore-go').click();
        const backupRow = page.getByTestId('settings-restore-receiver-backup');
        await backupRow.waitFor();
        expect(await backupRow.textContent()).toContain(TEXT[lang].wider);
        await page.waitForTimeout(250);
        await shot('restore-receiver-confirm', lang, vp.width);
        await page.getByTestId('settings-restore-receiver-cancel').click();
      }
    }
    // Keeping this PC's receiver settings stages the rest of the backup.
    await page.goto(`${app.url}#/settings`);
    await page.getByTestId('screen-settings').waitFor();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('settings-restore-go').click();
    await page.getByTestId('settings-restore-receiver-keep').click();
    await expect.poll(() => page.getByTestId('settings-data-notice').textContent()).toMatch(/重启|Restart/);
    expect(errors).toEqual([]);
  });
});
