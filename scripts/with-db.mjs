// Usage: node scripts/with-db.mjs <command...>
// Uses DATABASE_URL when set (and starts nothing); otherwise starts the embedded PGlite
// database with its data in .data/pglite (kept across restarts). Either way it applies
// pending migrations, then runs the command with DATABASE_URL exported.
import { spawn } from "node:child_process";
import { startEmbeddedPostgres } from "./embedded-db.mjs";
import { migrate, MigrationError } from "./migrate.mjs";

export async function prepareDatabase({ log = console.log } = {}) {
  let embedded = null;
  let url = process.env.DATABASE_URL;
  if (url) {
    log(`[firebreak] using DATABASE_URL (${redact(url)})`);
  } else {
    const dataDir = process.env.PGLITE_DIR ?? ".data/pglite";
    const port = Number(process.env.PGLITE_PORT ?? 54329);
    embedded = await startEmbeddedPostgres({ dataDir, port });
    url = embedded.url;
    log(`[firebreak] embedded Postgres (PGlite) on ${url}`);
    log(`[firebreak] data kept in ${embedded.dir}`);
  }
  try {
    const applied = await migrate({ connectionString: url, log: (m) => log(`[firebreak] ${m}`) });
    if (!applied.length) log("[firebreak] database schema is up to date");
  } catch (err) {
    await embedded?.stop();
    if (err instanceof MigrationError) {
      console.error(`[firebreak] cannot start: ${err.message}`);
      process.exit(1);
    }
    console.error(`[firebreak] cannot reach the database (${redact(url)}): ${err.message}`);
    process.exit(1);
  }
  return { url, embedded };
}

function redact(url) {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");
}

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  if (!cmd) {
    console.error("usage: node scripts/with-db.mjs <command> [args...]");
    process.exit(2);
  }
  const { url, embedded } = await prepareDatabase();
  const child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
  const forward = (sig) => () => child.kill(sig);
  process.on("SIGINT", forward("SIGINT"));
  process.on("SIGTERM", forward("SIGTERM"));
  child.on("exit", async (code, signal) => {
    await embedded?.stop().catch(() => {});
    process.exit(code ?? (signal ? 1 : 0));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) main();
