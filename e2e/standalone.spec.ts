import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect, test } from "@playwright/test";

import { appEnvOf, loadDoubles } from "../scripts/stack.mjs";

// The image runs `node server.js` from the build's standalone output (Dockerfile). This copies
// that output out of the repository, so nothing but Node and the copied files can be used, and
// starts it on the e2e database.
const DIST = process.env.NEXT_DIST_DIR ?? ".next";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

test("the standalone server starts from the build output with only node and serves a page", async ({
  page,
}) => {
  test.setTimeout(90_000);
  expect(existsSync(path.join(DIST, "standalone", "server.js"))).toBe(true);
  const dir = mkdtempSync(path.join(tmpdir(), "fb-standalone-"));
  let child: ChildProcess | undefined;
  try {
    cpSync(path.join(DIST, "standalone"), dir, { recursive: true });
    cpSync(path.join(DIST, "static"), path.join(dir, DIST, "static"), { recursive: true });
    // Next 16's file tracing leaves some server chunks of external packages out of the standalone
    // folder; the image copies the whole server output over it (Dockerfile), and so does this test.
    cpSync(path.join(DIST, "server"), path.join(dir, DIST, "server"), { recursive: true });
    cpSync("public", path.join(dir, "public"), { recursive: true });
    expect(existsSync(path.join(dir, "doubles"))).toBe(false);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ["server.js"], {
      cwd: dir,
      stdio: "ignore",
      env: {
        PATH: process.env.PATH ?? "",
        // Sign-in's configuration only: the doubles' other settings are paths relative to the repo.
        ...Object.fromEntries(
          Object.entries(appEnvOf(loadDoubles("e2e"))).filter(([k]) => /^FIREBREAK_(OIDC|AUTH|ROLE)/.test(k)),
        ),
        NODE_ENV: "production",
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
        FIREBREAK_URL: base,
        COLLECTOR_ENABLED: "false",
        JOBS_ENABLED: "false",
      },
    });
    await expect
      .poll(async () => (await fetch(`${base}/api/health/live`).catch(() => null))?.status ?? 0, {
        timeout: 30_000,
      })
      .toBe(200);
    const ready = await fetch(`${base}/api/health/ready`);
    expect(await ready.json()).toMatchObject({ ok: true });
    await page.goto(`${base}/incidents`);
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const css = await page.evaluate(() => document.styleSheets.length);
    expect(css).toBeGreaterThan(0);
  } finally {
    child?.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
});
