import { mkdirSync } from "node:fs";

import { defineConfig, devices } from "@playwright/test";

import { SCANNER_REPORT_DIR } from "./e2e/report-dir";
import { appEnvOf, loadDoubles } from "./scripts/stack.mjs";

// Driven by `npm test` (scripts/test.mjs), which builds the app into NEXT_DIST_DIR, prepares
// the e2e database and passes CHROMIUM_PATH. Never `playwright install`: Debian's chromium is used.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
type Double = { name: string; command: string[]; readyUrl: string; appEnv: Record<string, string> };
const doubles: Double[] = loadDoubles("e2e");
const DATABASE_URL = process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/firebreak_e2e";
// e2e/scanner.spec.ts writes the reports it ingests by path there.
mkdirSync(SCANNER_REPORT_DIR, { recursive: true });

export default defineConfig({
  testDir: "./e2e",
  // e2e/dev/ runs against `next dev` (playwright.dev.config.ts).
  testIgnore: ["dev/**"],
  timeout: 45_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["json"]],
  use: { baseURL: `http://127.0.0.1:${PORT}`, trace: "retain-on-failure" },
  projects: [
    {
      name: "debian-chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: [
    // The doubles of external systems (doubles/*/stack.json), then the app configured to reach them.
    ...doubles.map((d) => ({
      command: d.command.join(" "),
      url: d.readyUrl,
      reuseExistingServer: false,
      timeout: 60_000,
    })),
    {
      command: `node scripts/with-db.mjs node_modules/.bin/next start -p ${PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 90_000,
      env: {
        ...appEnvOf(doubles),
        DATABASE_URL,
        SCANNER_REPORT_DIR,
        // The deployment watch's one-minute check interval scaled to 3 s (e2e/deployments.spec.ts).
        DEPLOY_WATCH_INTERVAL_SCALE: "0.05",
        // Sign-in callbacks and cookies belong to the address the browser uses (baseURL above).
        FIREBREAK_URL: `http://127.0.0.1:${PORT}`,
        NEXT_TELEMETRY_DISABLED: "1",
        NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next",
      },
    },
  ],
});
