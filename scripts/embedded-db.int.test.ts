import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

import { startEmbeddedPostgres } from "./embedded-db.mjs";

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir() {
  const d = mkdtempSync(path.join(os.tmpdir(), "fb-pglite-"));
  dirs.push(d);
  return d;
}

/** Runs `node scripts/with-db.mjs node -e <code>` the way `npm run dev` does, with DATABASE_URL unset. */
async function withEmbeddedDb(dataDir: string, port: number, code: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dataDir, PGLITE_PORT: String(port) };
  delete env.DATABASE_URL;
  return run("node", ["scripts/with-db.mjs", "node", "--input-type=module", "-e", code], {
    env,
    timeout: 150_000, // PGlite (WASM) takes tens of seconds to start on a busy machine
  });
}

const pgFromNode = (sql: string) => `
  import pg from "pg";
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  const r = await c.query(${JSON.stringify(sql)});
  console.log(JSON.stringify(r.rows));
  await c.end();`;

describe("embedded default database (DATABASE_URL unset)", () => {
  it("migrates on start, says where its data is, and keeps an incident and its notes across restarts", async () => {
    const dir = tempDir();
    const first = await withEmbeddedDb(
      dir,
      54391,
      pgFromNode(`WITH i AS (INSERT INTO incidents (title, severity, service, declared_by) VALUES ('Checkout down', 'SEV1', 'checkout', 'dana') RETURNING id)
        INSERT INTO timeline_events (incident_id, kind, actor, body) SELECT id, 'note', 'dana', 'rolled back' FROM i RETURNING id`),
    );
    expect(first.stdout).toContain(`data kept in ${dir}`);
    expect(first.stdout).toMatch(/applied migration 20261123000000_init/);

    const second = await withEmbeddedDb(
      dir,
      54391,
      pgFromNode("SELECT i.title, e.body FROM incidents i JOIN timeline_events e ON e.incident_id = i.id"),
    );
    expect(second.stdout).toContain("database schema is up to date");
    expect(second.stdout).toContain(JSON.stringify([{ title: "Checkout down", body: "rolled back" }]));
  }, 360_000);

  it("serves concurrent connections from the app's pool", async () => {
    const db = await startEmbeddedPostgres({ dataDir: "memory://", port: 54392 });
    try {
      const pool = new pg.Pool({ connectionString: db.url, max: 10 });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => pool.query("SELECT $1::int AS n", [i])),
      );
      expect(results.map((r) => r.rows[0].n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      await pool.end();
    } finally {
      await db.stop();
    }
  }, 180_000);
});
