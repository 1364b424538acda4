// Applies prisma/migrations/* without Prisma's native schema engine (it cannot be
// downloaded here), writing `_prisma_migrations` exactly as `prisma migrate deploy` does,
// so Prisma's own tooling elsewhere accepts the history.
//
// - Serialised by Prisma's own advisory lock key (72707369): two processes starting at once
//   apply each migration once.
// - Each migration runs in one transaction: a failure leaves nothing half-applied, and its
//   row stays with finished_at NULL + logs, which blocks further starts (like Prisma's P3009).
import { createHash, randomUUID } from "node:crypto";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const PRISMA_MIGRATE_LOCK = 72707369;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma", "migrations");

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {}

export function listMigrations(dir = MIGRATIONS_DIR) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: sql.toString("utf8"), checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** @returns {Promise<string[]>} names of the migrations applied by this call */
export async function migrate({ connectionString, dir = MIGRATIONS_DIR, log = () => {} }) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query(
      "SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM _prisma_migrations",
    );
    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed) {
      throw new MigrationError(
        `Migration "${failed.migration_name}" failed earlier and blocks further migrations.\n` +
          `Error it recorded: ${(failed.logs ?? "").trim()}\n` +
          `Fix the database by hand, then mark it with \`prisma migrate resolve --rolled-back ${failed.migration_name}\` ` +
          `(or set rolled_back_at on its _prisma_migrations row).`,
      );
    }
    const applied = new Map(rows.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r]));
    const done = [];
    for (const m of listMigrations(dir)) {
      const prior = applied.get(m.name);
      if (prior) {
        if (prior.checksum !== m.checksum)
          log(`warning: migration ${m.name} was edited after it was applied`);
        continue;
      }
      const id = randomUUID();
      await client.query(
        "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)",
        [id, m.checksum, m.name],
      );
      try {
        await client.query("BEGIN");
        await client.query(m.sql);
        await client.query(
          "UPDATE _prisma_migrations SET finished_at = now(), applied_steps_count = 1 WHERE id = $1",
          [id],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        const logs = `${err.code ?? ""} ${err.message}`.trim();
        await client.query("UPDATE _prisma_migrations SET logs = $2 WHERE id = $1", [id, logs]);
        throw new MigrationError(`Migration "${m.name}" failed and was rolled back: ${err.message}`);
      }
      log(`applied migration ${m.name}`);
      done.push(m.name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]).catch(() => {});
    await client.end();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    console.error(
      "DATABASE_URL is not set (npm run dev starts an embedded database and migrates it itself).",
    );
    process.exit(2);
  }
  migrate({ connectionString, log: (m) => console.log(m) })
    .then((names) =>
      console.log(names.length ? `${names.length} migration(s) applied` : "database is up to date"),
    )
    .catch((err) => {
      console.error(err instanceof MigrationError ? err.message : err);
      process.exit(1);
    });
}
