// Usage: node scripts/with-db.mjs <command...>
// Uses DATABASE_URL when set (and starts nothing); otherwise starts the embedded PGlite
// database with its data in .data/pglite (kept across restarts). Either way it applies
// pending migrations, then runs the command with DATABASE_URL exported. A production start
// (`next start` or NODE_ENV=production) without DATABASE_URL is refused.
import { spawn } from "node:child_process";
import { startEmbeddedPostgres } from "./embedded-db.mjs";
import { migrate, MigrationError } from "./migrate.mjs";

export const NO_DATABASE_IN_PRODUCTION =
  "DATABASE_URL is not set. The embedded PGlite database is for `npm run dev` only; " +
  "in production set DATABASE_URL to a PostgreSQL server (postgresql://user:password@host:5432/firebreak).";

/** `npm start` (next start) or NODE_ENV=production: never fall back to the embedded database,
 * which is a single-process dev convenience (no exclusive advisory lock, data in .data/). */
export function isProductionStart(cmd, args, env = process.env) {
  return env.NODE_ENV === "production" || (/(^|\/)next$/.test(cmd ?? "") && args.includes("start"));
}

export async function prepareDatabase({ log = console.log, production = false } = {}) {
  let embedded = null;
  let url = process.env.DATABASE_URL;
  if (!url && production) {
    console.error(`[firebreak] cannot start: ${NO_DATABASE_IN_PRODUCTION}`);
    process.exit(1);
  }
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
  const { url, embedded } = await prepareDatabase({ production: isProductionStart(cmd, args) });
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
