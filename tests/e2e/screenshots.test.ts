/**
 * Screenshots of every screen in English and Simplified Chinese, at 1280×800 and at 1024×700 (a small
 * laptop: the navbar folds to icons), taken from the built headless app in Chromium against the EIMS,
 * JSMS and GSM box simulators. The data is seeded through the bridge (support/showcase.ts): an account
 * of each kind, a list imported from a small CSV (Chinese names), opt-outs, a finished EIMS campaign
 * with delivered and failed messages (reports pushed by the simulator), a paused one, an inbound SMS
 * from the box, and schedules of every kind. Each visit checks its screen and a seeded value before
 * the picture.
 *
 * Pictures (JPEG) go to tests/e2e/artifacts/screenshots/ — or, with UPDATE_SCREENSHOTS=1, to
 * docs/screenshots/<nn>-<screen>-<lang>.jpg (1280×800) and docs/screenshots/1024x700/ (see
 * docs/screenshots/README.md), so CI never rewrites tracked files.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_IDS, type RouteId } from '../../src/renderer/src/routes.ts';
import { ARTIFACTS, browserAvailable, launchChromium } from './support/browser.ts';
import { ACCOUNT_NAMES, BOX_NUMBER, DONE_CAMPAIGN, INBOUND_TEXT, LIST_NAME, startShowcase, type Showcase } from './support/showcase.ts';

const run = browserAvailable();
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const OUT_DIR = UPDATE ? join(import.meta.dirname, '../../docs/screenshots') : join(ARTIFACTS, 'screenshots');
const LANGS = ['en', 'zh'] as const;
/** The pictures of the README's gallery, and a small laptop's window (in a folder of its own). */
const SIZES = [
  { width: 1280, height: 800, dir: '' },
  { width: 1024, height: 700, dir: '1024x700' },
] as const;

/** The pictures, in gallery order: `<nn>-<screen>`. */
const SHOTS = {
  dashboard: '01-dashboard',
  compose: '02-compose-summary',
  campaigns: '03-campaigns',
  campaign: '04-campaign-detail',
  messages: '05-messages',
  inbox: '06-inbox',
  contacts: '07-contacts',
  contactsImport: '08-contacts-import-preview',
  schedules: '09-schedules',
  accounts: '10-accounts',
  settings: '11-settings',
  receiver: '12-settings-receiver',
  insight: '13-insight',
  templates: '14-templates',
} as const satisfies Record<RouteId | 'campaign' | 'contactsImport' | 'receiver', string>;

/** What each language says where a seeded value is not enough to tell the language apart. */
const TEXT = {
  en: { dashboard: 'Dashboard', send: /^Send to 6 /, contacts: 'contacts' },
  zh: { dashboard: '概览', send: /^发送给 6 /, contacts: '个联系人' },
} as const;

