import { createHash } from "node:crypto";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";

import { startProcess, waitFor } from "@/lib/testing/spawn";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { listMigrations, migrate, MigrationError, MIGRATIONS_DIR } from "./migrate.mjs";

const dbs: TestDatabase[] = [];
async function blankDb() {
  const db = await createTestDatabase({ migrated: false });
  dbs.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.drop()));
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

const SLOW = "WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()";

/** A copy of the real migrations plus one extra, to exercise failure handling. */
function migrationsWith(extraName: string, sql: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fb-migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  mkdirSync(path.join(dir, extraName));
  writeFileSync(path.join(dir, extraName, "migration.sql"), sql);
  return dir;
}

describe("migration runner", () => {
  it("applies every migration once and records it in _prisma_migrations exactly as Prisma does", async () => {
    const db = await blankDb();
    const applied = await migrate({ connectionString: db.url });
    const expected = listMigrations().map((m) => m.name);
    expect(applied).toEqual(expected);

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
      logs: string | null;
      rolled_back_at: Date | null;
    }>(db.url, "SELECT * FROM _prisma_migrations ORDER BY migration_name");
    expect(rows.map((r) => r.migration_name)).toEqual(expected);
    for (const r of rows) {
      const sql = readFileSync(path.join(MIGRATIONS_DIR, r.migration_name, "migration.sql"));
      expect(r.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r.applied_steps_count).toBe(1);
      expect(r.rolled_back_at).toBeNull();
      expect(r.logs).toBeNull();
    }
    const columns = await query<{ column_name: string; data_type: string }>(
      db.url,
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position",
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying" },
      { column_name: "checksum", data_type: "character varying" },
      { column_name: "finished_at", data_type: "timestamp with time zone" },
      { column_name: "migration_name", data_type: "character varying" },
      { column_name: "logs", data_type: "text" },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone" },
      { column_name: "started_at", data_type: "timestamp with time zone" },
      { column_name: "applied_steps_count", data_type: "integer" },
    ]);

    expect(await migrate({ connectionString: db.url })).toEqual([]);
  });

  it("applies each migration once when two processes start at the same moment", async () => {
    const db = await blankDb();
    const results = await Promise.all([
      migrate({ connectionString: db.url }),
      migrate({ connectionString: db.url }),
      migrate({ connectionString: db.url }),
    ]);
    const total = results.reduce((n, r) => n + r.length, 0);
    expect(total).toBe(listMigrations().length);
    const rows = await query<{ count: string }>(db.url, "SELECT count(*) FROM _prisma_migrations");
    expect(Number(rows[0]?.count)).toBe(listMigrations().length);
  });

  it("leaves nothing of a failed migration behind and refuses to start until it is resolved", async () => {
    const db = await blankDb();
    const dir = migrationsWith(
      "29991231000000_broken",
      'CREATE TABLE "half_done" ("id" INTEGER);\nINSERT INTO "no_such_table" VALUES (1);\n',
    );
    await expect(migrate({ connectionString: db.url, dir })).rejects.toThrow(
      /29991231000000_broken.*rolled back/,
    );

    const tables = await query(
      db.url,
      "SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'",
    );
    expect(tables).toHaveLength(0);
    const [row] = await query<{ finished_at: Date | null; logs: string }>(
      db.url,
      "SELECT finished_at, logs FROM _prisma_migrations WHERE migration_name = '29991231000000_broken'",
    );
    expect(row?.finished_at).toBeNull();
    expect(row?.logs).toMatch(/no_such_table/);

    const second = migrate({ connectionString: db.url, dir });
    await expect(second).rejects.toBeInstanceOf(MigrationError);
    await expect(migrate({ connectionString: db.url, dir })).rejects.toThrow(
      /failed earlier and blocks.*migrate resolve --rolled-back 29991231000000_broken/s,
    );

    // Once an operator marks it rolled back and fixes the file, starts work again.
    await query(
      db.url,
      "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '29991231000000_broken'",
    );
    writeFileSync(
      path.join(dir, "29991231000000_broken", "migration.sql"),
      'CREATE TABLE "half_done" ("id" INTEGER);\n',
    );
    expect(await migrate({ connectionString: db.url, dir })).toEqual(["29991231000000_broken"]);
  });

  it("gives up waiting for another process's migration lock with a message naming its session", async () => {
    const db = await blankDb();
    const holder = new pg.Client({ connectionString: db.url, application_name: "stuck-migrator" });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock(72707369)");
      const started = Date.now();
      await expect(migrate({ connectionString: db.url, lockTimeoutMs: 800 })).rejects.toThrow(
        /Gave up waiting 1 s for the migration lock .*held by session pid \d+ \(stuck-migrator/s,
      );
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await holder.end();
    }
    expect((await migrate({ connectionString: db.url })).length).toBe(listMigrations().length);
  });

  it("redoes a migration a process was killed in (SIGKILL): no half-recorded row is left", async () => {
    const db = await blankDb();
    await migrate({ connectionString: db.url });
    const dir = migrationsWith(
      "29991231000000_slow",
      'CREATE TABLE "slow_done" ("id" INTEGER);\nSELECT pg_sleep(30);\n',
    );
    const proc = startProcess("node", ["scripts/migrate.mjs", "--dir", dir], { DATABASE_URL: db.url });
    await waitFor(
      async () => (await query(db.url, `SELECT 1 FROM pg_stat_activity ${SLOW}`)).length > 0,
      15_000,
      "the slow migration to run",
    );
    proc.child.kill("SIGKILL");
    await proc.stop();
    // Its backend sleeps on until it notices the client is gone; end it as the server would.
    await query(db.url, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity ${SLOW}`);
    expect(
      await query(db.url, "SELECT 1 FROM _prisma_migrations WHERE migration_name = '29991231000000_slow'"),
    ).toHaveLength(0);
    writeFileSync(
      path.join(dir, "29991231000000_slow", "migration.sql"),
      'CREATE TABLE "slow_done" ("id" INTEGER);\n',
    );
    expect(await migrate({ connectionString: db.url, dir })).toEqual(["29991231000000_slow"]);
  }, 40_000);

  it("redoes a migration an older runner left unfinished (finished_at NULL, no logs)", async () => {
    const db = await blankDb();
    await migrate({ connectionString: db.url });
    const dir = migrationsWith("29991231000000_again", 'CREATE TABLE "again_done" ("id" INTEGER);\n');
    const [m] = listMigrations(dir).filter((x) => x.name === "29991231000000_again");
    await query(
      db.url,
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, applied_steps_count) VALUES ('old-row', $1, $2, 0)",
      [m!.checksum, m!.name],
    );
    const logs: string[] = [];
    expect(await migrate({ connectionString: db.url, dir, log: (l) => logs.push(l) })).toEqual([
      "29991231000000_again",
    ]);
    expect(logs.join("\n")).toMatch(/29991231000000_again was interrupted before it committed/);
    const rows = await query<{ finished_at: Date | null; rolled_back_at: Date | null }>(
      db.url,
      "SELECT finished_at, rolled_back_at FROM _prisma_migrations WHERE migration_name = '29991231000000_again' ORDER BY started_at",
    );
    expect(rows.map((r) => [r.finished_at === null, r.rolled_back_at === null])).toEqual([
      [true, false],
      [false, true],
    ]);
  });
});
