/**
 * Bench section `pages`: every page of the built site (from its sitemap, plus search) through
 * Lighthouse's mobile defaults (simulated slow 4G, 4x CPU), as the issue measures it:
 * performance and accessibility scores, FCP / LCP / TBT / CLS, the HTML and the JavaScript a
 * page downloads at load (gzip, as served), and its DOM size. Medians of --runs; figures only.
 *
 * Lighthouse is not a dependency (about 190 MB installed, and only the bench uses it): it is
 * run as `npx --yes lighthouse@12.8.2`, the version measured to work with Node 20 and Debian's
 * Chromium here (12.2.x errors in six audits with this Chromium; 13.x needs Node 22). The
 * first run downloads it into npm's cache; without the registry the section says so.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStaticServer } from './static-server';
import { CHROMIUM_PATH } from '../tests/support/browser';
import { median, renderTable, kb } from './bench-table';

const LIGHTHOUSE = 'lighthouse@12.8.2';
const PER_RUN_TIMEOUT_MS = 240_000;

export interface PageFigures {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  htmlBytes: number;
  scriptBytes: number;
  domElements: number;
}

export interface PagesBenchResult {
  skipped?: string;
  lighthouse: string;
  pages: ({ path: string } & PageFigures)[];
}

/** The site's pages: every URL in the exported sitemap, plus search (not in the sitemap). */
export function sitePaths(outDir = 'out'): string[] {
  const sitemap = fs.readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8');
  const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  return [...new Set([...paths, '/search'])];
}

interface LighthouseReport {
  categories: Record<string, { score: number | null }>;
  audits: Record<string, { numericValue?: number; details?: { items?: { resourceType?: string; transferSize?: number }[] } }>;
}

function figuresOf(report: LighthouseReport): PageFigures {
  const a = report.audits;
  const num = (id: string) => a[id]?.numericValue ?? NaN;
  const transfer = (type: string) => a['resource-summary']?.details?.items?.find((i) => i.resourceType === type)?.transferSize ?? 0;
  return {
    performance: Math.round((report.categories.performance?.score ?? NaN) * 100),
    accessibility: Math.round((report.categories.accessibility?.score ?? NaN) * 100),
    fcpMs: num('first-contentful-paint'),
    lcpMs: num('largest-contentful-paint'),
    tbtMs: num('total-blocking-time'),
    cls: num('cumulative-layout-shift'),
    htmlBytes: transfer('document'),
    scriptBytes: transfer('script'),
    domElements: num('dom-size'),
  };
}

/** Asynchronous on purpose: the static server answering Lighthouse lives in this process. */
async function runLighthouse(url: string, reportFile: string): Promise<LighthouseReport> {
  await promisify(execFile)(
    'npx',
    [
      '--yes',
      LIGHTHOUSE,
      url,
      `--chrome-path=${CHROMIUM_PATH}`,
      '--chrome-flags=--headless --no-sandbox --disable-gpu',
      '--only-categories=performance,accessibility',
      '--output=json',
      `--output-path=${reportFile}`,
      '--quiet',
    ],
    { timeout: PER_RUN_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(fs.readFileSync(reportFile, 'utf8')) as LighthouseReport;
}

const medianOf = (runs: PageFigures[], key: keyof PageFigures) => median(runs.map((r) => r[key]));

export async function benchPages(runs: number, only: string[] = []): Promise<PagesBenchResult> {
  if (!fs.existsSync('out/sitemap.xml')) return { skipped: 'out/ has no built site: run `npm run build` first', lighthouse: LIGHTHOUSE, pages: [] };
  const paths = sitePaths().filter((p) => only.length === 0 || only.includes(p));
  const server = await startStaticServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pages-'));
  const pages: PagesBenchResult['pages'] = [];
  try {
    for (const [i, pagePath] of paths.entries()) {
      const figures: PageFigures[] = [];
      for (let r = 0; r < runs; r++) {
        try {
          figures.push(figuresOf(await runLighthouse(`${server.url}${pagePath}`, path.join(dir, 'report.json'))));
        } catch (err) {
          const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
          return { skipped: `Lighthouse could not run (${why}); it needs the npm registry once and Chromium at ${CHROMIUM_PATH}`, lighthouse: LIGHTHOUSE, pages };
        }
      }
      const keys = Object.keys(figures[0]) as (keyof PageFigures)[];
      pages.push({ path: pagePath, ...(Object.fromEntries(keys.map((k) => [k, medianOf(figures, k)])) as unknown as PageFigures) });
      process.stderr.write(`pages: ${i + 1}/${paths.length} ${pagePath} performance ${pages.at(-1)?.performance}\n`);
    }
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { lighthouse: LIGHTHOUSE, pages };
}

export function pagesTable(r: PagesBenchResult): string {
  const rows = r.pages.map((p) => [
    p.path,
    String(p.performance),
    String(p.accessibility),
    `${(p.fcpMs / 1000).toFixed(2)} s`,
    `${(p.lcpMs / 1000).toFixed(2)} s`,
    `${Math.round(p.tbtMs)} ms`,
    p.cls.toFixed(3),
    kb(p.htmlBytes),
    kb(p.scriptBytes),
    String(p.domElements),
  ]);
  const table = renderTable(['page', 'perf', 'a11y', 'FCP', 'LCP', 'TBT', 'CLS', 'HTML (gzip)', 'JS at load (gzip)', 'DOM'], rows);
  const lowest = r.pages.length ? Math.min(...r.pages.map((p) => p.performance)) : NaN;
  return `${r.skipped ? `skipped: ${r.skipped}\n` : ''}${table}\n${r.lighthouse}, mobile defaults; lowest performance ${lowest} (target 95), accessibility ${r.pages.every((p) => p.accessibility === 100) ? '100 everywhere' : 'below 100 somewhere'}`;
}
