/**
 * Offline: nothing reaches any address but loopback and the providers the user configured.
 * - The page: every request Chromium makes while every screen is visited (and a few actions taken) is
 *   recorded; anything not on the app's own loopback origin is aborted and fails the test.
 * - The core: the headless app runs with SMS_CONSOLE_NET_AUDIT, which writes every outbound request of
 *   the core's fetch to a file; each must go to a configured provider (here: simulators on loopback).
 * - The built renderer: no remote fonts, scripts, styles or images, and no unknown remote origin in code.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_IDS } from '../../src/renderer/src/routes.ts';
import { startEimsSim, type EimsSim } from '../sim/eims.ts';
import { startJsmsSim } from '../sim/jsms.ts';
import type { JsmsSim } from '../sim/jsms.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { browserAvailable, launchChromium, screenshotPath } from './support/browser.ts';
import { bridgeCall, startHeadless, type HeadlessApp } from './support/headless-process.ts';

const RENDERER = join(import.meta.dirname, '../../out/renderer');
const run = browserAvailable();
const isLoopback = (url: URL) => url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';

describe('the built renderer', () => {
  const files = existsSync(RENDERER) ? readdirSync(join(RENDERER, 'assets')).map((f) => join('assets', f)).concat('index.html') : [];
  const text = (f: string) => readFileSync(join(RENDERER, f), 'utf8');

  it('is built', () => {
    expect(files.length, 'run `npm run build` first').toBeGreaterThan(1);
  });

  it('loads no remote script, style, font or image', () => {
    const html = text('index.html');
    for (const m of html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)) expect(m[1], `index.html loads ${m[1]}`).not.toMatch(/^(?:[a-z]+:)?\/\//i);
    for (const f of files.filter((x) => x.endsWith('.css'))) {
      const css = text(f);
      for (const m of css.matchAll(/url\(\s*["']?([^"')]+)/g)) expect(m[1], `${f}: url(${m[1]})`).toMatch(/^(?:data:|\.{0,2}\/|[\w-]+\.)/);
      expect(css, `${f} imports remote CSS`).not.toMatch(/@import\s+(?:url\()?["']?(?:https?:)?\/\//);
    }
    for (const f of files.filter((x) => x.endsWith('.js'))) {
      const js = text(f);
      expect(js, `${f} mentions a web font service`).not.toMatch(/fonts\.(?:googleapis|gstatic)\.com|use\.typekit|cdn\.jsdelivr|unpkg\.com|cdnjs\./);
      expect(js, `${f} sends telemetry`).not.toMatch(/sentry\.io|google-analytics|googletagmanager|segment\.io|mixpanel|posthog/);
    }
  });

  it('names no remote origin in code except known non-request strings (namespaces, docs links, examples, provider defaults)', () => {
    const allowed = [
      /^https?:\/\/www\.w3\.org$/, // XML/SVG namespaces
      /^https?:\/\/(?:react\.dev|reactjs\.org|developer\.mozilla\.org|floating-ui\.com|react\.i18next\.com|mantine\.dev|github\.com|gitlab\.com|json-schema\.org|www\.twilio\.com)$/, // docs links in library error messages
      // Docs links in recharts' (the Insight and dashboard charts) and its dependencies' comments and error messages: d3, redux, immer ("Full error at: https://bit.ly/…").
      /^https:\/\/(?:d3js\.org|recharts\.github\.io|redux\.js\.org|react-redux\.js\.org|redux-toolkit\.js\.org|bit\.ly)$/,
      /^https:\/\/api\.sms\.jpush\.cn$/, // JSMS's documented API address: a placeholder until the user saves an account with it
      /^http:\/\/(?:192\.168\.\d+\.\d+|10\.\d+\.\d+\.\d+|203\.0\.113\.\d+)(?::\d+)?$/, // example addresses in placeholders
    ];
    const origins = new Set<string>();
    for (const f of files.filter((x) => x.endsWith('.js') || x.endsWith('.html'))) {
      for (const m of text(f).matchAll(/https?:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?/gi)) origins.add(m[0]);
    }
    const unknown = [...origins].filter((o) => !allowed.some((re) => re.test(o)));
    expect(unknown, 'new remote origins in the renderer bundle: make sure none is requested, then allow them here').toEqual([]);
  });
});

describe.runIf(run)('offline end to end', () => {
  const tmp = makeTempDir('sms-e2e-offline-');
  const netLog = join(tmp.dir, 'core-requests.log');
  let app: HeadlessApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let eims: EimsSim;
  let jsms: JsmsSim;
  const pageRequests: string[] = [];
  const blocked: string[] = [];

  beforeAll(async () => {
    eims = await startEimsSim({ balance: 1000 });
    jsms = await startJsmsSim();
    process.env.SMS_CONSOLE_NET_AUDIT = netLog;
    try {
      app = await startHeadless(join(tmp.dir, 'data'));
    } finally {
      delete process.env.SMS_CONSOLE_NET_AUDIT;
    }
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      pageRequests.push(url);
      const u = new URL(url);
      if (u.protocol === 'data:' || u.protocol === 'blob:' || (isLoopback(u) && u.origin === app.origin)) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
    context.on('request', (r) => {
      if (!pageRequests.includes(r.url())) pageRequests.push(r.url());
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await eims?.close();
    await jsms?.close();
    tmp.cleanup();
  });

  it('the page and the core reach only loopback and the configured providers on every screen', async () => {
    const e = await bridgeCall(app, 'accountsCreate', { config: { kind: 'eims', name: 'EIMS', baseUrl: eims.url, account: 'demo', encrypted: false }, secrets: { password: 'demo-password' } });
    const j = await bridgeCall(app, 'accountsCreate', { config: { kind: 'jsms', name: 'JSMS', baseUrl: jsms.url, appKey: 'demo-app-key' }, secrets: { masterSecret: 'demo-master-secret' } });
    expect(e.ok && j.ok).toBe(true);

    await page.goto(app.url);
    for (const route of ROUTE_IDS) {
      await page.goto(`${app.url}#/${route}`);
      await page.getByTestId(`screen-${route}`).waitFor({ timeout: 15_000 });
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: screenshotPath(`offline-${route}`) });
    }
    // Actions that make the core talk to providers: connection tests from the Accounts screen.
    await page.goto(`${app.url}#/accounts`);
    await page.getByTestId('screen-accounts').waitFor();
    for (const id of [(e.value as { id: string }).id, (j.value as { id: string }).id]) {
      const r = await bridgeCall(app, 'accountsTest', { id });
      expect(r.ok).toBe(true);
    }
    // Both languages and themes render from bundled resources only.
    await bridgeCall(app, 'settingsUpdate', { language: 'zh', theme: 'dark' });
    await page.goto(`${app.url}#/settings`);
    await page.getByTestId('screen-settings').waitFor();
    await page.waitForLoadState('networkidle');

    expect(blocked, 'the page asked for remote addresses').toEqual([]);
    expect(pageRequests.length).toBeGreaterThan(3);
    for (const url of pageRequests) expect(new URL(url).origin, url).toBe(app.origin);

    const allowedHosts = new Set([new URL(eims.url).host, new URL(jsms.url).host]);
    const coreRequests = existsSync(netLog) ? readFileSync(netLog, 'utf8').trim().split('\n').filter(Boolean) : [];
    expect(coreRequests.length, 'the core made no provider call: the audit is not recording').toBeGreaterThan(0);
    for (const line of coreRequests) {
      const url = new URL(line.split(' ')[1]!);
      expect(isLoopback(url) && allowedHosts.has(url.host), `core requested ${line}`).toBe(true);
    }
  });
});
