import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, or CORDON_CHROMIUM; never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CORDON_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumAvailable = fs.existsSync(CHROMIUM_PATH);

if (!chromiumAvailable) {
  process.stdout.write(
    `NOTE: ${CHROMIUM_PATH} not found, so the browser tests are skipped (apt-get install chromium, or set CORDON_CHROMIUM)\n`,
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Without the background-networking flags Chromium keeps calling Google
    // hosts, which a closed network refuses many times a second.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
