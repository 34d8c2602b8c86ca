/**
 * A tiny static server for out/ (the exported site), used by `npm start` and the e2e tests.
 * Maps /notes/x to out/notes/x.html as a static host would, and serves 404.html with status 404.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
};

/** Text-like types a static host compresses (GitHub Pages, Netlify and Vercel all do). */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.txt', '.svg', '.wasm', '.xml', '.ttf']);

/** Gzipped bodies by file, so each file is compressed once per server (it only serves out/). */
function gzippedBody(cache: Map<string, { mtimeMs: number; body: Buffer }>, file: string): Buffer {
  const mtimeMs = fs.statSync(file).mtimeMs;
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.body;
  const body = zlib.gzipSync(fs.readFileSync(file), { level: 9 });
  cache.set(file, { mtimeMs, body });
  return body;
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
  /** Every path requested so far (tests use it to see what a page downloaded). */
  requests: string[];
}

/**
 * The file for a URL path, or null. A malformed URL (`/notes/%E0%A4%A`, a NUL byte) is
 * undefined (the caller answers 400); a path that climbs out of root is null (404).
 */
export function resolveFile(root: string, urlPath: string): string | null | undefined {
  let clean: string;
  try {
    clean = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  } catch {
    return undefined;
  }
  if (clean.includes('\0')) return undefined;
  const base = path.resolve(root);
  const candidates = [clean, `${clean}.html`, path.join(clean, 'index.html')];
  for (const c of candidates) {
    const full = path.normalize(path.join(base, c));
    if (full !== base && !full.startsWith(base + path.sep)) return null;
    try {
      if (fs.statSync(full).isFile()) return full;
    } catch {
      // not there: try the next candidate
    }
  }
  return null;
}

export function startStaticServer(root = path.resolve('out'), port = 0, host = '127.0.0.1'): Promise<StaticServer> {
  const requests: string[] = [];
  const gzipCache = new Map<string, { mtimeMs: number; body: Buffer }>();
  const server = http.createServer((req, res) => {
    const urlPath = req.url ?? '/';
    requests.push(urlPath);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': TYPES['.txt'] });
      res.end('Method not allowed');
      return;
    }
    const file = resolveFile(root, urlPath);
    if (file === undefined) {
      res.writeHead(400, { 'content-type': TYPES['.txt'] });
      res.end('Bad request: the address is not a valid URL');
      return;
    }
    if (!file) {
      const notFound = path.join(root, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'Not found');
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    // Compressed as a real host would serve it, so the bench's page weights and Lighthouse's
    // network simulation see what a reader downloads.
    if (COMPRESSIBLE.has(path.extname(file)) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      let body: Buffer;
      try {
        body = gzippedBody(gzipCache, file);
      } catch {
        res.writeHead(404, { 'content-type': TYPES['.txt'] });
        res.end('Not found');
        return;
      }
      res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding', 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(200, { 'content-type': type });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // A file removed between stat and read ends this response, not the server.
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `http://${host}:${actualPort}`,
        requests,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
