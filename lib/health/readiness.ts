import "server-only";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

import { getDb } from "@/lib/db/client";

export type Check = { name: "database" | "migrations" | "job-queue"; ok: boolean; detail: string };
export type Readiness = { ok: boolean; checks: Check[] };

const TIMEOUT_MS = 2_000;

/**
 * Ready to serve: the database answers, every migration shipped with this build is applied,
 * and the job queue's schema is there. Details are fixed words only (no host, error text or
 * version), because the endpoint is unauthenticated.
 */
export async function checkReadiness(
  migrationsDir = path.join(process.cwd(), "prisma", "migrations"),
): Promise<Readiness> {
  const db = getDb();
  const database = await timed(async () => {
    await db.$queryRaw`SELECT 1`;
    return "reachable";
  }, "unreachable");
  if (!database.ok) {
    const skipped = (name: Check["name"]): Check => ({ name, ok: false, detail: "database unreachable" });
    return {
      ok: false,
      checks: [{ name: "database", ...database }, skipped("migrations"), skipped("job-queue")],
    };
  }
  const migrations = await timed(async () => {
    const shipped = listShipped(migrationsDir);
    const rows = await db.$queryRaw<Array<{ name: string }>>`
      SELECT migration_name AS name FROM _prisma_migrations
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((r) => r.name));
    const missing = shipped.filter((m) => !applied.has(m)).length;
    if (missing > 0) throw new Error(`${missing} pending`);
    return `${applied.size} applied`;
  }, "pending or unreadable");
  const queue = await timed(async () => {
    const rows = await db.$queryRaw<Array<{ present: boolean }>>`
      SELECT to_regclass('pgboss.job') IS NOT NULL AS present`;
    if (!rows[0]?.present) throw new Error("absent");
    return "reachable";
  }, "not set up");
  const checks: Check[] = [
    { name: "database", ...database },
    { name: "migrations", ...migrations },
    { name: "job-queue", ...queue },
  ];
  return { ok: checks.every((c) => c.ok), checks };
}

function listShipped(dir: string): string[] {
  if (!existsSync(/*turbopackIgnore: true*/ dir)) return [];
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter(
      (d) => d.isDirectory() && existsSync(/*turbopackIgnore: true*/ path.join(dir, d.name, "migration.sql")),
    )
    .map((d) => d.name);
}

async function timed(work: () => Promise<string>, failure: string): Promise<{ ok: boolean; detail: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const detail = await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS);
      }),
    ]);
    return { ok: true, detail };
  } catch (e) {
    const msg = (e as Error).message;
    return { ok: false, detail: /^\d+ pending$/.test(msg) ? msg : msg === "timeout" ? "timed out" : failure };
  } finally {
    clearTimeout(timer);
  }
}
