/**
 * A tiny static server for out/ (the exported site), used by `npm start` and the e2e tests.
 * Maps /notes/x to out/notes/x.html as a static host would, and serves 404.html with status 404.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

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

export interface StaticServer {
  url: string;
  close(): Promise<void>;
  /** Every path requested so far (tests use it to see what a page downloaded). */
  requests: string[];
}

function resolveFile(root: string, urlPath: string): string | null {
  const clean = decodeURIComponent(urlPath.split('?')[0]);
  const candidates = [clean, `${clean}.html`, path.join(clean, 'index.html')];
  for (const c of candidates) {
    const full = path.normalize(path.join(root, c));
    if (!full.startsWith(root)) return null;
    if (fs.existsSync(full) && fs.statSync(full).isFile()) return full;
  }
  return null;
}

export function startStaticServer(root = path.resolve('out'), port = 0, host = '127.0.0.1'): Promise<StaticServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const urlPath = req.url ?? '/';
    requests.push(urlPath);
    const file = resolveFile(root, urlPath);
    if (!file) {
      const notFound = path.join(root, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'Not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
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
