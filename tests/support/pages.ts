/**
 * Opening a page of the served site with its problems collected: console errors, uncaught
 * exceptions and failed requests (other than the page itself, which may be a deliberate 404).
 */
import type { BrowserContext, Page } from 'playwright-core';

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
