/**
 * A reader's bad luck and bad input on a demo: the network drops before Run (the demo says so
 * in words and works again once it is back, without a reload), and the seed box given things
 * that are not seeds (each explained, none silently applied).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from '../support/browser';
import { openPage, useServedSite } from '../support/pages';

const available = chromiumAvailable();
const NOTE = '/notes/neural-tangent-kernel';
const ID = 'ntk';

async function showDemo(page: Page) {
  await page.locator(`[data-demo-placeholder="${ID}"], [data-demo="${ID}"]`).first().scrollIntoViewIfNeeded();
  const demo = page.locator(`[data-demo="${ID}"]`);
  await demo.waitFor({ timeout: 30_000 });
  return demo;
}

describe.runIf(available)('demo robustness in Chromium', () => {
  const site = useServedSite();

  it('offline at Run: a message in words; back online, Run works without a reload', async () => {
    const { page } = await openPage(site.context, site.server.url, NOTE, { width: 1280, height: 900 });
    const demo = await showDemo(page);
    await site.context.setOffline(true);
    try {
      await demo.getByRole('button', { name: 'Run', exact: true }).click();
      await expect.poll(() => demo.getAttribute('data-state'), { timeout: 60_000 }).toBe('error');
      const message = (await demo.locator('.demo-error').textContent()) ?? '';
      expect(message).toContain('could not be downloaded');
      expect(message).toContain('check your connection');
      expect(message).not.toMatch(/importScripts|chunk|at \w+ \(/);
    } finally {
      await site.context.setOffline(false);
    }
    await demo.getByRole('button', { name: 'Run again', exact: true }).click();
    await expect.poll(() => demo.getAttribute('data-state'), { timeout: 120_000, interval: 500 }).toBe('done');
    expect(await demo.locator('.demo-error').count()).toBe(0);
    expect(await demo.locator('[data-verdict]').count()).toBe(1);
    await page.close();
  });

  it('the seed box explains what it cannot use and never applies a keystroke on its own', async () => {
    const { page, errors } = await openPage(site.context, site.server.url, NOTE, { width: 1280, height: 900 });
    const demo = await showDemo(page);
    const seed = demo.getByLabel('Seed', { exact: true });
    const commit = async (text: string) => {
      await seed.fill(text);
      await seed.press('Enter');
    };
    const message = () => demo.locator('.demo-seed-message').textContent();

    await seed.fill(''); // clearing on the way to a new seed does nothing yet
    expect(page.url()).not.toContain(`${ID}.seed=0`);
    await seed.press('Enter');
    expect(await message()).toContain('kept 1');
    expect(await seed.inputValue()).toBe('1');

    await commit('-5');
    expect(await message()).toContain('out of range');
    expect(await seed.inputValue()).toBe('0');

    await commit('007');
    expect(await seed.inputValue()).toBe('7');
    await expect.poll(() => page.url()).toContain(`${ID}.seed=7`);

    await commit('1e3');
    expect(await seed.inputValue()).toBe('1000');

    await commit('banana');
    expect(await message()).toContain('kept 1000');
    expect(await seed.inputValue()).toBe('1000');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a settings number field says what was typed when it is not a usable number', async () => {
    const { page } = await openPage(site.context, site.server.url, NOTE, { width: 1280, height: 900 });
    const demo = await showDemo(page);
    await demo.locator('.demo-settings summary').click();
    const field = demo.locator('.param-field input[type="text"]').first();
    const before = await field.inputValue();
    await field.fill('1e309');
    await field.press('Enter');
    const message = (await demo.locator('.param-message').first().textContent()) ?? '';
    expect(message).toContain('"1e309" is not a number');
    expect(await field.inputValue()).toBe(before); // back to the default it had
    await page.close();
  });

  it('a huge URL value is reported shortened and does not widen the page', async () => {
    // 8 KB in one value (the server's request line limit is 16 KB), and a long seed beside it.
    const { page } = await openPage(site.context, site.server.url, `${NOTE}?${ID}.steps=${'9'.repeat(8000)}&${ID}.seed=${'x'.repeat(500)}`, { width: 390, height: 844 });
    const demo = await showDemo(page);
    const notice = demo.locator('.demo-notice');
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('(steps)');
    expect(text).toContain('…');
    expect(text.length).toBeLessThan(600);
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(widths.doc).toBeLessThanOrEqual(widths.view);
    await page.close();
  });
});
