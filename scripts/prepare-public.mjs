// Copies TF.js's wasm binaries into public/ (same version as the installed package), so the
// browser loads them from our own origin. Runs before dev and build. Also removes the dev server's
// worker bundle (scripts/dev-worker.mjs), which must never reach a build's export.
import fs from 'node:fs';
import path from 'node:path';

const from = path.join('node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
const to = path.join('public', 'tfjs-wasm');
fs.mkdirSync(to, { recursive: true });
for (const name of fs.readdirSync(from).filter((n) => n.endsWith('.wasm'))) {
  fs.copyFileSync(path.join(from, name), path.join(to, name));
}

fs.rmSync(path.join('public', '_dev-worker'), { recursive: true, force: true });
