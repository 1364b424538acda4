import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";

setupAppDatabase();

let GET: typeof import("./route").GET;
let checkReadiness: typeof import("@/lib/health/readiness").checkReadiness;
let db: ReturnType<typeof import("@/lib/db/client").getDb>;
const extraDir = mkdtempSync(path.join(tmpdir(), "fb-migrations-"));

beforeAll(async () => {
  ({ GET } = await import("./route"));
  ({ checkReadiness } = await import("@/lib/health/readiness"));
  db = (await import("@/lib/db/client")).getDb();
});
afterAll(() => rmSync(extraDir, { recursive: true, force: true }));

describe("GET /api/health/ready", () => {
  it("is not ready until the job queue's schema exists, and says so in fixed words", async () => {
    await db.$executeRawUnsafe("DROP SCHEMA IF EXISTS pgboss CASCADE");
    const res = await GET();
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.checks).toEqual([
      { name: "database", ok: true, detail: "reachable" },
      { name: "migrations", ok: true, detail: expect.stringMatching(/^\d+ applied$/) },
      { name: "job-queue", ok: false, detail: "not set up" },
    ]);
  });

  it("is ready when the database answers, migrations are applied and the queue is set up", async () => {
    await db.$executeRawUnsafe("CREATE SCHEMA IF NOT EXISTS pgboss");
    await db.$executeRawUnsafe("CREATE TABLE IF NOT EXISTS pgboss.job (id uuid)");
    const res = await GET();
    expect(res.status).toBe(200);
    expect((await res.json()).ok).toBe(true);
  });

  it("counts a migration shipped with the build but not applied as pending", async () => {
    mkdirSync(path.join(extraDir, "29990101000000_future"));
    writeFileSync(path.join(extraDir, "29990101000000_future", "migration.sql"), "SELECT 1;");
    const r = await checkReadiness(extraDir);
    expect(r.ok).toBe(false);
    expect(r.checks[1]).toEqual({ name: "migrations", ok: false, detail: "1 pending" });
  });

  it("answers 503 without leaking the database's address when it is unreachable", async () => {
    const holder = globalThis as { prisma?: unknown };
    const saved = holder.prisma;
    const { PrismaClient } = await import("@/lib/generated/prisma/client");
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const adapter = new PrismaPg({
      connectionString: "postgresql://postgres@127.0.0.1:1/nowhere",
      connectionTimeoutMillis: 1000,
    });
    holder.prisma = new PrismaClient({ adapter });
    try {
      const res = await GET();
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(text).not.toContain("127.0.0.1");
      expect(JSON.parse(text).checks[0]).toEqual({ name: "database", ok: false, detail: "unreachable" });
    } finally {
      holder.prisma = saved;
    }
  });
});
