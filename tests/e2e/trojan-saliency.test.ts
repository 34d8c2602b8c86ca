/**
 * The trojan-saliency demo in Chromium: the reader paints a trigger with the mouse and the
 * keyboard, retrains with it, and the verdict and the scores are about that trigger (its size in
 * the verdict, its code in the URL, its outline on the maps).
 */
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import { openPage, useServedSite } from '../support/pages';

const available = chromiumAvailable();
const ID = 'trojan-saliency';

describe.runIf(available)('trojan-saliency: a painted trigger', () => {
  const site = useServedSite();

  it('paints a trigger with mouse and keyboard, retrains, and the verdict reflects it', async () => {
    const { page, errors } = await openPage(site.context, site.server.url, '/notes/ground-truth-problem', { width: 1280, height: 900 });
    await page.locator(`[data-demo-placeholder="${ID}"], [data-demo="${ID}"]`).first().scrollIntoViewIfNeeded();
    const demo = page.locator(`[data-demo="${ID}"]`);
    await demo.waitFor({ timeout: 30_000 });
    const grid = demo.getByRole('grid', { name: /Trigger painter/ });
    const cell = (r: number, c: number) => grid.locator(`[data-row="${r}"][data-col="${c}"]`);

    // Start from an empty grid: the default 2x2 corner trigger is painted.
    await expect.poll(() => cell(7, 7).getAttribute('aria-selected')).toBe('true');
    await demo.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => grid.locator('[aria-selected="true"]').count()).toBe(0);
    expect(await demo.getByRole('button', { name: 'Retrain with this trigger' }).isDisabled()).toBe(true);

    // Mouse: the top-left two pixels of the first row.
    await cell(0, 0).click();
    await cell(0, 1).click();
    // Keyboard: from the last clicked cell, down one and toggle with Space, left one and toggle with Enter.
    await grid.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    for (const [r, c] of [[0, 0], [0, 1], [1, 0], [1, 1]]) expect(await cell(r, c).getAttribute('aria-selected')).toBe('true');
    expect(await grid.locator('[aria-selected="true"]').count()).toBe(4);
    expect(await grid.getAttribute('aria-label')).toContain('4 painted');
    // Toggling twice leaves a pixel as it was.
    await page.keyboard.press('Space');
    expect(await cell(1, 0).getAttribute('aria-selected')).toBe('false');
    await page.keyboard.press('Space');
    expect(await cell(1, 0).getAttribute('aria-selected')).toBe('true');

    await demo.getByRole('button', { name: 'Retrain with this trigger' }).click();
    await expect.poll(() => demo.getAttribute('data-state'), { timeout: 170_000, interval: 1000 }).toMatch(/done|error/);
    expect(await demo.locator('.demo-error').count()).toBe(0);

    // The trigger travels as a parameter: in the URL, in the same text form as the CLI's --set.
    expect(new URL(page.url()).searchParams.get(`${ID}.trigger`)).toBe('c0c0000000000000');
    // The verdict is about this trigger: its size, and the scores against its known position.
    const verdict = demo.locator('[data-verdict]');
    const text = (await verdict.textContent()) ?? '';
    console.log(`trojan-saliency in Chromium with a painted trigger: verdict after ${await verdict.getAttribute('data-seconds')} s: ${text}`);
    expect(text).toContain('4-pixel trigger');
    expect(text).toContain('a uniform map: 0.06');
    expect(text).toMatch(/triggered digits/);
    const table = demo.locator('[data-scores]');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(6);
    // Gradient x input sees the trigger: well above a uniform map's 0.06.
    const gxi = Number(await table.locator('tr[data-method="gradientTimesInput"] td').first().textContent());
    expect(gxi).toBeGreaterThan(0.2);
    // The maps outline the painted trigger (top-left), not the default corner.
    const outline = await demo.locator('[data-method="occlusion"] svg path').first().getAttribute('d');
    expect(outline).toContain('M0 0h1');
    expect(outline).not.toContain('M7 8h1');
    expect(errors).toEqual([]);
    await page.close();
  }, 200_000);
});
