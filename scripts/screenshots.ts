/**
 * `npx tsx scripts/screenshots.ts [path ...]`: screenshots of the built site (out/) at
 * desktop and phone widths, light and dark, into tmp/screenshots/ — for looking at the
 * site as a reader does.
 */
import fs from 'node:fs';
import { startStaticServer } from './static-server';
import { launchBrowser } from '../tests/support/browser';

const paths = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const full = process.argv.includes('--full');
const targets = paths.length ? paths : ['/', '/notes/concept-bottleneck-models', '/search?q=kernel', '/does-not-exist'];
const server = await startStaticServer();
const { context, close } = await launchBrowser();
fs.mkdirSync('tmp/screenshots', { recursive: true });
const sizes = [
  { name: 'desktop', width: 1400, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
for (const target of targets) {
  for (const size of sizes) {
    for (const theme of ['light', 'dark'] as const) {
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
await close();
await server.close();
