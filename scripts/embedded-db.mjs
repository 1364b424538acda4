// The embedded default database: PGlite (Postgres compiled to WASM) behind its socket
// server, so the app talks the ordinary Postgres wire protocol through @prisma/adapter-pg —
// the same code path as a real server. Used only when DATABASE_URL is unset.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// PGlite serialises queries and an open transaction blocks other connections, so the
// app's pool must stay below this (lib/db/client.ts uses 10). Offline notes G10.
const MAX_CONNECTIONS = 32;

export async function startEmbeddedPostgres({ dataDir, port = 54329, host = "127.0.0.1" }) {
  const memory = dataDir === "memory://";
  const dir = memory ? dataDir : path.resolve(dataDir);
  if (!memory) mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db, host, port, maxConnections: MAX_CONNECTIONS });
  await server.start();
  return {
    url: `postgresql://postgres@${host}:${port}/postgres?sslmode=disable`,
    dir,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
