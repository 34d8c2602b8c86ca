/**
 * The built site (out/), served on 127.0.0.1 and driven in Debian's Chromium: pages load
 * without console errors, math is typeset, TOC and citations work, search finds body text,
 * the theme toggle sticks, unknown URLs get the 404 page, and axe finds nothing serious.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromiumAvailable } from '../support/browser';
import { openPage as openSitePage, useServedSite } from '../support/pages';
import { buildContentIndex } from '@/lib/content/index';
import { TOPICS } from '@/lib/content/topics';

const available = chromiumAvailable();
const index = buildContentIndex();
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A word that occurs in exactly one note's body and nowhere in any title or summary. */
function wordOnlyInOneBody(): { word: string; slug: string } {
  const counts = new Map<string, Set<string>>();
  for (const note of index.notes) {
    for (const w of note.text.toLowerCase().match(/[a-z]{9,}/g) ?? []) {
      if (!counts.has(w)) counts.set(w, new Set());
      counts.get(w)!.add(note.slug);
    }
  }
  const visible = index.notes.map((n) => `${n.frontmatter.title} ${n.frontmatter.summary} ${n.headings.map((h) => h.text).join(' ')}`.toLowerCase()).join(' ');
  for (const [word, slugs] of counts) {
    if (slugs.size === 1 && !visible.includes(word)) return { word, slug: [...slugs][0] };
  }
  throw new Error('no word occurs in exactly one note body');
}

