// Test helper for fault tests: a throw-away PostgreSQL cluster of its own (Debian's
// /usr/lib/postgresql/<v>/bin initdb + pg_ctl, on a free port in a temp dir, run as the
// postgres user when the tests run as root), which a test may stop and start at will.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

import { freePort } from "./spawn";

export type ThrowawayPostgres = {
  adminUrl: string;
  /** A new empty database on the cluster; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (immediate = like a crash: every connection drops) and starts it again
   * after downMs. */
  restart(opts?: { downMs?: number; mode?: "immediate" | "fast" }): Promise<void>;
  stopServer(mode?: "immediate" | "fast"): void;
  startServer(): void;
  destroy(): void;
};

function pgBin(): string {
  const base = "/usr/lib/postgresql";
  const v = existsSync(base)
    ? readdirSync(base)
        .sort((a, b) => Number(b) - Number(a))
        .find((d) => existsSync(path.join(base, d, "bin", "initdb")))
    : undefined;
  if (!v) throw new Error("No PostgreSQL binaries in /usr/lib/postgresql (apt-get install postgresql).");
  return path.join(base, v, "bin");
}

function runAsPostgres(cmd: string, args: string[]): void {
  const r =
    process.getuid?.() === 0
      ? spawnSync("runuser", ["-u", "postgres", "--", cmd, ...args], { encoding: "utf8" })
      : spawnSync(cmd, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} failed: ${r.stderr || r.stdout}`);
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = pgBin();
  const dir = mkdtempSync(path.join(os.tmpdir(), "fb-fault-pg-"));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  const port = await freePort();
  runAsPostgres(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
  const startServer = () =>
    runAsPostgres(path.join(bin, "pg_ctl"), [
      "-D",
      data,
      "-l",
      path.join(dir, "log"),
      "-w",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "start",
    ]);
  const stopServer = (mode: "immediate" | "fast" = "immediate") =>
    runAsPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-m", mode, "-w", "stop"]);
  startServer();
  const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  return {
    adminUrl,
    async createDatabase(name) {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${name}`);
      } finally {
        await c.end();
      }
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
    async restart({ downMs = 500, mode = "immediate" } = {}) {
      stopServer(mode);
      await new Promise((r) => setTimeout(r, downMs));
      startServer();
    },
    stopServer,
    startServer,
    destroy() {
      try {
        stopServer("immediate");
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
