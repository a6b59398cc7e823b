import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(import.meta.dirname, '../artifacts');

/**
 * Whether the browser tests can run. Locally a missing Chromium skips them with a note; under CI=true
 * it is a failure (the suite must not go green without the browser).
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`Chromium is not installed at ${CHROMIUM}; CI must run the end-to-end tests (apt-get install -y chromium).`);
  console.warn(`Skipping browser tests: no Chromium at ${CHROMIUM} (apt-get install -y chromium).`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

export const screenshotPath = (name: string) => join(ARTIFACTS, `${name}.png`);
