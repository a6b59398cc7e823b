/**
 * Every screen, its tabs and its main dialogs, at 1024×700 (the smallest laptop window we support; the
 * screens again at 1280×800 for the layout checks) in
 * English and Simplified Chinese, with realistic data (tests/e2e/support/showcase.ts). On each view the
 * page is measured in Chromium (support/page-checks.ts) and the test fails on:
 * - layout: anything that scrolls sideways, a control reaching past the window or its scroll
 *   container, or text cut short with no tooltip;
 * - Chinese: a Latin word on a zh screen that is not a product name, a code or seeded user data;
 * - dates: a date or time not in the language's one format (format/date-time.ts), e.g. a raw provider
 *   timestamp.
 * A first test shows the checks catch each of these on a page built to fail them.
 * Pictures of every view go to tests/e2e/artifacts/screen-checks/.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_IDS } from '../../src/renderer/src/routes.ts';
import { ARTIFACTS, browserAvailable, launchChromium } from './support/browser.ts';
import { inspectPage, type Findings, type InspectOptions } from './support/page-checks.ts';
import { BOX_NUMBER, LIST_NAME, SEEDED_TEXT, startShowcase, type Showcase } from './support/showcase.ts';

const run = browserAvailable();
const VIEWPORT = { width: 1024, height: 700 };
/** The screens again in the common laptop window, where the navbar shows names and the dashboard has two columns. */
const WIDE = { width: 1280, height: 800 };
const SHOTS = join(ARTIFACTS, 'screen-checks');
const LANGS = ['en', 'zh'] as const;
type Lang = (typeof LANGS)[number];

/**
 * Latin words a Chinese screen may show, each for a reason:
 * - provider and product names: JSMS, EIMS, JPush (JSMS's maker), OpenVox (the box's API), Excel;
 * - the credentials' names as the JSMS console shows them, so people can find them: AppKey, Master Secret, Dev Key, Dev Secret;
 * - technical codes people meet on the providers' consoles: GSM, SIM, IMSI, URL, HTTP, HTTPS, IP, API, ID, UTC, CSV, XLSX, XLS, TXT, KB, MB;
 * - opt-out keywords customers reply with (a setting's default value): STOP, TD;
 * - keys as printed on the keyboard: Ctrl, Enter;
 * - currency codes (ISO 4217) an account's price per segment is given in: CNY, USD;
 * - VIP, the example of a contact tag.
 */
const ALLOWED_WORDS = ['JSMS', 'EIMS', 'JPush', 'OpenVox', 'Excel', 'AppKey', 'Master', 'Secret', 'Dev', 'Key', 'GSM', 'SIM', 'IMSI', 'URL', 'HTTP', 'HTTPS', 'IP', 'API', 'ID', 'UTC', 'CSV', 'XLSX', 'XLS', 'TXT', 'KB', 'MB', 'STOP', 'TD', 'Ctrl', 'Enter', 'CNY', 'USD', 'VIP'];

/**
 * What the seeded data puts on screen besides SEEDED_TEXT: message texts, the JSMS simulator's template 2
 * (whole, and as the template picker cuts it), the CSV's column names, the box's user name, this PC's
 * user (the audit log's actor).
 */
const JSMS_TEMPLATE_2 = 'Hello {{name}}, your order {{order}} has shipped.';
const SEEDED = [...SEEDED_TEXT, 'Your order is ready for pickup on Friday.', 'News for members: new arrivals this week.', JSMS_TEMPLATE_2, JSMS_TEMPLATE_2.slice(0, 40), 'phone', 'name', 'city', 'admin', 'demo', userInfo().username];

interface View {
  name: string;
  /** A dialog or popover over a screen: checked at 1024×700 only (it is centred, not laid out with the screen). */
  dialog?: true;
  /** Opens the view from anywhere (the page is on some screen, no dialog open). */
  open(page: Page, sc: Showcase): Promise<void>;
}

