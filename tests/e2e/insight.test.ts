/**
 * The Insight screen in Chromium against the simulators (support/showcase.ts: an EIMS campaign with
 * delivered and failed messages, a GSM box send, a reply): the campaign's delivered and failed rates
 * on the screen and in the downloaded .xlsx are what the EIMS simulator decided, the charts are drawn,
 * and full-page pictures are taken at 1280×800 and 1024×700 in English and Chinese
 * (tests/e2e/artifacts/insight-<size>-<lang>.png).
 */
import * as XLSX from '@e965/xlsx';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, browserAvailable, launchChromium } from './support/browser.ts';
import { DONE_CAMPAIGN, startShowcase, type Showcase } from './support/showcase.ts';

const run = browserAvailable();

describe.runIf(run)('Insight in the browser', () => {
  let sc: Showcase;
  let browser: Browser;

  beforeAll(async () => {
    sc = await startShowcase('sms-e2e-insight-');
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await sc?.stop();
  });

  /** What the EIMS simulator decided for the finished campaign (its texts say 春季特惠). */
  function platformTruth() {
    const msgs = [...sc.eims.state.messages.values()].filter((m) => m.content.includes('春季特惠'));
    const delivered = msgs.filter((m) => m.sendStatus === 0 && m.deliverStatus === 3).length;
    return { total: msgs.length, delivered, failed: msgs.length - delivered };
  }

  it('shows the finished campaign as the platform delivered it, draws the charts and exports the same numbers', async () => {
    const truth = platformTruth();
    expect(truth.total).toBe(8);
    expect(truth.failed).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${sc.app.url}#/insight`);
    const row = page.locator(`[data-testid="insight-campaign"][data-campaign="${DONE_CAMPAIGN}"]`);
    await row.waitFor({ timeout: 15_000 });
    const pct = (n: number) => new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(n);
    await expect.poll(() => row.locator('[data-col="delivered"]').textContent(), { timeout: 15_000 }).toBe(pct(truth.delivered / truth.total));
    expect(await row.locator('[data-col="failed"]').textContent()).toBe(pct(truth.failed / truth.total));
    expect(Number((await page.getByTestId('insight-total-handed').textContent())!.replace(/,/g, ''))).toBeGreaterThanOrEqual(truth.total);
    expect(await page.locator('[data-testid=insight-days] .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=insight-hours] .recharts-line-dot, [data-testid=insight-hours] .recharts-line-dots circle').count()).toBeGreaterThan(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('insight-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^Insight \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\.xlsx$/);
    const saved = join(ARTIFACTS, 'insight-export.xlsx');
    await download.saveAs(saved);
    const wb = XLSX.read(readFileSync(saved));
    const campaigns = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Campaigns!);
    expect(campaigns.find((c) => c.campaign === DONE_CAMPAIGN)).toMatchObject({ messages: truth.total, delivered: truth.delivered, failed: truth.failed });
    await page.close();
    expect(errors).toEqual([]);
  }, 60_000);

  for (const size of [
    { width: 1280, height: 800 },
    { width: 1024, height: 700 },
  ])
    for (const lang of ['en', 'zh'] as const)
      it(`pictures the whole screen in ${lang} at ${size.width}×${size.height}`, async () => {
        await sc.call('settingsUpdate', { language: lang });
        const page = await browser.newPage({ viewport: size });
        await page.goto(`${sc.app.url}#/insight`);
        await page.getByTestId('insight-campaign').first().waitFor({ timeout: 15_000 });
        await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe(lang === 'en' ? 'Insight' : '洞察');
        // Nothing wider than the window (the tables scroll inside their panels).
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await page.mouse.move(0, 0);
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(ARTIFACTS, `insight-${size.width}-${lang}.png`), fullPage: true });
        await page.close();
      }, 45_000);
});
