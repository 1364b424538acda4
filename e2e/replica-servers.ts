import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

import pg from "pg";

import { migrate } from "../scripts/migrate.mjs";
import { appEnvOf, loadDoubles } from "../scripts/stack.mjs";

// Replicas of the production build (`next start` on the e2e build, NEXT_DIST_DIR), all on one
// database of their own next to the e2e one, reaching the same doubles. Each replica runs
// everything a pod runs: the collector, the job worker and the live listener.
const DIST = process.env.NEXT_DIST_DIR ?? ".next";
const E2E_DB = process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/firebreak_e2e";

export type Replica = { name: string; base: string; child: ChildProcess; output: string[]; kill(): void };

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh, migrated database for the replicas (dropped first if a previous run left it). */
export async function freshReplicaDatabase(name = "firebreak_e2e_replicas"): Promise<string> {
  const admin = new pg.Client({ connectionString: withDatabase(E2E_DB, "postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(E2E_DB, name);
  await migrate({ connectionString: url });
  return url;
}

export async function dropReplicaDatabase(name = "firebreak_e2e_replicas"): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(E2E_DB, "postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts one replica and waits until it is ready (database, migrations, job queue). */
export async function startReplica(name: string, databaseUrl: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        ...appEnvOf(loadDoubles("e2e")),
        NODE_ENV: "production",
        NEXT_DIST_DIR: DIST,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        FIREBREAK_URL: base,
        ...env,
      },
    },
  );
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!])
    stream.on("data", (chunk: Buffer) => output.push(...chunk.toString("utf8").split("\n").filter(Boolean)));
  const replica: Replica = {
    name,
    base,
    child,
    output,
    // The whole process group: nothing of the replica may survive (as when a pod is killed).
    kill: () => {
      if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e;
      }
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await fetch(`${base}/api/health/ready`).catch(() => null);
    if (res?.ok) return replica;
    if (child.exitCode !== null || Date.now() > deadline) {
      replica.kill();
      throw new Error(`replica ${name} did not become ready:\n${output.slice(-20).join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Calls a server action over HTTP exactly as the browser does (the `Next-Action` header with
 * the action's id from the build's manifest, arguments encoded as the React reply: JSON for
 * plain values) and returns the RSC response text.
 */
export async function callServerAction(
  replica: Replica,
  action: { file: string; name: string },
  args: unknown[],
  cookie: string,
  /** A page that uses the action (the action is looked up in that page's worker). */
  pagePath: string,
): Promise<string> {
  const res = await fetch(`${replica.base}${pagePath}`, {
    method: "POST",
    headers: {
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      "Next-Action": serverActionId(action),
      Origin: replica.base,
      Cookie: cookie,
    },
    body: JSON.stringify(args),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`server action ${action.name} on ${replica.name}: HTTP ${res.status} ${text}`);
  return text;
}

type ManifestEntry = { exportedName?: string; filename?: string; workers?: Record<string, unknown> };

function serverActionId(action: { file: string; name: string }): string {
  const manifest = JSON.parse(
    readFileSync(path.join(DIST, "server", "server-reference-manifest.json"), "utf8"),
  );
  const entries = Object.entries(manifest.node as Record<string, ManifestEntry>);
  const found = entries.find(([, e]) => e.exportedName === action.name && e.filename?.endsWith(action.file));
  if (!found) throw new Error(`server action ${action.file}#${action.name} is not in the build's manifest`);
  return found[0];
}
