/**
 * Account failover in the real renderer (issue 19 part 5): a campaign paused because its EIMS balance
 * ran out; on its page the user moves the rest to another account, sees the summary for that account,
 * confirms, and lands on the new campaign. At the far end the second platform got exactly the numbers
 * the first never received — together every number once. English and Chinese, 1024×700 and 1280×800.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { cnMobiles } from '../helpers/sending.ts';
import { startEimsSim, type EimsSim } from '../sim/eims.ts';
import { startGsmboxSim, type GsmboxSim } from '../sim/gsmbox.ts';
import { browserAvailable, launchChromium, screenshotPath } from './support/browser.ts';
import { bridgeCall, startHeadless, type HeadlessApp } from './support/headless-process.ts';

const run = browserAvailable();
/** EIMS takes 500 numbers per request: with a balance of 500 one of the two requests (500 and 100) goes through, the other is refused. */
const TOTAL = 600;
const mobile = (n: string) => n.replace(/\D/g, '').slice(-11);

describe.runIf(run)('moving a paused campaign to another account, in the real renderer', () => {
  const tmp = makeTempDir('sms-e2e-failover-');
  let first: EimsSim;
  let second: EimsSim;
  let box: GsmboxSim;
  let app: HeadlessApp;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const ids: Record<string, string> = {};

  const call = async (name: string, input?: unknown) => {
    const res = await bridgeCall(app, name, input);
    expect(res.ok, JSON.stringify(res.error)).toBe(true);
    return res.value as Record<string, unknown>;
  };
  const campaign = async (id: string) => (await call('campaignGet', { id })) as { state: string; counts: Record<string, number>; lastError: { code: string } | null };

  beforeAll(async () => {
    first = await startEimsSim({ balance: 500, price: 1 });
    second = await startEimsSim({ balance: 1_000_000 });
    box = await startGsmboxSim({ ports: 4 });
    app = await startHeadless(join(tmp.dir, 'data'));
    for (const [key, name, sim] of [['first', 'Platform A', first], ['second', 'Platform B', second]] as const) {
      ids[key] = (await call('accountsCreate', { config: { kind: 'eims', name, baseUrl: sim.url, account: 'demo', encrypted: false }, secrets: { password: 'demo-password' } })).id as string;
    }
    await call('accountsCreate', { config: { kind: 'gsmbox', name: 'Office box', baseUrl: box.url, username: 'admin' }, secrets: { password: 'box-password' } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    page.on('pageerror', (e) => errors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await Promise.all([first?.close(), second?.close(), box?.close()]);
    tmp.cleanup();
  });

  async function pausedCampaign(name: string, numbers: string[]): Promise<string> {
    first.state.balance = 500;
    const c = await call('campaignCreate', { name, accountId: ids.first, content: { mode: 'text', body: `${name}: 周末特惠` }, recipients: { listIds: [], pasted: numbers.join('\n') }, confirmed: true });
    // Paused, with no request still in flight (a refused one puts its messages back in the queue).
    await expect.poll(async () => { const v = await campaign(c.id as string); return v.state === 'paused' && v.counts.submitting === 0; }, { timeout: 20_000 }).toBe(true);
    expect((await campaign(c.id as string)).lastError?.code).toBe('EIMS_BALANCE');
    return c.id as string;
  }

  for (const [lang, name, start] of [
    ['en', 'Weekend sale', 0],
    ['zh', '周末特惠', TOTAL],
  ] as const) {
    it(`moves the unsent rest after showing its summary (${lang})`, async () => {
      await call('settingsUpdate', { language: lang });
      const numbers = cnMobiles(TOTAL, start);
      const id = await pausedCampaign(name, numbers);
      const firstGot = first.state.accepted.filter((a) => a.content.startsWith(name)).map((a) => mobile(a.number));
      // Which request the balance refused depends on which of the two in flight arrived first.
      const handed = firstGot.length;
      expect([100, 500]).toContain(handed);

      await page.setViewportSize({ width: 1024, height: 700 });
      await page.goto(`${app.url}#/campaigns/${id}`);
      await page.getByTestId('campaign-detail').waitFor();
      await page.getByTestId('campaign-move').click();
      const dialog = page.getByTestId('campaign-move-dialog');
      await page.getByTestId('campaign-move-account').click();
      // Free text: the other EIMS account and the box are offered, not the account that paused.
      const options = await page.getByRole('option').allTextContents();
      expect(options.map((o) => o.split(/[ (（]/)[0])).toEqual(expect.arrayContaining(['Platform', 'Office']));
      expect(options.some((o) => o.startsWith('Platform A'))).toBe(false);
      expect(options).toHaveLength(2);
      await page.getByRole('option', { name: /Platform B/ }).click();
      await dialog.getByTestId('compose-summary').waitFor();
      expect(await dialog.getByTestId('summary-recipients').getAttribute('data-count')).toBe(String(TOTAL - handed));
      expect(await dialog.getByTestId('summary-segments').getAttribute('data-count')).toBe(String(TOTAL - handed));
      expect(await dialog.getByTestId('summary-sample').first().textContent()).toContain(`${name}: 周末特惠`);
      // The intro's promise: what was handed over stays.
      const intro = dialog.getByTestId('campaign-move-intro');
      expect(await intro.getAttribute('data-count')).toBe(String(handed));
      expect(await intro.textContent()).toContain(String(handed));
      expect(second.state.accepted.filter((a) => a.content.startsWith(name))).toHaveLength(0);
      await page.screenshot({ path: screenshotPath(`failover-1-summary-${lang}-1024`) });
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.screenshot({ path: screenshotPath(`failover-1-summary-${lang}-1280`) });

      await dialog.getByTestId('compose-send').click();
      await expect.poll(() => page.url(), { timeout: 15_000 }).not.toContain(id);
      const detail = page.getByTestId('campaign-detail');
      await expect.poll(() => detail.getAttribute('data-handed-over'), { timeout: 30_000 }).toBe(String(TOTAL - handed));
      await page.getByTestId('campaign-moved-from').waitFor();
      await page.screenshot({ path: screenshotPath(`failover-2-new-campaign-${lang}-1280`) });

      // The far end: B got exactly what A never got; together every number once.
      const secondGot = second.state.accepted.filter((a) => a.content.startsWith(name)).map((a) => mobile(a.number));
      expect(secondGot).toHaveLength(TOTAL - handed);
      expect(new Set([...firstGot, ...secondGot])).toEqual(new Set(numbers));
      expect(firstGot.filter((n) => secondGot.includes(n))).toEqual([]);

      // The first campaign links to the new one and waits for its reports.
      await page.getByTestId('campaign-moved-from').getByRole('link').click();
      await page.getByTestId('campaign-moved-to').waitFor();
      await expect.poll(async () => (await campaign(id)).state).toBe('handed');
      await expect.poll(() => detail.getAttribute('data-state')).toBe('handed');
      expect(await page.getByTestId('campaign-move').count()).toBe(0);
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.screenshot({ path: screenshotPath(`failover-3-source-${lang}-1024`), fullPage: true });
    });
  }

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
