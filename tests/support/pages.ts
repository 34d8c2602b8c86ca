/**
 * The served site for e2e suites, and opening a page of it with its problems collected: console errors, uncaught
 * exceptions and failed requests (other than the page itself, which may be a deliberate 404).
 */
import fs from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startStaticServer, type StaticServer } from '../../scripts/static-server';
import { launchBrowser } from './browser';

export interface OpenedPage {
  page: Page;
  errors: string[];
  status: number | undefined;
}

export async function openPage(context: BrowserContext, baseUrl: string, path: string, viewport?: { width: number; height: number }): Promise<OpenedPage> {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith(path)) errors.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  const response = await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
  return { page, errors, status: response?.status() };
}

/**
 * The built site served from out/ and a fresh Chromium profile, started before a suite's
 * tests and closed after them. Call inside a describe block; read the fields in tests.
 */
export function useServedSite(): { server: StaticServer; context: BrowserContext } {
  const site = {} as { server: StaticServer; context: BrowserContext };
  let closeBrowser: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (!fs.existsSync('out/index.html')) throw new Error('out/ is missing: run `npm run build` first (npm run test:e2e does).');
    site.server = await startStaticServer();
    const browser = await launchBrowser();
    site.context = browser.context;
    closeBrowser = browser.close;
  });
  afterAll(async () => {
    await closeBrowser?.();
    await site.server?.close();
  });
  return site;
}
