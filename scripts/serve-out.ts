/** `npm start`: serve the built site (out/) on http://127.0.0.1:3000 (PORT to change). */
import fs from 'node:fs';
import { startStaticServer } from './static-server';

if (!fs.existsSync('out/index.html')) {
  console.error('out/ has no built site: run `npm run build` first.');
  process.exit(1);
}
const server = await startStaticServer(undefined, Number(process.env.PORT ?? 3000));
console.log(`Serving out/ on ${server.url}`);
