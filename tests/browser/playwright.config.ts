import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';
import { ADMIN } from './helpers.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const port = 3199;
const baseURL = `http://127.0.0.1:${port}`;

// One fresh database per run. Workers re-read this file, so share the directory through the environment.
process.env.DUELY_E2E_DIR ??= mkdtempSync(join(tmpdir(), 'duely-e2e-'));
const dataDir = process.env.DUELY_E2E_DIR;
// The server must run without a mail server; the webServer inherits this process's environment.
delete process.env.SMTP_URL;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: join(repoRoot, 'test-results', 'browser'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: {
    baseURL,
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'node dist/src/main.js serve',
    cwd: repoRoot,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      DATABASE_URL: `sqlite:${join(dataDir, 'duely.db')}`,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      // Keep the generated secret and any files of this run out of the repo's ./data.
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
  },
});
