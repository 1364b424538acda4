// Finds a real PostgreSQL server for the test suite, or starts one:
//   1. DATABASE_URL's server, if set;   2. 127.0.0.1:5432 (trust auth, user postgres);
//   3. a throw-away cluster from Debian's /usr/lib/postgresql/*/bin on port 55432.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, chownSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

async function canConnect(url) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

function adminOf(url) {
  const u = new URL(url);
  u.pathname = "/postgres";
  return u.toString();
}

function findPgBin() {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(base, v, "bin");
    if (existsSync(path.join(bin, "initdb"))) return bin;
  }
  return null;
}

function runAsPostgres(cmd, args) {
  const isRoot = process.getuid?.() === 0;
  const r = isRoot
    ? spawnSync("runuser", ["-u", "postgres", "--", cmd, ...args], { encoding: "utf8" })
    : spawnSync(cmd, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
}

/** @returns {Promise<{ adminUrl: string, stop: () => void, source: string }>} */
export async function findPostgres() {
  if (process.env.DATABASE_URL) {
    const adminUrl = adminOf(process.env.DATABASE_URL);
    if (await canConnect(adminUrl)) return { adminUrl, stop: () => {}, source: "DATABASE_URL" };
    throw new Error(`DATABASE_URL is set but its server does not answer (${adminUrl}).`);
  }
  const local = "postgresql://postgres@127.0.0.1:5432/postgres";
  // TEST_PG_THROWAWAY=1 skips the local server (to exercise the fallback below).
  if (!process.env.TEST_PG_THROWAWAY && (await canConnect(local)))
    return { adminUrl: local, stop: () => {}, source: "127.0.0.1:5432" };

  const bin = findPgBin();
  if (!bin) {
    throw new Error(
      "No PostgreSQL server found: DATABASE_URL is unset, nothing answers on 127.0.0.1:5432, and no " +
        "PostgreSQL binaries are in /usr/lib/postgresql. Install one (Debian: apt-get install postgresql) " +
        "or point DATABASE_URL at a server you may create databases on.",
    );
  }
  const dir = path.join(os.tmpdir(), `firebreak-test-pg-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const port = 55432;
  runAsPostgres(path.join(bin, "initdb"), [
    "-D",
    path.join(dir, "data"),
    "-U",
    "postgres",
    "--auth=trust",
    "-E",
    "UTF8",
  ]);
  runAsPostgres(path.join(bin, "pg_ctl"), [
    "-D",
    path.join(dir, "data"),
    "-l",
    path.join(dir, "log"),
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    "start",
  ]);
  const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  return {
    adminUrl,
    source: `throw-away cluster in ${dir}`,
    stop: () => {
      try {
        runAsPostgres(path.join(bin, "pg_ctl"), ["-D", path.join(dir, "data"), "-m", "fast", "stop"]);
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
