/**
 * `npm run new-note -- <slug>`: scaffold content/notes/<slug>.mdx with every frontmatter
 * field and the standard sections (see docs/authoring.md). Refuses to overwrite. Every
 * placeholder starts with TODO, so `npm run check` fails until each one is replaced.
 *
 * When `npm run dev` is running (on $PORT, default 3000), it also asks the dev server for the new
 * page until it answers: Next lists a route's pages from a cache it refreshes only after a request
 * misses, so without this the author's first visit to a brand-new note would answer 404 once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NOTES_DIR } from '../lib/content/index';
import { scaffoldNote } from '../lib/content/scaffold';
import { askUntil, pageStatus } from './dev-page';

const slug = process.argv[2];
if (!slug || slug.startsWith('-')) {
  console.error('Usage: npm run new-note -- <slug>   (lowercase letters, digits and hyphens, e.g. sparse-autoencoders)');
  process.exit(2);
}
if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
  console.error(`"${slug}" is not a valid slug: use lowercase letters, digits and single hyphens, e.g. sparse-autoencoders.`);
  process.exit(2);
}
const file = path.join(NOTES_DIR, `${slug}.mdx`);
if (fs.existsSync(file) || fs.existsSync(file.replace(/\.mdx$/, '.md'))) {
  console.error(`${file} already exists; pick another slug or edit that note.`);
  process.exit(2);
}
const template = scaffoldNote(slug, new Date().getFullYear());

fs.mkdirSync(NOTES_DIR, { recursive: true });
fs.writeFileSync(file, template);
console.log(`Created ${file}. Next: replace every TODO, draw public/figures/${slug}.svg, and run \`npm run check\` until it passes.`);

const port = process.env.PORT ?? '3000';
const url = `http://localhost:${port}/notes/${slug}`;

async function warmDevServer(): Promise<void> {
  if ((await pageStatus(url)) === null) return; // no dev server running: nothing to tell
  const status = await askUntil(url, 60_000);
  if (status === 200) console.log(`The dev server shows it at ${url}`);
  else console.log(`The dev server at localhost:${port} has not listed the note yet (HTTP ${status ?? 'no answer'}); reload ${url} in a moment.`);
}

await warmDevServer();
