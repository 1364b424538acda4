import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startProcess, waitFor } from "@/lib/testing/spawn";
import { startThrowawayPostgres, type ThrowawayPostgres } from "@/lib/testing/throwaway-postgres";
import { listMigrations, migrate, MIGRATIONS_DIR } from "./migrate.mjs";

// Fault: the PostgreSQL server restarts while a migration runs.
let server: ThrowawayPostgres;
beforeAll(async () => {
  server = await startThrowawayPostgres();
}, 60_000);
afterAll(() => server?.destroy());

async function rows(url: string, sql: string): Promise<unknown[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe("a migration when the database restarts under it", () => {
  it("is interrupted with a clear message and completed exactly once by the next start", async () => {
    const url = await server.createDatabase("fb_migrate_fault");
    const dir = mkdtempSync(path.join(os.tmpdir(), "fb-migrations-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    mkdirSync(path.join(dir, "29991231000000_slow"));
    writeFileSync(
      path.join(dir, "29991231000000_slow", "migration.sql"),
      'CREATE TABLE "slow_done" ("id" INTEGER);\nSELECT pg_sleep(5);\n',
    );

    const first = startProcess("node", ["scripts/migrate.mjs", "--dir", dir], { DATABASE_URL: url });
    await waitFor(
      async () =>
        (
          await rows(
            url,
            "SELECT 1 FROM pg_stat_activity WHERE query LIKE '%pg_sleep(5)%' AND pid <> pg_backend_pid()",
          )
        ).length > 0,
      20_000,
      "the slow migration to start",
    );
    await server.restart({ downMs: 300 });
    expect(await first.stop()).toBe(1);
    expect(first.output()).toMatch(
      /Migration "29991231000000_slow" was interrupted: the database connection was lost .*Nothing of it was committed; the next start applies it again\./,
    );
    expect(
      await rows(url, "SELECT 1 FROM _prisma_migrations WHERE migration_name = '29991231000000_slow'"),
    ).toEqual([]);

    const applied = await migrate({ connectionString: url, dir });
    expect(applied).toEqual(["29991231000000_slow"]);
    const history = await rows(
      url,
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    expect(history).toHaveLength(listMigrations(dir).length);
    expect(
      await rows(
        url,
        "SELECT 1 FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL",
      ),
    ).toEqual([]);
    expect(await migrate({ connectionString: url, dir })).toEqual([]);
  }, 60_000);
});