describe.runIf(available)('the built site in Chromium', () => {
  const site = useServedSite();
  const openPage = (path: string) => openSitePage(site.context, site.server.url, path);

  const pages = ['/', '/topics', '/search', ...TOPICS.map((t) => `/topics/${t.id}`), ...index.notes.map((n) => `/notes/${n.slug}`)];

  // Every page once, at phone width (the narrowest layout, where overflow shows first); the two
  // page-by-page sweeps (this one and axe) run side by side: each page waits for the network to go
  // quiet, so two sweeps together take little longer than one.
  it.concurrent('every page loads on a phone (390 px) with status 200, no console errors, and no sideways scroll', async ({ expect }) => {
    const wide: string[] = [];
    for (const path of pages) {
      const { page, errors, status } = await openSitePage(site.context, site.server.url, path, { width: 390, height: 844 });
      expect(status, path).toBe(200);
      expect(errors, path).toEqual([]);
      expect(await page.locator('h1').count(), path).toBeGreaterThan(0);
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      if (scroll > client) wide.push(`${path}: ${scroll}px`);
      await page.close();
    }
    expect(wide).toEqual([]);
  });

  it.concurrent('axe-core finds no serious or critical accessibility violations', async ({ expect }) => {
    const note = index.notes.find((n) => n.frontmatter.demos.length > 0) ?? index.notes[0];
    for (const path of ['/', '/search', '/topics/concepts', `/notes/${note.slug}`, '/no-such-page']) {
      for (const theme of ['light', 'dark'] as const) {
        const { page } = await openPage(path);
        await page.emulateMedia({ colorScheme: theme });
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          // @ts-expect-error axe is injected above
          const result = await window.axe.run(document, { resultTypes: ['violations'] });
          return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        });
        expect(violations, `${path} ${theme}`).toEqual([]);
        await page.close();
      }
    }
  });

  it('math is typeset by KaTeX at build time, with no KaTeX errors and no KaTeX script', async () => {
    const note = index.notes.find((n) => n.source.includes('$$'))!;
    const { page } = await openPage(`/notes/${note.slug}`);
    expect(await page.locator('.katex').count()).toBeGreaterThan(0);
    expect(await page.locator('.katex-error').count()).toBe(0);
    const scripts = await page.$$eval('script[src]', (els) => els.map((e) => (e as HTMLScriptElement).src));
    expect(scripts.filter((s) => /katex/i.test(s))).toEqual([]);
    await page.close();
  });

  it('a note starts no framework at load: one small module, React only when its demo nears the viewport', async () => {
    const withDemo = index.notes.filter((n) => n.frontmatter.demos.length > 0);
    let checked = false;
    for (const note of withDemo) {
      const before = site.server.requests.length;
      const { page, errors } = await openSitePage(site.context, site.server.url, `/notes/${note.slug}`, { width: 1280, height: 900 });
      // The wrapper is display: contents (no box): measure and scroll to what it wraps.
      const island = page.locator('[data-island="demo"] > *').first();
      const below = await island.evaluate((el) => el.getBoundingClientRect().top - window.innerHeight);
      if (below < 600) {
        await page.close();
        continue; // this note's demo is too near the top to tell "at load" from "near the viewport"
      }
      const scripts = () => site.server.requests.slice(before).filter((r) => /\.js(\?|$)/.test(r));
      expect(scripts().filter((r) => r.startsWith('/_islands/entry-'))).toHaveLength(1);
      expect(scripts().filter((r) => r.startsWith('/_next/') || r.includes('/mount-'))).toEqual([]);
      // The enhancements ran without React: the contents mark the section being read.
      await expect.poll(() => page.locator('.note-toc a[aria-current="true"]').count()).toBe(1);
      await island.scrollIntoViewIfNeeded();
      await expect.poll(() => scripts().some((r) => r.includes('/mount-')), { timeout: 30_000 }).toBe(true);
      await page.locator('[data-island="demo"] .demo[data-state]').first().waitFor({ timeout: 60_000 });
      expect(errors).toEqual([]);
      await page.close();
      checked = true;
      break;
    }
    expect(checked, 'no note has its demo far enough down the page to test').toBe(true);
  });

  it('a note reads completely with JavaScript off: math, figures, citations, bibliography, and a plain word about the demo', async () => {
    const note = index.notes.find((n) => n.frontmatter.demos.length > 0)!;
    const page = await site.context.newPage();
    const cdp = await site.context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await page.goto(`${site.server.url}/notes/${note.slug}`, { waitUntil: 'load' });
    expect(await page.locator('.prose .katex').count()).toBeGreaterThan(0);
    expect(await page.locator('.prose figure .figure-svg svg').count()).toBeGreaterThan(0);
    expect(await page.locator('.prose .cite a').count()).toBeGreaterThan(0);
    expect(await page.locator('.bibliography li').count()).toBeGreaterThan(0);
    const placeholder = page.locator('[data-demo-placeholder]').first();
    await expect.poll(() => placeholder.innerText()).toContain('needs JavaScript');
    expect(await placeholder.innerText()).not.toContain('Loading');
    await page.close();
  });

  it('table-of-contents links jump to their section', async () => {
    const note = index.notes.find((n) => n.headings.filter((h) => h.depth === 2).length >= 3)!;
    const target = note.headings.filter((h) => h.depth === 2)[2];
    const { page } = await openPage(`/notes/${note.slug}`);
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.locator(`.note-toc a[href="#${target.id}"]`).click();
    await page.waitForFunction((id) => {
      const top = document.getElementById(id)?.getBoundingClientRect().top ?? 9999;
      return top >= -5 && top < 200;
    }, target.id);
    expect(new URL(page.url()).hash).toBe(`#${target.id}`);
    await page.close();
  });

  it('a citation shows its reference on focus and links to the bibliography', async () => {
    const note = index.notes.find((n) => n.citations.length > 0)!;
    const { page } = await openPage(`/notes/${note.slug}`);
    const cite = page.locator('.cite-link').first();
    const href = await cite.getAttribute('href');
    expect(href).toMatch(/^#ref-/);
    await cite.focus();
    const pop = page.locator('.cite-item').first().locator('.cite-pop');
    await expect.poll(() => pop.isVisible()).toBe(true);
    expect((await pop.textContent())?.length ?? 0).toBeGreaterThan(20);
    await cite.click();
    expect(await page.locator(href!).count()).toBe(1);
    await page.close();
  });

  it('search finds a note by a word that appears only in its body', async () => {
    const { word, slug } = wordOnlyInOneBody();
    const { page } = await openPage('/search');
    await page.locator('#search-input').fill(word);
    const result = page.locator(`.search-results a[href="/notes/${slug}"]`);
    await result.waitFor({ timeout: 10_000 });
    expect(await result.count()).toBe(1);
    await page.close();
  });

  it('the theme toggle switches theme and the choice survives a reload', async () => {
    const { page } = await openPage('/');
    await page.emulateMedia({ colorScheme: 'light' });
    const bgBefore = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.locator('.theme-toggle').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const bgAfter = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bgAfter).not.toBe(bgBefore);
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.locator('.theme-toggle').click();
    await page.close();
  });

  it('an unknown URL gets the 404 page', async () => {
    const { page, status } = await openPage('/notes/no-such-note-here');
    expect(status).toBe(404);
    expect(await page.locator('h1').textContent()).toContain('does not exist');
    await page.close();
  });

});
