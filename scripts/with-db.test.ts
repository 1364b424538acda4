import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { freePort, ROOT } from "@/lib/testing/spawn";

// A production start must never fall back to the embedded PGlite database. The embedded
// database is pointed at a throw-away directory and port so a regression cannot touch a
// developer's .data/pglite.
async function withDb(args: string[], env: Record<string, string>) {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "fb-with-db-")), "pglite");
  // The child's environment: this one without DATABASE_URL and NODE_ENV, then the test's.
  const childEnv: Record<string, string | undefined> = { ...process.env };
  delete childEnv.DATABASE_URL;
  delete childEnv.NODE_ENV;
  Object.assign(childEnv, { PGLITE_DIR: dir, PGLITE_PORT: String(await freePort()) }, env);
  const run = spawnSync(process.execPath, ["scripts/with-db.mjs", ...args], {
    cwd: ROOT,
    env: childEnv as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { ...run, embeddedStarted: existsSync(dir) };
}

const RAN = "child ran";

describe("scripts/with-db.mjs in production", () => {
  it("refuses NODE_ENV=production without DATABASE_URL, with the reason, before starting anything", async () => {
    const run = await withDb([process.execPath, "-e", `console.log("${RAN}")`], { NODE_ENV: "production" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("cannot start: DATABASE_URL is not set");
    expect(run.stderr).toContain("embedded PGlite database is for `npm run dev` only");
    expect(run.stdout).not.toContain(RAN);
    expect(run.embeddedStarted).toBe(false);
  });

  it("refuses `next start` (npm start) without DATABASE_URL even when NODE_ENV is unset", async () => {
    const run = await withDb(["node_modules/.bin/next", "start", "-p", "1"], {});
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("cannot start: DATABASE_URL is not set");
    expect(run.embeddedStarted).toBe(false);
  });
});
