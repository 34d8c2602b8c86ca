/**
 * `npm run dev`: Next's dev server, plus a small content-events server so that saving a note
 * (or its figure, a reference, a calibration record) updates the open page by itself.
 *
 * Next watches the modules it compiles, but notes are files the server reads, not modules, so it
 * cannot know they changed. This process watches the content tree and tells each open page over
 * Server-Sent Events; the page (components/site/DevContentRefresh.tsx) then asks Next for a fresh
 * render of its server components, which keeps the scroll position and any demo's state.
 *
 * It also asks Next for each note file that appears while it runs (made by new-note, by hand or by a
 * git checkout): Next lists a route's pages from a cache it refreshes only after a request misses,
 * so without that the author's first visit to a new note would answer 404 once.
 *
 * Plain JavaScript, run by node itself: a TypeScript loader would add half a second to every start.
 *
 *   npm run dev [-- --port 3001]      (any option is passed to `next dev`)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import './prepare-public.mjs';
import { askUntil } from './dev-page.mjs';
import { DEV_WORKER_URL, watchDevWorker } from './dev-worker.mjs';

// As lib/content's defaultRoot(), inlined: importing lib/content would load the whole MDX pipeline
// into this small launcher.
const root = process.env.CONTENT_ROOT ? path.resolve(process.env.CONTENT_ROOT) : process.cwd();
const watched = [path.join(root, 'content'), path.join(root, 'public', 'figures')].filter((dir) => fs.existsSync(dir));
/** @type {Set<http.ServerResponse>} */
const clients = new Set();

const events = http.createServer((req, res) => {
  if (req.url !== '/events') {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    // The page is served by Next on another port.
    'Access-Control-Allow-Origin': '*',
  });
  res.write('retry: 1000\n\n');
  clients.add(res);
  req.on('close', () => clients.delete(res));
});

// Editors save in bursts (write, rename, chmod): tell the pages once per burst.
/** @type {NodeJS.Timeout | null} */
let pending = null;
/** @type {Set<string>} */
const changed = new Set();
/** @param {string} file */
function announce(file) {
  changed.add(file);
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => {
    const data = JSON.stringify([...changed]);
    changed.clear();
    for (const res of clients) res.write(`event: change\ndata: ${data}\n\n`);
  }, 60);
}

/**
 * The port `next dev` serves on: --port/-p as passed through, else $PORT, else Next's 3000.
 * @param {string[]} argv
 */
function nextPort(argv) {
  const at = argv.findIndex((a) => a === '--port' || a === '-p');
  const inline = argv.find((a) => a.startsWith('--port='));
  return (at >= 0 ? argv[at + 1] : inline?.slice('--port='.length)) ?? process.env.PORT ?? '3000';
}

const notesDir = path.join(root, 'content', 'notes');
const noteSlugs = () => new Set(fs.existsSync(notesDir) ? fs.readdirSync(notesDir).filter((f) => /\.mdx?$/.test(f)).map((f) => f.replace(/\.mdx?$/, '')) : []);
let knownSlugs = noteSlugs();

/** Requests a new note's page until Next lists it (a minute at most; nobody waits on this). */
async function warmNewNotes() {
  const now = noteSlugs();
  const added = [...now].filter((slug) => !knownSlugs.has(slug));
  knownSlugs = now;
  for (const slug of added) {
    await askUntil(`http://localhost:${nextPort(process.argv.slice(2))}/notes/${slug}`, 60_000);
  }
}

/**
 * Asks for the note route as soon as Next answers, so the route is compiled and the content index
 * built while the author is still opening the browser, not on their first click. It asks for the
 * route's development-only slug, whose page stops there (app/notes/[slug]/page.tsx): no note is
 * compiled or rendered for it, so an author who asks at once shares the route's compile and the index
 * without waiting for another note's compile beside their own (fresh clone, 2 cores, first page
 * median 7.59 -> 7.33 s; 12.9 -> 12.6 s with one core busy with other work). An author who opens a
 * note 3 s after starting still gets it about 1.5 s sooner than with no warm-up at all.
 */
async function warmNoteRoute() {
  if (noteSlugs().size === 0) return;
  await askUntil(`http://localhost:${nextPort(process.argv.slice(2))}/notes/_dev-warm`, 120_000, (status) => status !== null, 300);
}

for (const dir of watched) {
  fs.watch(dir, { recursive: true }, (_event, name) => {
    if (!name || /(^|\/)\.|~$|\.swp$/.test(String(name))) return;
    announce(path.join(path.relative(root, dir), String(name)));
    if (dir === path.join(root, 'content')) void warmNewNotes();
  });
}

events.listen(Number(process.env.CONTENT_EVENTS_PORT ?? 0), 'localhost', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (events.address());
  const url = `http://localhost:${port}/events`;
  const next = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'dev', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, CONTENT_EVENTS_URL: url, NEXT_PUBLIC_DEV_WORKER_URL: DEV_WORKER_URL },
  });
  void warmNoteRoute();
  // Beside Next's start: the worker is needed only when a reader presses Run.
  watchDevWorker().catch((err) => console.error(`The demos' worker could not be bundled: ${err instanceof Error ? err.message : String(err)}`));
  /** @param {NodeJS.Signals} signal */
  const stop = (signal) => next.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  next.on('exit', (code, signal) => {
    events.close();
    process.exit(code ?? (signal ? 1 : 0));
  });
});
