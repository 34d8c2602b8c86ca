/**
 * What readers of research notes expect, in the built site: "Cite this note" copies by
 * keyboard (and its text is in the HTML without JavaScript), the Atom feed and the sitemap are
 * well-formed XML listing every note with its date, and a link to another note previews that
 * note on hover, on keyboard focus and on a tap, at desktop and phone widths, in both themes.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from '../support/browser';
import { openPage, useServedSite } from '../support/pages';
import { buildContentIndex } from '@/lib/content/index';

const available = chromiumAvailable();
const index = buildContentIndex();
const slugs = index.notes.map((n) => n.slug);
const titleOf = (slug: string) => index.notes.find((n) => n.slug === slug)?.frontmatter.title;
// A note that links to other notes (most do, in their "related" lists).
const linking = index.notes.find((n) => n.links.some((l) => l.slug && l.slug !== n.slug))!;

const sizes = [
  { name: 'desktop', width: 1400, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Parses XML in the page (the browser's own parser) and returns what the test needs from it. */
async function readXml(page: Page, url: string, entrySelector: string, linkOf: string, dateOf: string) {
  return page.evaluate(
    async ({ url, entrySelector, linkOf, dateOf }) => {
      const response = await fetch(url);
      const doc = new DOMParser().parseFromString(await response.text(), 'application/xml');
      const error = doc.querySelector('parsererror')?.textContent ?? null;
      const entries = [...doc.querySelectorAll(entrySelector)].map((e) => ({
        link: e.querySelector(linkOf)?.getAttribute('href') ?? e.querySelector(linkOf)?.textContent ?? '',
        date: e.querySelector(dateOf)?.textContent ?? '',
      }));
      return { status: response.status, root: doc.documentElement.nodeName, namespace: doc.documentElement.namespaceURI, error, entries };
    },
    { url, entrySelector, linkOf, dateOf },
  );
}

const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text));

