// Copies TF.js's wasm binaries into public/ (same version as the installed package), so the
// browser loads them from our own origin. Runs before dev and build. (The dev server's worker
// bundle in public/_dev-worker is left alone: a build beside a running dev server must not break
// it; the export removes its copy, see scripts/export-islands.ts.)
import fs from 'node:fs';
import path from 'node:path';

const from = path.join('node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
const to = path.join('public', 'tfjs-wasm');
fs.mkdirSync(to, { recursive: true });
for (const name of fs.readdirSync(from).filter((n) => n.endsWith('.wasm'))) {
  fs.copyFileSync(path.join(from, name), path.join(to, name));
}
