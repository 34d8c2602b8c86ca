/**
 * The authoring loop in `npm run dev`, as an author lives it: with a note open and scrolled,
 * saving the file updates the page by itself and keeps the scroll position; a broken save shows
 * the note's problems in the page; fixing it recovers the page, all without a reload or restart.
 * Runs the real dev server (scripts/dev.mjs -> next dev) on a small content tree (the content
 * tests' valid fixture, with a long section added so there is somewhere to scroll): the loop is
 * the same for any note, and a small tree keeps the dev server's first page quick.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { chromiumAvailable, launchBrowser } from '../support/browser';

const available = chromiumAvailable();
const SLUG = 'alpha';
const HEADING = '## Results so far';
const FILLER = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} of a long section, so that the page scrolls well past the first screen.`).join('\n\n');

async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, 'localhost', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe.runIf(available)('the dev loop: edit, save, see', () => {
  let root = '';
  let dev: ChildProcess | undefined;
  let log = '';
  let base = '';
  let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-loop-'));
    fs.cpSync('tests/content/fixtures/good', root, { recursive: true });
    const alpha = path.join(root, 'content', 'notes', `${SLUG}.mdx`);
    fs.writeFileSync(alpha, `${fs.readFileSync(alpha, 'utf8')}\n## Background\n\n${FILLER}\n\n${HEADING}\n\nWhat we have so far.\n\n${FILLER}\n`);
    const port = await freePort();
    base = `http://localhost:${port}`;
    dev = spawn(process.execPath, ['scripts/dev.mjs', '--port', String(port)], {
      env: { ...process.env, CONTENT_ROOT: root, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    dev.stdout!.on('data', (d) => (log += d));
    dev.stderr!.on('data', (d) => (log += d));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    if (dev?.pid) {
      try {
        process.kill(-dev.pid, 'SIGTERM'); // the whole group: the launcher, next dev and its workers
      } catch {
        // already gone
      }
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('saving a note updates the open page in place; a broken save shows its problems there; fixing it recovers', async () => {
    const file = path.join(root, 'content', 'notes', `${SLUG}.mdx`);
    const original = fs.readFileSync(file, 'utf8');
    expect(original).toContain(HEADING);
    const page = await browser!.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    // The first visit compiles the route: slow on a small machine, so a generous limit.
    await expect.poll(async () => (await page.goto(`${base}/notes/${SLUG}`, { waitUntil: 'load', timeout: 170_000 }).catch(() => null))?.status() ?? 0, { timeout: 170_000, interval: 2000 }).toBe(200);
    await page.locator('h1').first().waitFor();
    // Hydrated and listening for saves (a save before that would be missed, as it would by a person).
    await page.locator('html[data-content-events="open"]').waitFor({ timeout: 120_000 });

    // Scroll to a heading further down, as an author would while writing that section.
    await page.locator('#results-so-far').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 200));
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(500);

    // 1. Save an edit: the page changes by itself, without a reload, at the same scroll position.
    const marker = `Edited while the page was open ${Date.now()}.`;
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const savedAt = Date.now();
    fs.writeFileSync(file, original.replace(HEADING, `${HEADING}\n\n${marker}`));
    await expect.poll(() => page.locator('main').textContent(), { timeout: 90_000, interval: 100 }).toContain(marker);
    console.log(`[dev-loop] save -> page updated in ${((Date.now() - savedAt) / 1000).toFixed(2)} s`);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(5);

    // 2. Save a broken note: its problems appear in the page, at file:line:col.
    fs.writeFileSync(file, original.replace(HEADING, `${HEADING}\n\n${marker}\n\n<Chart />`));
    await expect.poll(() => page.locator('.content-errors').count(), { timeout: 90_000, interval: 100 }).toBe(1);
    expect(await page.locator('.content-errors').textContent()).toMatch(new RegExp(`content/notes/${SLUG}\\.mdx:\\d+:1 unknown component <Chart>`));

    // 3. Fix it: the note comes back, still without a reload.
    fs.writeFileSync(file, original.replace(HEADING, `${HEADING}\n\n${marker} Fixed.`));
    await expect.poll(() => page.locator('main').textContent(), { timeout: 90_000, interval: 100 }).toContain(`${marker} Fixed.`);
    expect(await page.locator('.content-errors').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(pageErrors, log.slice(-2000)).toEqual([]);

    // 4. A note file that appears while the dev server runs (by hand here, not new-note) is listed
    //    by the time the author opens it: the launcher asks Next for it, so the first visit is a 200.
    const fresh = path.join(root, 'content', 'notes', 'gamma.mdx');
    fs.writeFileSync(fresh, fs.readFileSync(path.join(root, 'content', 'notes', 'beta.mdx'), 'utf8').replace(/^title: .*$/m, 'title: "Gamma note"'));
    await expect.poll(() => /GET \/notes\/gamma 200/.test(log), { timeout: 90_000, interval: 200 }).toBe(true);
    const visit = await page.goto(`${base}/notes/gamma`, { waitUntil: 'load' });
    expect(visit?.status()).toBe(200);
    expect(await page.locator('h1').first().textContent()).toContain('Gamma note');
    console.log(`[dev-loop] dev server log:\n${log.slice(-1500)}`);
    await page.close();
  }, 400_000);
});
