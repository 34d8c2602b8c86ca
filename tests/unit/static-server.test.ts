import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startStaticServer, type StaticServer } from '@/scripts/static-server';

// `npm start` and the e2e tests use this server: a hostile URL must get an answer, never a crash.
let root: string;
let server: StaticServer;

/** A raw request, so the path reaches the server exactly as written (fetch would normalise it). */
function request(urlPath: string, method = 'GET'): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: urlPath, method }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'static-server-'));
  fs.mkdirSync(path.join(root, 'out', 'notes'), { recursive: true });
  fs.writeFileSync(path.join(root, 'out', 'index.html'), 'home');
  fs.writeFileSync(path.join(root, 'out', 'notes', 'a.html'), 'note a');
  fs.writeFileSync(path.join(root, 'out', '404.html'), 'not found page');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'outside out/');
  server = await startStaticServer(path.join(root, 'out'));
});

afterAll(async () => {
  await server.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the static server', () => {
  it('answers 400 to a malformed URL and keeps serving', async () => {
    expect((await request('/notes/%E0%A4%A')).status).toBe(400);
    expect((await request('/%')).status).toBe(400);
    expect((await request('/notes/a%00.html')).status).toBe(400);
    expect(await request('/notes/a')).toEqual({ status: 200, body: 'note a' });
  });

  it('serves pages the way a static host does, and 404 with the site page otherwise', async () => {
    expect(await request('/')).toEqual({ status: 200, body: 'home' });
    expect(await request('/notes/a?x=1#y')).toEqual({ status: 200, body: 'note a' });
    expect(await request('/notes/missing')).toEqual({ status: 404, body: 'not found page' });
  });

  it('never serves a file outside its root', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/notes/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await request(p);
      expect(res.status, p).toBe(404);
      expect(res.body, p).not.toContain('outside out/');
    }
  });

  it('answers 405 to methods a static site does not have, and HEAD without a body', async () => {
    expect((await request('/', 'POST')).status).toBe(405);
    expect(await request('/', 'HEAD')).toEqual({ status: 200, body: '' });
  });

  it('gzips text for a client that accepts it, as a real host does, and not for one that does not', async () => {
    const { hostname, port } = new URL(server.url);
    const get = (headers: http.OutgoingHttpHeaders) =>
      new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
        http
          .get({ hostname, port, path: '/notes/a', headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
    const zipped = await get({ 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.encoding).toBe('gzip');
    expect(zlib.gunzipSync(zipped.body).toString()).toBe('note a');
    const plain = await get({});
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.toString()).toBe('note a');
  });
});