describe.runIf(available)('reader features in Chromium', () => {
  const site = useServedSite();

  it('the Atom feed is well-formed and lists every note once, each with its link and an updated date', async () => {
    const { page, errors } = await openPage(site.context, site.server.url, '/');
    const feed = await readXml(page, '/feed.xml', 'entry', 'link[rel="alternate"]', 'updated');
    expect(feed.error).toBeNull();
    expect(feed.status).toBe(200);
    expect([feed.root, feed.namespace]).toEqual(['feed', 'http://www.w3.org/2005/Atom']);
    expect(feed.entries.map((e) => e.link.replace(/^.*\/notes\//, '')).sort()).toEqual([...slugs].sort());
    for (const e of feed.entries) {
      expect(e.link, 'absolute URL').toMatch(/^https?:\/\/[^/]+\/notes\//);
      expect(isDate(e.date), `${e.link} updated ${e.date}`).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the sitemap is well-formed and lists every note with its last-modified date', async () => {
    const { page, errors } = await openPage(site.context, site.server.url, '/');
    const map = await readXml(page, '/sitemap.xml', 'url', 'loc', 'lastmod');
    expect(map.error).toBeNull();
    expect([map.root, map.namespace]).toEqual(['urlset', 'http://www.sitemaps.org/schemas/sitemap/0.9']);
    const notes = map.entries.filter((e) => /\/notes\//.test(e.link));
    expect(notes.map((e) => e.link.replace(/^.*\/notes\//, '')).sort()).toEqual([...slugs].sort());
    for (const e of notes) expect(isDate(e.date), `${e.link} lastmod ${e.date}`).toBe(true);
    expect(map.entries.map((e) => new URL(e.link).pathname)).toEqual(expect.arrayContaining(['/', '/topics', '/search']));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('every note shows when it was last updated', async () => {
    const { page } = await openPage(site.context, site.server.url, `/notes/${linking.slug}`);
    const time = page.locator('.note-updated time');
    expect(await time.textContent()).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(isDate(String(await time.getAttribute('datetime')).replace(/^(\d{4}-\d{2}-\d{2})$/, '$1T00:00:00Z'))).toBe(true);
    await page.close();
  });

  it('"Cite this note" is plain text in the HTML, and its buttons copy by keyboard and say so', async () => {
    const path = `/notes/${linking.slug}`;
    const html = await (await fetch(site.server.url + path)).text();
    expect(html).toContain('@misc{');
    expect(html).toContain(`${linking.frontmatter.title}`);

    await site.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.server.url });
    const { page, errors } = await openPage(site.context, site.server.url, path);
    const bibtex = (await page.locator('#cite-note-bibtex').textContent())!;
    expect(bibtex).toMatch(new RegExp(`^@misc\\{[a-z-]+:${linking.slug},\\n`));
    expect(bibtex).toContain(`/notes/${linking.slug}}`);

    const button = page.getByRole('button', { name: 'Copy BibTeX' });
    await button.focus();
    await page.keyboard.press('Enter');
    const status = page.locator('#cite-note-bibtex-status');
    await status.filter({ hasText: /\S/ }).waitFor();
    const said = (await status.textContent())!;
    // With clipboard permission the text is copied; where a browser refuses, it is selected instead.
    if (said === 'Copied') expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(bibtex);
    else {
      expect(said).toMatch(/^Selected/);
      expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(bibtex);
    }

    await page.getByRole('button', { name: 'Copy citation' }).click();
    await page.locator('#cite-note-text-status').filter({ hasText: /\S/ }).waitFor();
    const citation = (await page.locator('#cite-note-text').textContent())!;
    expect(citation).toContain(`“${linking.frontmatter.title}`);
    expect(citation).toMatch(new RegExp(`https?://\\S+/notes/${linking.slug}$`));
    if ((await page.locator('#cite-note-text-status').textContent()) === 'Copied') expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(citation);
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const size of sizes) {
    for (const theme of ['light', 'dark'] as const) {
      it(`a link to another note previews it on hover and on keyboard focus (${size.name}, ${theme})`, async () => {
        const page = await site.context.newPage();
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.emulateMedia({ colorScheme: theme });
        const errors: string[] = [];
        page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${site.server.url}/notes/${linking.slug}`, { waitUntil: 'networkidle' });

        const wrapper = page.locator('.prose .note-link').first();
        const link = wrapper.locator('> a');
        const pop = wrapper.locator('.note-pop');
        const target = (await link.getAttribute('href'))!.replace(/^\/notes\//, '').replace(/[#?].*$/, '');
        expect(target).not.toBe(linking.slug);
        expect(await pop.isVisible()).toBe(false);

        // Hover: the preview names the linked note, with its summary and topics.
        await link.hover();
        await pop.waitFor({ state: 'visible' });
        expect(await pop.locator('.note-pop-title').textContent()).toBe(titleOf(target));
        expect(await pop.locator('.note-pop-summary').textContent()).toBe(index.notes.find((n) => n.slug === target)!.frontmatter.summary);
        expect(await pop.locator('.note-pop-topics').textContent()).not.toBe('');
        // It is the link's description for assistive technology.
        const describedBy = await link.getAttribute('aria-describedby');
        expect(await page.locator(`[id="${describedBy}"]`).getAttribute('role')).toBe('tooltip');
        // On screen, never off its edge (on phones it is a sheet at the bottom).
        const box = (await pop.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(size.width);
        if (size.name === 'phone') expect(box.y + box.height).toBeLessThanOrEqual(size.height);
        // Designed for the theme: the preview's colours are the page's own.
        const colours = await pop.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(document.body).backgroundColor]);
        expect(colours[0]).toBe(colours[1]);

        await page.mouse.move(1, 1);
        await pop.waitFor({ state: 'hidden' });

        // Keyboard: focusing the link shows it; Escape hides it; leaving and coming back shows it again.
        await link.focus();
        await pop.waitFor({ state: 'visible' });
        await page.keyboard.press('Escape');
        await pop.waitFor({ state: 'hidden' });
        await page.keyboard.press('Shift+Tab');
        await link.focus();
        await pop.waitFor({ state: 'visible' });
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  }

  it('on a touch screen the first tap opens the preview sheet and "Open the note" follows the link', async () => {
    const page = await site.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${site.server.url}/notes/${linking.slug}`, { waitUntil: 'networkidle' });
    const wrapper = page.locator('.prose .note-link').first();
    const link = wrapper.locator('> a');
    const href = (await link.getAttribute('href'))!;
    await link.scrollIntoViewIfNeeded();
    // A tap: a touch pointerdown, then the click it becomes.
    await link.dispatchEvent('pointerdown', { pointerType: 'touch', isPrimary: true, bubbles: true });
    await link.dispatchEvent('click', { bubbles: true, cancelable: true });
    await wrapper.locator('.note-pop-open').waitFor({ state: 'visible' });
    expect(new URL(page.url()).pathname).toBe(`/notes/${linking.slug}`);
    // A tap elsewhere closes it.
    await page.locator('h1').dispatchEvent('pointerdown', { pointerType: 'touch', isPrimary: true, bubbles: true });
    await page.locator('h1').dispatchEvent('click', { bubbles: true });
    await wrapper.locator('.note-pop').waitFor({ state: 'hidden' });
    // Open it again and follow it.
    await link.dispatchEvent('pointerdown', { pointerType: 'touch', isPrimary: true, bubbles: true });
    await link.dispatchEvent('click', { bubbles: true, cancelable: true });
    await wrapper.locator('.note-pop-open').click();
    await page.waitForURL((url) => url.pathname === href.replace(/[#?].*$/, ''));
    await page.close();
  });
});
