import { defineConfig, devices } from "@playwright/test";

import { appEnvOf, loadDoubles } from "./scripts/stack.mjs";

// The dev-mode e2e (e2e/dev/): the console as `npm run dev` serves it — `next dev` bound to every
// address with no host name given — opened at http://127.0.0.1:<port>, not localhost. Driven by
// `npm test` (scripts/test.mjs) after the production e2e, whose doubles have stopped by then: the
// e2e doubles' ports (181xx) stay clear of a developer's running `npm run dev` (180xx).
const PORT = Number(process.env.E2E_DEV_PORT ?? 3200);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Sign-in is all a note needs from the outside world.
const doubles = loadDoubles("e2e").filter((d: { name: string }) => d.name === "oidc");
const DATABASE_URL = process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/firebreak_e2e_dev";

export default defineConfig({
  testDir: "./e2e/dev",
  // Its own folder: the production run's results in test-results/ stay for the report.
  outputDir: "test-results/dev",
  // next dev compiles each route on its first request (tens of seconds on two cores); the spec
  // warms its routes first and times only what it measures.
  timeout: 300_000,
  expect: { timeout: 60_000 },
  retries: 0,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["json"]],
  use: { baseURL: `http://127.0.0.1:${PORT}`, trace: "retain-on-failure", navigationTimeout: 120_000 },
  projects: [
    {
      name: "debian-chromium-dev",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: CHROMIUM,
          args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
        },
      },
    },
  ],
  webServer: [
    ...doubles.map((d: { command: string[]; readyUrl: string }) => ({
      command: d.command.join(" "),
      url: d.readyUrl,
      reuseExistingServer: false,
      timeout: 60_000,
    })),
    {
      // As `npm run dev` starts it, minus the demo doubles and monitoring (FIREBREAK_NO_DEMO).
      command: `node scripts/dev.mjs -p ${PORT}`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 240_000,
      // next dev's request lines ("GET … 200 in 1.8s (next.js: …, application-code: …)") go to the
      // run's output, where a missed budget can be read against them.
      stdout: "pipe",
      env: {
        ...appEnvOf(doubles),
        DATABASE_URL,
        FIREBREAK_NO_DEMO: "1",
        COLLECTOR_ENABLED: "false",
        NEXT_TELEMETRY_DISABLED: "1",
        // Its own dist folder (dev output goes to <dist>/dev), already known to tsconfig.json.
        NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-e2e",
      },
    },
  ],
});
