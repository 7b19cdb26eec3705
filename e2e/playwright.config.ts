import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { chromiumHome } from './support/chromium-home.ts';

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser) against the local stack that
 * `npm test` started (found through its stack.json; see @ctp/devkit loadStack). Chromium trusts the
 * local CA through an NSS database in its own HOME, as a person's browser would after `--trust-ca`.
 */
const dataDir = path.resolve(process.env.CTP_DATA_DIR ?? path.join(import.meta.dirname, '../.data'));

export default defineConfig({
  testDir: './tests',
  outputDir: path.join(dataDir, 'e2e-artifacts'),
  // A stray test.only must not turn a CI run into a one-test run.
  forbidOnly: !!process.env.CI,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    browserName: 'chromium',
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
      env: { ...process.env, HOME: chromiumHome(dataDir) },
    },
  },
});
