/**
 * Launching Debian's Chromium through playwright-core for the e2e tests and screenshots.
 * Outside CI a missing Chromium skips the e2e tests with a loud warning; with CI=true it is
 * an error, so CI can never pass without having run them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  const available = fs.existsSync(CHROMIUM_PATH);
  if (!available) {
    if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM_PATH}; CI must install it (apt-get install -y chromium).`);
    console.warn(
      `\n${'!'.repeat(72)}\n!! E2E TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH}.\n!! Install it (apt-get install -y chromium) or set CHROMIUM_PATH.\n${'!'.repeat(72)}\n`,
    );
  }
  return available;
}

export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'notes-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
