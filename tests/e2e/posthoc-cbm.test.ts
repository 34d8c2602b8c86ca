/**
 * The posthoc-cbm demo in Chromium: after the run, the reader edits the concept head and the
 * accuracies change at once on the page (no retraining): deleting the three "bold" concepts costs
 * accuracy, deleting the two distractors does not, and Undo restores the trained head.
 */
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import { openPage, useServedSite } from '../support/pages';

const available = chromiumAvailable();
const ID = 'posthoc-cbm';

describe.runIf(available)('posthoc-cbm: global edits of the concept head', () => {
  const site = useServedSite();

  it('deleting concepts re-scores the test set instantly, and Undo restores it', async () => {
    const { page, errors } = await openPage(site.context, site.server.url, '/notes/post-hoc-concept-bottleneck-models', { width: 1280, height: 900 });
    await page.locator(`[data-demo-placeholder="${ID}"], [data-demo="${ID}"]`).first().scrollIntoViewIfNeeded();
    const demo = page.locator(`[data-demo="${ID}"]`);
    await demo.waitFor({ timeout: 30_000 });
    await demo.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => demo.getAttribute('data-state'), { timeout: 170_000, interval: 1000 }).toMatch(/done|error/);
    expect(await demo.locator('.demo-error').count()).toBe(0);

    const edited = demo.getByTestId('edited-accuracy');
    const read = async () => Number.parseFloat(((await edited.textContent()) ?? '').replace('%', '')) / 100;
    const trained = await read();
    expect(trained).toBeGreaterThan(0.25);

    for (const name of ['bright', 'striped']) await demo.getByRole('button', { name: `${name} × 0`, exact: true }).click();
    const withoutDistractors = await read();
    expect(withoutDistractors).toBeGreaterThan(trained - 0.02);

    for (const name of ['square', 'large', 'filled']) await demo.getByRole('button', { name: `${name} × 0`, exact: true }).click();
    const withoutBold = await read();
    console.log(`posthoc-cbm edits in Chromium: trained ${trained.toFixed(3)}, without distractors ${withoutDistractors.toFixed(3)}, also without the bold concepts ${withoutBold.toFixed(3)}`);
    expect(withoutBold).toBeLessThan(withoutDistractors - 0.1);
    expect(await demo.getByRole('button', { name: 'square × 0', exact: true }).getAttribute('aria-pressed')).toBe('true');

    await demo.getByRole('button', { name: 'Undo edits' }).click();
    expect(await read()).toBe(trained);
    expect(errors).toEqual([]);
  });
});