const go = async (page: Page, sc: Showcase, hash: string, testId: string) => {
  await page.goto(`${sc.app.url}${hash}`);
  await page.getByTestId(testId).first().waitFor({ timeout: 15_000 });
};
const settle = (page: Page) => page.waitForTimeout(300);

/** A dialog opened from a screen: go to `hash`, click the first `button`, wait for the dialog (or `ready`). */
const dialogView = (name: string, hash: string, button: string, ready?: string): View => ({
  name,
  dialog: true,
  open: async (page, sc) => {
    await go(page, sc, hash, `screen-${hash.slice(2)}`);
    await page.getByTestId(button).first().click();
    await (ready ? page.getByTestId(ready) : page.getByRole('dialog')).first().waitFor();
  },
});

/** Every route, each tab, and the dialogs people open on the first day. */
const VIEWS: View[] = [
  {
    name: 'dashboard',
    open: async (page, sc) => {
      await go(page, sc, '#/dashboard', 'screen-dashboard');
      await page.getByTestId('dash-balance').first().waitFor({ timeout: 20_000 });
      await page.getByTestId('dash-campaign').first().waitFor();
    },
  },
  { name: 'compose', open: (page, sc) => go(page, sc, '#/compose', 'compose-name') },
  {
    name: 'compose-summary',
    open: async (page, sc) => {
      await go(page, sc, '#/compose', 'compose-name');
      await page.getByTestId('compose-name').fill('Weekend');
      await page.getByTestId('compose-account').click();
      await page.getByRole('option', { name: 'EIMS platform' }).click();
      await page.getByTestId('compose-lists').click();
      await page.getByRole('option', { name: new RegExp(LIST_NAME) }).click();
      await page.keyboard.press('Escape');
      await page.getByTestId('compose-body').fill('{name} 周末八折 {coupon}');
      await page.getByTestId('compose-pasted').fill('13900139000\n123');
      await page.getByTestId('compose-review').click();
      await page.getByTestId('compose-summary').waitFor();
    },
  },
  {
    name: 'compose-jsms',
    open: async (page, sc) => {
      await go(page, sc, '#/compose', 'compose-name');
      await page.getByTestId('compose-account').click();
      await page.getByRole('option', { name: 'JPush SMS' }).click();
      await page.getByTestId('compose-template-select').click();
      await page.getByRole('option', { name: /^#2 · / }).click();
      await page.getByTestId('compose-template-preview').waitFor();
    },
  },
  {
    name: 'campaigns-drafts',
    open: async (page, sc) => {
      await go(page, sc, '#/campaigns', 'screen-campaigns');
      await page.getByTestId('campaigns-tab-drafts').click();
      await page.getByTestId('drafts-list').waitFor();
    },
  },
  {
    name: 'campaigns',
    open: async (page, sc) => {
      await go(page, sc, '#/campaigns', 'screen-campaigns');
      await page.getByTestId('campaign-row').nth(2).waitFor();
    },
  },
  {
    name: 'campaign-detail',
    open: async (page, sc) => {
      await go(page, sc, `#/campaigns/${sc.ids.done}`, 'campaign-detail');
      await page.getByTestId('message-row').nth(7).waitFor();
    },
  },
  {
    name: 'campaign-message-history',
    dialog: true,
    open: async (page, sc) => {
      await go(page, sc, `#/campaigns/${sc.ids.done}`, 'campaign-detail');
      await page.locator('[data-testid="message-row"][data-state="failed"]').first().getByTestId('message-history').click();
      await page.getByTestId('message-history-dropdown').waitFor();
    },
  },
  {
    name: 'campaign-paused-cancel',
    dialog: true,
    open: async (page, sc) => {
      await go(page, sc, `#/campaigns/${sc.ids.paused}`, 'campaign-detail');
      await page.getByTestId('campaign-cancel').click();
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'messages',
    open: async (page, sc) => {
      await go(page, sc, '#/messages', 'screen-messages');
      await page.getByTestId('log-row').nth(5).waitFor();
    },
  },
  {
    name: 'messages-history',
    dialog: true,
    open: async (page, sc) => {
      await go(page, sc, '#/messages', 'screen-messages');
      await page.locator('[data-testid="log-row"][data-state="failed"]').first().getByTestId('log-history').click();
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'inbox',
    open: async (page, sc) => {
      await go(page, sc, '#/inbox', 'screen-inbox');
      await page.locator(`[data-testid="inbox-thread"][data-number="+86${BOX_NUMBER}"]`).click();
      await page.getByTestId('thread-item').nth(1).waitFor();
    },
  },
  {
    name: 'insight',
    open: async (page, sc) => {
      await go(page, sc, '#/insight', 'screen-insight');
      await page.getByTestId('insight-campaign').first().waitFor();
    },
  },
  {
    name: 'contacts-lists',
    open: async (page, sc) => {
      await go(page, sc, '#/contacts', 'screen-contacts');
      await page.getByTestId('list-row').first().waitFor();
    },
  },
  {
    name: 'contacts-list-open',
    open: async (page, sc) => {
      await go(page, sc, '#/contacts', 'screen-contacts');
      await page.getByTestId('list-open').first().click();
      await page.getByTestId('contact-row').nth(5).waitFor();
    },
  },
  {
    name: 'contacts-edit-contact',
    dialog: true,
    open: async (page, sc) => {
      await go(page, sc, '#/contacts', 'screen-contacts');
      await page.getByTestId('list-open').first().click();
      await page.getByTestId('contact-edit').first().click();
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'contacts-add-contact',
    dialog: true,
    open: async (page, sc) => {
      await go(page, sc, '#/contacts', 'screen-contacts');
      await page.getByTestId('list-open').first().click();
      await page.getByTestId('contacts-add').click();
      await page.getByTestId('contact-add-number').waitFor();
    },
  },
  {
    name: 'templates',
    open: async (page, sc) => {
      await go(page, sc, '#/templates', 'screen-templates');
      await page.locator('[data-testid="template-row"][data-status="rejected"]').getByTestId('review-reason').waitFor();
    },
  },
  {
    name: 'templates-signs',
    open: async (page, sc) => {
      await go(page, sc, '#/templates', 'screen-templates');
      await page.getByTestId('templates-tab-signs').click();
      await page.getByTestId('signs-tab').waitFor();
    },
  },
  dialogView('templates-new', '#/templates', 'templates-new', 'template-form-text'),
  {
    name: 'contacts-optouts',
    open: async (page, sc) => {
      await go(page, sc, '#/contacts', 'screen-contacts');
      await page.getByTestId('contacts-tab-optouts').click();
      await page.getByTestId('optout-row').first().waitFor();
    },
  },
  dialogView('contacts-new-list', '#/contacts', 'list-create', 'list-name-input'),
  dialogView('contacts-merge', '#/contacts', 'list-merge'),
  ...(['file', 'source', 'columns', 'preview'] as const).map(
    (step, index): View => ({
      name: `contacts-import-${step}`,
      open: async (page, sc) => {
        await go(page, sc, '#/contacts', 'screen-contacts');
        await page.getByTestId('contacts-tab-import').click();
        if (index === 0) return void (await page.getByTestId('import-wizard').waitFor());
        await page.getByTestId('import-file').setInputFiles(sc.csvFile);
        await page.getByTestId('import-format').waitFor();
        for (let s = 0; s < index; s++) {
          const next = page.getByTestId('import-next');
          await expect.poll(() => next.isEnabled(), { timeout: 10_000 }).toBe(true);
          await next.click();
        }
        await page.locator(`[data-testid="import-wizard"][data-step="${index}"]`).waitFor();
        if (step === 'preview') await page.getByTestId('import-preview-row').first().waitFor({ timeout: 10_000 });
        // The Columns step shows each column's first values under its header.
        if (step === 'columns') expect(await page.getByTestId('import-column-samples').allTextContents()).toEqual([expect.stringMatching(/13800138001.+13800138002.+13800138003/), expect.stringMatching(/张伟.+王芳.+李娜/), expect.stringMatching(/上海.+北京.+杭州/)]);
      },
    }),
  ),
  {
    name: 'schedules',
    open: async (page, sc) => {
      await go(page, sc, '#/schedules', 'screen-schedules');
      await page.getByTestId('schedule-row').nth(3).waitFor();
    },
  },
  {
    name: 'schedules-new',
    dialog: true,
    open: async (page, sc) => {
      await go(page, sc, '#/schedules', 'screen-schedules');
      await page.getByTestId('schedules-new').click();
      await page.getByTestId('schedule-form-name').waitFor();
      await page.getByTestId('schedule-form-account').click();
      await page.getByRole('option', { name: /Office GSM box/ }).waitFor();
    },
  },
  {
    name: 'schedules-new-jsms',
    dialog: true,
    open: async (page, sc) => {
      await go(page, sc, '#/schedules', 'screen-schedules');
      await page.getByTestId('schedules-new').click();
      await page.getByTestId('schedule-form-account').click();
      await page.getByRole('option', { name: /JPush SMS/ }).click();
      await page.getByTestId('schedule-form-template-select').waitFor();
    },
  },
  {
    name: 'schedules-jsms-detail',
    dialog: true,
    open: async (page, sc) => {
      await go(page, sc, '#/schedules', 'screen-schedules');
      await page.locator('[data-testid="schedule-row"][data-kind="jsms"]').getByTestId('schedule-detail').click();
      await page.getByTestId('schedule-detail-recipient').first().waitFor();
    },
  },
  {
    name: 'schedules-delete',
    dialog: true,
    open: async (page, sc) => {
      await go(page, sc, '#/schedules', 'screen-schedules');
      await page.locator('[data-testid="schedule-row"][data-kind="eims-timed"]').getByTestId('schedule-delete').click();
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'accounts',
    open: async (page, sc) => {
      await go(page, sc, '#/accounts', 'screen-accounts');
      await page.getByTestId('account-test').nth(2).waitFor();
      for (const test of await page.getByTestId('account-test').all()) await test.click();
      await expect.poll(() => page.getByTestId('account-check-result').count(), { timeout: 20_000 }).toBe(3);
    },
  },
  {
    name: 'accounts-ports',
    dialog: true,
    open: async (page, sc) => {
      await go(page, sc, '#/accounts', 'screen-accounts');
      await page.locator('[data-testid="account-row"][data-kind="gsmbox"]').getByTestId('account-test').click();
      await page.getByTestId('account-check-ports').click();
      await page.getByTestId('account-ports-list').waitFor();
    },
  },
  ...(['jsms', 'eims', 'gsmbox'] as const).map(
    (kind): View => ({
      name: `accounts-edit-${kind}`,
      dialog: true,
      open: async (page, sc) => {
        await go(page, sc, '#/accounts', 'screen-accounts');
        await page.locator(`[data-testid="account-row"][data-kind="${kind}"]`).getByTestId('account-edit').click();
        await page.getByTestId('account-form').waitFor();
      },
    }),
  ),
  dialogView('accounts-add', '#/accounts', 'account-add', 'account-form'),
  dialogView('accounts-delete', '#/accounts', 'account-delete'),
  dialogView('accounts-verification', '#/accounts', 'account-verify', 'verification-tool'),
  {
    name: 'settings',
    open: async (page, sc) => {
      await go(page, sc, '#/settings', 'screen-settings');
      await page.locator('[data-testid="receiver-panel"][data-state="listening"]').waitFor({ timeout: 15_000 });
      await page.getByTestId('settings-audit-row').first().waitFor({ timeout: 10_000 });
    },
  },
  dialogView('settings-box-push', '#/settings', 'receiver-box-setup'),
];

describe.runIf(run)('every screen at 1024×700 (and 1280×800), en and zh', () => {
  let sc: Showcase;
  let browser: Browser;
  const results = new Map<string, Findings>();
  const pageErrors: string[] = [];

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    sc = await startShowcase('sms-e2e-screen-checks-');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sc?.stop();
  });

  it('the checks catch what they look for, on a page built to fail them', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.setContent(`<html><body style="margin:0;font:14px sans-serif">
      <div style="width:300px;overflow-x:auto"><table style="width:600px"><tr><td style="width:500px">wide</td><td><button>Delete</button></td></tr></table></div>
      <div style="width:1100px">too wide for the window</div>
      <button style="width:40px;overflow:hidden;white-space:nowrap">新建定时任务</button>
      <div style="width:60px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap">http://127.0.0.1:36893/push</div>
      <div style="width:60px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap" title="a name long enough">a name long enough</div>
      <div style="width:200px;overflow:hidden"><table style="width:400px"><tr><td style="width:300px">campaign</td><td>Pending</td></tr></table></div>
      <div class="mantine-Paper-root" style="width:200px"><table style="width:400px"><tr><td>spills</td></tr></table></div>
      <p>MASTER SECRET已设置 · EIMS 余额 · Office GSM box（GSMBOX）· 代码：EIMS_REPORT_2</p>
      <p>20261206123000 · 12/6/26, 3:12:03 AM · 2026-12-06 04:30 · Dec 6, 2026, 3:11 PM</p>
      <p>2026年12月6日 15:11 · 2026/12/6 04:39</p>
    </body></html>`);
    const en = await inspectPage(page, { lang: 'en', allowedWords: ALLOWED_WORDS, seeded: ['Office GSM box'] });
    expect(en.overflow.join('\n')).toMatch(/the page is \d+ px wide/);
    expect(en.overflow.join('\n')).toMatch(/div “wideDelete” scrolls sideways/);
    expect(en.overflow.join('\n')).toMatch(/div.mantine-Paper-root “spills” spills out sideways: 400 px of content in 200 px/);
    expect(en.clipped.join('\n')).toMatch(/button “Delete” is cut off by div/);
    expect(en.truncated.join('\n')).toMatch(/button “新建定时任务”: its label is cut/);
    expect(en.truncated.join('\n')).toMatch(/div “http:\/\/127\.0\.0\.1:36893\/push” is cut with no tooltip/);
    expect(en.truncated.join('\n')).not.toMatch(/a name long enough/);
    expect(en.clipped.join('\n')).toMatch(/text td “Pending” is cut off by div/);
    expect(en.clipped.join('\n')).not.toMatch(/a name long enough|“campaign”/);
    expect(en.latin).toEqual([]);
    const found = (lines: string[]) => lines.map((l) => l.split(' ⟵ ')[0]).join('\n');
    const enDates = found(en.dates);
    for (const bad of ['20261206123000', '12/6/26', '2026-12-06 04:30', '2026/12/6', '04:39', '12月6日']) expect(enDates).toContain(bad);
    expect(enDates).not.toContain('Dec 6, 2026');
    const zh = await inspectPage(page, { lang: 'zh', allowedWords: ALLOWED_WORDS, seeded: ['Office GSM box'] });
    const latin = found(zh.latin);
    expect(latin).toMatch(/MASTER, SECRET/);
    expect(latin).toMatch(/GSMBOX/);
    expect(latin).not.toMatch(/Office|EIMS_REPORT_2|127/);
    const zhDates = found(zh.dates);
    expect(zhDates).toContain('Dec 6, 2026');
    expect(zhDates).not.toContain('2026年12月6日 15:11');
    await page.close();
  });

  /** Opens each view in turn and keeps what the page checks found, under "<lang> <view>" (or "<lang> wide <view>"). */
  const crawl = async (lang: Lang, viewport: typeof VIEWPORT, views: View[], prefix: string) => {
    await sc.call('settingsUpdate', { language: lang });
    const page = await browser.newPage({ viewport });
    page.on('pageerror', (e) => pageErrors.push(`${lang}: ${e.message}`));
    const options: InspectOptions = { lang, allowedWords: ALLOWED_WORDS, seeded: SEEDED };
    const failed: string[] = [];
    for (const view of views) {
      const key = `${lang} ${prefix}${view.name}`;
      try {
        await view.open(page, sc);
      } catch (e) {
        await page.screenshot({ path: join(SHOTS, `${key.replace(/ /g, '-')}-FAILED.png`) });
        failed.push(`${view.name}: ${(e as Error).message.split('\n')[0]}`);
        await page.keyboard.press('Escape');
        continue;
      }
      await settle(page);
      results.set(key, await inspectPage(page, options));
      await page.screenshot({ path: join(SHOTS, `${key.replace(/ /g, '-')}.png`), fullPage: true });
      await page.keyboard.press('Escape');
    }
    await page.close();
    writeFileSync(join(SHOTS, `findings-${lang}${prefix ? '-wide' : ''}.json`), JSON.stringify(Object.fromEntries([...results].filter(([k]) => k.startsWith(`${lang} ${prefix}`))), null, 1));
    expect(failed).toEqual([]);
    expect(pageErrors).toEqual([]);
  };

  for (const lang of LANGS) {
    it(`visits every view in ${lang} at 1024×700`, () => crawl(lang, VIEWPORT, VIEWS, ''), 400_000);
    it(`visits every screen in ${lang} at 1280×800`, () => crawl(lang, WIDE, VIEWS.filter((v) => !v.dialog), 'wide '), 300_000);
  }

  const report = (lang: Lang, key: keyof Findings, prefix = '', views = VIEWS) =>
    views.flatMap((v) => (results.get(`${lang} ${prefix}${v.name}`)?.[key] ?? ['(not visited)']).map((f) => `${prefix}${v.name}: ${f}`));
  const layout = (lang: Lang, prefix = '', views = VIEWS) => (['overflow', 'clipped', 'truncated'] as const).flatMap((key) => report(lang, key, prefix, views));

  for (const lang of LANGS) {
    it(`${lang}: nothing scrolls sideways and no control is cut off, at 1024×700 and 1280×800`, () => {
      expect([...layout(lang), ...layout(lang, 'wide ', VIEWS.filter((v) => !v.dialog))]).toEqual([]);
    });
    it(`${lang}: every date and time is in the one format`, () => {
      expect(report(lang, 'dates')).toEqual([]);
    });
  }

  it('zh: no untranslated Latin words outside product names, codes and user data', () => {
    expect(report('zh', 'latin')).toEqual([]);
  });

  it('a cut URL shows the whole address in a tooltip on hover, and the narrow navbar names its icons', async () => {
    await sc.call('settingsUpdate', { language: 'en' });
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(`${sc.app.url}#/schedules`);
    const url = page.locator('[data-testid="schedule-row"][data-kind="eims-job"]').getByTestId('schedule-file-url');
    await url.waitFor({ timeout: 15_000 });
    const full = await url.getAttribute('data-tooltip');
    expect(full).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/.+\.xls$/);
    expect(await url.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await url.hover();
    await expect.poll(() => page.getByRole('tooltip').textContent(), { timeout: 5_000 }).toBe(full);
    // Below 1200 px the navbar is a column of icons; each one's name shows on hover.
    expect(await page.getByTestId('nav-inbox').getAttribute('data-icons-only')).toBe('true');
    expect(await page.getByTestId('nav-inbox').textContent()).toBe('');
    await page.getByTestId('nav-inbox').hover();
    await expect.poll(() => page.getByRole('tooltip').textContent(), { timeout: 5_000 }).toBe('Inbox');
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => page.getByTestId('nav-inbox').textContent()).toBe('Inbox');
    await page.close();
  });

  it('visited every route', () => {
    for (const id of ROUTE_IDS) expect(VIEWS.some((v) => v.name === id || v.name.startsWith(`${id}-`))).toBe(true);
  });
});
