/**
 * `npm run screenshots -- [path ...] [--full] [--demos]`: screenshots of the built site (out/)
 * at desktop and phone widths, light and dark, into tmp/screenshots/ — for looking at the
 * site as a reader does. With --demos, every demo is photographed before Run, while it trains
 * and at its verdict (desktop light, phone dark); --only=id1,id2 limits that to some demos.
 */
import fs from 'node:fs';
import { startStaticServer } from './static-server';
import { launchBrowser } from '../tests/support/browser';
import { buildContentIndex } from '../lib/content/index';

const args = process.argv.slice(2);
const paths = args.filter((a) => !a.startsWith('--'));
const full = args.includes('--full');
const runDemos = args.includes('--demos');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',').filter(Boolean);
const targets = paths.length ? paths : runDemos ? [] : ['/', '/notes/concept-bottleneck-models', '/search?q=kernel', '/does-not-exist'];
const sizes = [
  { name: 'desktop', width: 1400, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
const themes = ['light', 'dark'] as const;

const server = await startStaticServer();
const { context, close } = await launchBrowser();
fs.mkdirSync('tmp/screenshots', { recursive: true });
try {
  for (const target of targets) {
    for (const size of sizes) {
      for (const theme of themes) {
        const page = await context.newPage();
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(server.url + target, { waitUntil: 'networkidle' });
        const name = `${target.replace(/[^a-z0-9]+/gi, '_') || 'home'}-${size.name}-${theme}.png`;
        await page.screenshot({ path: `tmp/screenshots/${name}`, fullPage: full });
        await page.close();
        console.log(`tmp/screenshots/${name}`);
      }
    }
  }
  if (runDemos) {
    const demos = buildContentIndex()
      .notes.flatMap((n) => n.frontmatter.demos.map((id) => ({ id, slug: n.slug })))
      .filter((d) => !only || only.includes(d.id));
    for (const { id, slug } of demos) {
      for (const [size, theme] of [[sizes[0], 'light'], [sizes[1], 'dark']] as const) {
        const page = await context.newPage();
        try {
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(`${server.url}/notes/${slug}`, { waitUntil: 'networkidle' });
        await page.locator(`[data-demo-placeholder="${id}"], [data-demo="${id}"]`).first().scrollIntoViewIfNeeded();
        const demo = page.locator(`[data-demo="${id}"]`);
        await demo.waitFor({ timeout: 30_000 });
        const shot = async (moment: string) => {
          const file = `tmp/screenshots/demo-${id}-${moment}-${size.name}-${theme}.png`;
          await demo.screenshot({ path: file });
          console.log(file);
        };
        await shot('before');
        await demo.getByRole('button', { name: 'Run', exact: true }).click();
        // While it trains: a moment after the first drawing appears (if the run is still going).
        await page.waitForFunction((d) => { const el = document.querySelector(`[data-demo="${d}"]`); return !!el?.querySelector('.demo-visual canvas, .demo-visual img, .demo-visual svg') || /done|error/.test(el?.getAttribute('data-state') ?? ''); }, id, { timeout: 120_000 });
        await page.waitForTimeout(1500);
        if ((await demo.getAttribute('data-state')) === 'running') await shot('during');
        await page.waitForFunction((d) => /done|error/.test(document.querySelector(`[data-demo="${d}"]`)?.getAttribute('data-state') ?? ''), id, { timeout: 600_000 });
        await shot('after');
        } catch (err) {
          console.error(`${id}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
        } finally {
          await page.close();
        }
      }
    }
  }
} finally {
  await close();
  await server.close();
}
