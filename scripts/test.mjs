// `npm test`: unit + integration (real PostgreSQL) + Playwright e2e against the production
// build in Chromium + the dev-mode e2e (e2e/dev/, `next dev` at 127.0.0.1). Prints one closing
// line "N passed, N failed" counting every layer that ran and exits non-zero on failure.
//   --only unit|integration|e2e   run one layer (e2e: the production build's)
//   --only e2e-dev                run the dev-mode e2e alone
//   --no-build                    reuse the last e2e build
//   --grep <pattern>              run only the e2e specs whose title matches (either config)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import pg from "pg";
import { findPostgres } from "./find-postgres.mjs";
import { migrate } from "./migrate.mjs";

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
const wants = (layer) => !only || only === layer;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const tally = { passed: 0, failed: 0, skipped: 0 };
mkdirSync("test-results", { recursive: true });

function run(cmd, cmdArgs, extraEnv = {}) {
  console.log(`\n$ ${cmd} ${cmdArgs.join(" ")}`);
  return spawnSync(cmd, cmdArgs, { stdio: "inherit", env: { ...env, ...extraEnv } }).status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

async function recreateDatabase(adminUrl, name) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

let pgServer = null;
let failedToRun = false;
try {
  if (wants("integration") || wants("e2e") || wants("e2e-dev")) {
    pgServer = await findPostgres();
    console.log(`[test] PostgreSQL: ${pgServer.source}`);
  }

  const projects = [wants("unit") && "unit", wants("integration") && "integration"].filter(Boolean);
  if (projects.length) {
    const out = "test-results/vitest.json";
    rmSync(out, { force: true });
    run(
      "node_modules/.bin/vitest",
      [
        "run",
        ...projects.flatMap((p) => ["--project", p]),
        // Two files at a time even on two cores (Vitest's default there is one): most integration
        // files wait on processes, servers and timers, not on the CPU.
        "--maxWorkers=2",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${out}`,
      ],
      pgServer ? { TEST_PG_ADMIN_URL: pgServer.adminUrl } : {},
    );
    const r = readJson(out);
    if (!r) failedToRun = true;
    else {
      tally.passed += r.numPassedTests;
      tally.failed += r.numFailedTests + (r.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(r);
      tally.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    }
  }

  if (wants("e2e") || wants("e2e-dev")) {
    const chromium = findChromium();
    if (!chromium) {
      throw new Error(
        "Chromium not found: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.",
      );
    }
    const grep = args.includes("--grep") ? ["--grep", args[args.indexOf("--grep") + 1]] : [];
    const distDir = ".next-e2e";
    const prodCount = wants("e2e") ? countE2e("playwright.config.ts", grep) : 0;
    const devCount = wants("e2e-dev") ? countE2e("playwright.dev.config.ts", grep) : 0;
    if (prodCount + devCount === 0) throw new Error(`no e2e test matches ${grep.join(" ") || "(all)"}`);
    if (prodCount > 0) {
      const e2eDb = await recreateDatabase(pgServer.adminUrl, "firebreak_e2e");
      await migrate({ connectionString: e2eDb });
      if (!args.includes("--no-build") || !existsSync(distDir)) {
        if (run("node_modules/.bin/next", ["build"], { NEXT_DIST_DIR: distDir }) !== 0) {
          throw new Error("next build failed");
        }
        if (run("node", ["scripts/prune-standalone.mjs", distDir]) !== 0) throw new Error("prune failed");
      }
      runPlaywright("playwright.config.ts", grep, {
        CHROMIUM_PATH: chromium,
        NEXT_DIST_DIR: distDir,
        E2E_DATABASE_URL: e2eDb,
      });
    }
    // After the production run, whose servers and doubles have stopped: `next dev` (its output in
    // <dist>/dev) on its own database.
    if (devCount > 0) {
      const devDb = await recreateDatabase(pgServer.adminUrl, "firebreak_e2e_dev");
      await migrate({ connectionString: devDb });
      runPlaywright("playwright.dev.config.ts", grep, {
        CHROMIUM_PATH: chromium,
        NEXT_DIST_DIR: distDir,
        E2E_DATABASE_URL: devDb,
      });
    }
  }
} catch (e) {
  console.error(`\n[test] ${e.message}`);
  failedToRun = true;
} finally {
  pgServer?.stop();
}

/** How many e2e tests `config` would run (0 when --grep matches none of them). */
function countE2e(config, grep) {
  const r = spawnSync("node_modules/.bin/playwright", ["test", "--list", "-c", config, ...grep], {
    encoding: "utf8",
    env,
  });
  return Number(/Total: (\d+) tests?/.exec(r.stdout ?? "")?.[1] ?? 0);
}

/** Runs one Playwright config and adds its results to the tally. */
function runPlaywright(config, grep, extraEnv) {
  const out = `test-results/${config.replace(/\.config\.ts$/, "")}.json`;
  rmSync(out, { force: true });
  run("node_modules/.bin/playwright", ["test", "-c", config, ...grep], {
    ...extraEnv,
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
  });
  const r = readJson(out);
  if (!r) return void (failedToRun = true);
  tally.passed += r.stats.expected + (r.stats.flaky ?? 0);
  tally.failed += r.stats.unexpected;
  tally.skipped += r.stats.skipped;
  if ((r.errors ?? []).length) failedToRun = true;
}

function countSuitesWithFailedTests(r) {
  return (r.testResults ?? []).filter(
    (s) => s.status === "failed" && s.assertionResults?.some((a) => a.status === "failed"),
  ).length;
}

if (failedToRun && tally.failed === 0) tally.failed = 1;
const skipped = tally.skipped ? `, ${tally.skipped} skipped` : "";
console.log(`\n${tally.passed} passed, ${tally.failed} failed${skipped}`);
process.exit(tally.failed > 0 ? 1 : 0);
