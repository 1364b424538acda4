// Applies prisma/migrations/* without Prisma's native schema engine (it cannot be
// downloaded here), writing `_prisma_migrations` exactly as `prisma migrate deploy` does,
// so Prisma's own tooling elsewhere accepts the history.
//
// - Serialised by Prisma's own advisory lock key (72707369): two processes starting at once
//   apply each migration once. The wait ends after MIGRATE_LOCK_TIMEOUT_MS (default 60 s)
//   with a message naming the session that holds the lock.
// - Atomic: a migration's SQL and its `_prisma_migrations` row commit in ONE transaction. A
//   process killed (or a database restarted) mid-migration leaves neither, so the next start
//   simply applies it again. Rows left with finished_at NULL and no logs by older versions of
//   this runner (which committed the row first) are marked rolled back and redone.
// - A migration whose SQL fails is rolled back and then recorded as failed (finished_at NULL,
//   the error in logs), which blocks further starts like Prisma's P3009 until resolved.
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

const INTERRUPTED_NOTE = "interrupted before it committed (nothing of it was applied); redone by the runner";

/**
 * @param {{ connectionString: string, dir?: string, log?: (m: string) => void, lockTimeoutMs?: number }} options
 * @returns {Promise<string[]>} names of the migrations applied by this call
 */
export async function migrate({
  connectionString,
  dir = MIGRATIONS_DIR,
  log = () => {},
  lockTimeoutMs = Number(process.env.MIGRATE_LOCK_TIMEOUT_MS) || 60_000,
}) {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  let lost = null;
  client.on("error", (e) => (lost = e)); // a dropped connection surfaces on the next query
  await client.connect();
  let locked = false;
  try {
    await acquireLock(client, lockTimeoutMs);
    locked = true;
    await client.query(CREATE_TABLE);
    const interrupted = await client.query(
      `UPDATE _prisma_migrations SET rolled_back_at = now(), logs = $1
       WHERE finished_at IS NULL AND rolled_back_at IS NULL AND logs IS NULL RETURNING migration_name`,
      [INTERRUPTED_NOTE],
    );
    for (const r of interrupted.rows) log(`migration ${r.migration_name} was ${INTERRUPTED_NOTE}`);
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
      await applyOne(client, m, () => lost);
      log(`applied migration ${m.name}`);
      done.push(m.name);
    }
    return done;
  } finally {
    if (locked) await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]).catch(() => {});
    await client.end().catch(() => {});
  }
}

/** The migration's SQL and its history row in one transaction. */
async function applyOne(client, m, connectionLost) {
  const id = randomUUID();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, clock_timestamp(), NULL, 0)`,
      [id, m.checksum, m.name],
    );
    await client.query(m.sql);
    await client.query(
      "UPDATE _prisma_migrations SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1",
      [id],
    );
    await client.query("COMMIT");
  } catch (err) {
    const gone = connectionLost() || isConnectionError(err);
    if (gone) {
      throw new MigrationError(
        `Migration "${m.name}" was interrupted: the database connection was lost (${err.message}). ` +
          `Nothing of it was committed; the next start applies it again.`,
      );
    }
    await client.query("ROLLBACK").catch(() => {});
    const logs = `${err.code ?? ""} ${err.message}`.trim();
    await client
      .query(
        "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, logs, applied_steps_count) VALUES ($1, $2, $3, now(), $4, 0)",
        [id, m.checksum, m.name, logs],
      )
      .catch(() => {});
    throw new MigrationError(`Migration "${m.name}" failed and was rolled back: ${err.message}`);
  }
}

function isConnectionError(err) {
  const code = String(err?.code ?? "");
  return (
    code.startsWith("08") ||
    code === "57P01" ||
    code === "57P02" ||
    code === "57P03" ||
    /Connection terminated|ECONNRESET|ECONNREFUSED|not queryable/i.test(String(err?.message))
  );
}

/** Waits for Prisma's migrate advisory lock, at most timeoutMs; then says who holds it. */
async function acquireLock(client, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query("SELECT pg_try_advisory_lock($1) AS ok", [PRISMA_MIGRATE_LOCK]);
    if (rows[0]?.ok) return;
    if (Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const holder = await client
    .query(
      `SELECT a.pid, a.application_name, a.client_addr::text AS addr, a.backend_start, a.state
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1 LIMIT 1`,
      [PRISMA_MIGRATE_LOCK],
    )
    .then((r) => r.rows[0])
    .catch(() => undefined);
  const who = holder
    ? `session pid ${holder.pid} (${holder.application_name || "no application name"}, ${holder.addr ?? "local"}, connected ${holder.backend_start?.toISOString?.() ?? "?"}, ${holder.state})`
    : "another session";
  throw new MigrationError(
    `Gave up waiting ${Math.round(timeoutMs / 1000)} s for the migration lock (advisory lock ${PRISMA_MIGRATE_LOCK}), ` +
      `held by ${who}. Another Firebreak process is probably migrating this database; if none is, ` +
      `end that session (SELECT pg_terminate_backend(<pid>)) and start again. MIGRATE_LOCK_TIMEOUT_MS sets the wait.`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    console.error(
      "DATABASE_URL is not set (npm run dev starts an embedded database and migrates it itself).",
    );
    process.exit(2);
  }
  // --dir <path>: another migrations directory (tests).
  const at = process.argv.indexOf("--dir");
  const dir = at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]) : MIGRATIONS_DIR;
  migrate({ connectionString, dir, log: (m) => console.log(m) })
    .then((names) =>
      console.log(names.length ? `${names.length} migration(s) applied` : "database is up to date"),
    )
    .catch((err) => {
      console.error(err instanceof MigrationError ? err.message : err);
      process.exit(1);
    });
}