describe.runIf(run)('screenshots of every screen, en and zh, 1280×800 and 1024×700', () => {
  let sc: Showcase;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const visited = new Set<string>();

  beforeAll(async () => {
    for (const size of SIZES) mkdirSync(join(OUT_DIR, size.dir), { recursive: true });
    sc = await startShowcase('sms-e2e-screenshots-');
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await sc?.stop();
  });

  for (const size of SIZES)
  for (const lang of LANGS) {
    it(`pictures every screen in ${lang === 'en' ? 'English' : 'Simplified Chinese'} at ${size.width}×${size.height}`, async () => {
      await sc.call('settingsUpdate', { language: lang });
      page = await browser.newPage({ viewport: { width: size.width, height: size.height } });
      page.on('pageerror', (e) => errors.push(e.message));
      const shot = async (key: keyof typeof SHOTS) => {
        // Let transitions (modals, popovers, charts, tooltips) settle before the picture.
        await page.mouse.move(0, 0);
        await page.waitForTimeout(250);
        await page.screenshot({ path: join(OUT_DIR, size.dir, `${SHOTS[key]}-${lang}.jpg`), type: 'jpeg', quality: 70, fullPage: process.env.SCREENSHOT_FULLPAGE === '1' });
        visited.add(`${key}-${lang}-${size.width}`);
      };
      const open = async (hash: string, testId: string) => {
        await page.goto(`${sc.app.url}${hash}`);
        await page.getByTestId(testId).first().waitFor({ timeout: 15_000 });
      };

      await open('#/dashboard', 'screen-dashboard');
      await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent(), { timeout: 10_000 }).toBe(TEXT[lang].dashboard);
      await expect.poll(async () => Number(await page.getByTestId('dash-today-delivered').getAttribute('data-count')), { timeout: 15_000 }).toBeGreaterThanOrEqual(6);
      await expect.poll(() => page.getByTestId('dash-balance').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
      await expect.poll(() => page.getByTestId('dash-campaign').count()).toBeGreaterThanOrEqual(3);
      await shot('dashboard');

      await open('#/insight', 'screen-insight');
      // The finished campaign's 8 messages (6 delivered, 2 failed) and the box's one, all sent today.
      await expect.poll(() => page.getByTestId('insight-total-handed').textContent(), { timeout: 15_000 }).toMatch(/^(9|1\d)$/);
      await expect.poll(() => page.getByTestId('insight-campaign').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
      expect(await page.getByTestId('insight-campaigns').textContent()).toContain(DONE_CAMPAIGN);
      // The charts are drawn (recharts' bars), not only their tables.
      await expect.poll(() => page.locator('[data-testid=insight-days] .recharts-bar-rectangle').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await shot('insight');

      await open('#/compose', 'screen-compose');
      await page.getByTestId('compose-name').fill(lang === 'en' ? 'Weekend flash sale' : '周末限时特卖');
      await page.getByTestId('compose-account').click();
      await page.getByRole('option', { name: ACCOUNT_NAMES.eims }).click();
      await page.getByTestId('compose-lists').click();
      await page.getByRole('option', { name: new RegExp(LIST_NAME) }).click();
      await page.keyboard.press('Escape');
      await page.getByTestId('compose-body').fill(lang === 'en' ? 'Hi {name}, 20% off everything this weekend.' : '{name}您好，本周末全场八折！');
      await page.getByTestId('compose-pasted').fill('13900139000 / 010-6552 1234\n123');
      await page.getByTestId('compose-review').click();
      await page.getByTestId('compose-summary').waitFor();
      expect(await page.getByTestId('summary-recipients').getAttribute('data-count')).toBe('6');
      expect(await page.getByTestId('summary-opted-out').getAttribute('data-count')).toBe('1');
      expect(await page.getByTestId('summary-invalid').getAttribute('data-count')).toBe('1');
      expect(await page.getByTestId('summary-non-mobile').getAttribute('data-count')).toBe('1');
      expect(await page.getByTestId('compose-send').textContent()).toMatch(TEXT[lang].send);
      // The summary from its title, clear of the app's fixed header.
      await page.getByTestId('compose-summary').evaluate((el) => ((el as HTMLElement).style.scrollMarginTop = '72px', el.scrollIntoView({ block: 'start' })));
      await shot('compose');

      await open('#/campaigns', 'screen-campaigns');
      await expect.poll(() => page.getByTestId('campaign-row').count(), { timeout: 10_000 }).toBe(3);
      expect(await page.getByTestId('campaigns-table').textContent()).toContain(DONE_CAMPAIGN);
      await shot('campaigns');

      await open(`#/campaigns/${sc.ids.done}`, 'campaign-detail');
      const detail = page.getByTestId('campaign-detail');
      expect(await page.getByTestId('campaign-title').textContent()).toBe(DONE_CAMPAIGN);
      await expect.poll(() => detail.getAttribute('data-state'), { timeout: 10_000 }).toBe('done');
      await expect.poll(() => detail.getAttribute('data-final'), { timeout: 10_000 }).toBe('8');
      await expect.poll(() => page.getByTestId('message-row').count()).toBe(8);
      await shot('campaign');

      await open('#/messages', 'screen-messages');
      await expect.poll(() => page.getByTestId('log-total').getAttribute('data-count'), { timeout: 10_000 }).toBe('14'); // 8 finished + 1 box + 5 paused
      await expect.poll(async () => (await page.getByTestId('log-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')))).filter((s) => s === 'failed').length).toBe(2);
      await shot('messages');

      await open('#/inbox', 'screen-inbox');
      const thread = page.locator(`[data-testid="inbox-thread"][data-number="+86${BOX_NUMBER}"]`);
      await thread.waitFor({ timeout: 10_000 });
      await thread.click();
      await expect.poll(() => page.getByTestId('thread-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')).join(',')), { timeout: 10_000 }).toBe('out,in');
      expect(await page.getByTestId('thread-text').last().textContent()).toBe(INBOUND_TEXT);
      await shot('inbox');

      await open('#/contacts', 'screen-contacts');
      const list = page.getByTestId('list-row');
      await expect.poll(() => list.count(), { timeout: 10_000 }).toBe(2);
      expect(await list.getByTestId('list-name').allTextContents()).toContain(LIST_NAME);
      await list.filter({ hasText: LIST_NAME }).getByTestId('list-open').click();
      await expect.poll(() => page.getByTestId('contact-row').count(), { timeout: 10_000 }).toBe(6);
      expect(await page.getByTestId('contacts-total').textContent()).toContain(TEXT[lang].contacts);
      expect(await page.getByTestId('contacts-table').textContent()).toContain('张伟');
      await shot('contacts');

      await page.getByTestId('contacts-tab-lists').click();
      await page.getByTestId('lists-import').click();
      await page.getByTestId('import-file').setInputFiles(sc.csvFile);
      await page.getByTestId('import-format').waitFor();
      for (let step = 0; step < 3; step++) {
        const next = page.getByTestId('import-next');
        await expect.poll(() => next.isEnabled(), { timeout: 10_000 }).toBe(true);
        await next.click();
      }
      await expect.poll(() => page.getByTestId('import-count-valid').getAttribute('data-count'), { timeout: 10_000 }).toBe('7');
      expect(await page.getByTestId('import-count-invalid').getAttribute('data-count')).toBe('1');
      expect(await page.getByTestId('import-count-nonMobile').getAttribute('data-count')).toBe('1');
      expect(await page.getByTestId('import-duplicate-row').getAttribute('data-duplicate-of')).toBe('3');
      expect(await page.getByTestId('import-preview-rows').textContent()).toContain('王芳');
      await shot('contactsImport');
      await page.getByTestId('import-restart').click();

      await open('#/schedules', 'screen-schedules');
      await expect.poll(() => page.getByTestId('schedule-row').count(), { timeout: 10_000 }).toBe(4);
      await page.locator('[data-testid="schedule-row"][data-kind="jsms"]').getByTestId('schedule-next-provider').waitFor();
      expect(await page.getByTestId('schedules-table').textContent()).toContain('Weekly tips');
      await shot('schedules');

      await open('#/templates', 'screen-templates');
      await expect.poll(() => page.getByTestId('template-row').count(), { timeout: 10_000 }).toBe(3);
      expect(await page.locator('[data-testid="template-row"][data-status="rejected"]').getByTestId('review-reason').textContent()).toContain('模板内容不能包含【】');
      await shot('templates');

      await open('#/accounts', 'screen-accounts');
      await expect.poll(() => page.getByTestId('account-row').count(), { timeout: 10_000 }).toBe(3);
      expect((await page.getByTestId('account-name').allTextContents()).sort()).toEqual(Object.values(ACCOUNT_NAMES).sort());
      for (const test of await page.getByTestId('account-test').all()) await test.click();
      await expect.poll(() => page.getByTestId('account-check-result').count(), { timeout: 20_000 }).toBe(3);
      await shot('accounts');

      await open('#/settings', 'screen-settings');
      await expect.poll(() => page.getByTestId('settings-language').inputValue()).toBe(lang === 'en' ? 'English' : '简体中文');
      await shot('settings');
      const panel = page.getByTestId('receiver-panel');
      await expect.poll(() => panel.getAttribute('data-state'), { timeout: 15_000 }).toBe('listening');
      await expect.poll(() => page.getByTestId('receiver-url').count()).toBe(3);
      await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot('receiver');

      await page.close();
      expect(errors).toEqual([]);
    }, 90_000);
  }

  it('took a picture of every route, the campaign detail, the import preview and the receiver panel', () => {
    for (const size of SIZES)
      for (const lang of LANGS) {
        for (const id of ROUTE_IDS) expect(visited, `${id}-${lang}-${size.width}`).toContain(`${id}-${lang}-${size.width}`);
        for (const extra of ['campaign', 'contactsImport', 'receiver']) expect(visited).toContain(`${extra}-${lang}-${size.width}`);
      }
  });
});
