import "server-only";
import pg from "pg";

import { getEnv } from "@/lib/env";

const globalForPool = globalThis as unknown as { firebreakPgPool?: pg.Pool };

/**
 * A small plain `pg` pool beside Prisma's, for the hot paths where Prisma's per-query work
 * shows (the collector's batched writes, the chart series): parameterized SQL only, never
 * string-built. Lazy, like getDb(). Its size counts against the embedded database's cap too.
 */
export function getPool(): pg.Pool {
  if (globalForPool.firebreakPgPool) return globalForPool.firebreakPgPool;
  const connectionString = getEnv().DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  const pool = new pg.Pool({ connectionString, max: 4, connectionTimeoutMillis: 5_000 });
  // An idle connection that breaks is dropped and replaced; the next query reports its error.
  pool.on("error", () => undefined);
  globalForPool.firebreakPgPool = pool;
  return pool;
}

const clientIds = new WeakMap<pg.PoolClient, number>();
let nextClientId = 0;

/**
 * Runs a named prepared statement: parsed and planned once per connection, then only bound
 * and executed. The name carries the connection's number, because the embedded database
 * (PGlite) serves every connection from one backend, where two connections preparing the
 * same name would collide.
 */
export async function preparedQuery<R extends pg.QueryResultRow>(
  name: string,
  text: string,
  values: unknown[],
  rowMode?: "array",
): Promise<pg.QueryResult<R>> {
  const client = await getPool().connect();
  let failed: Error | undefined;
  try {
    let id = clientIds.get(client);
    if (id === undefined) clientIds.set(client, (id = nextClientId++));
    return await client.query<R>({ name: `${name}_${id}`, text, values, ...(rowMode ? { rowMode } : {}) });
  } catch (e) {
    failed = e as Error;
    throw e;
  } finally {
    // A connection that failed mid-protocol is not handed out again.
    client.release(failed && !("code" in failed) ? failed : undefined);
  }
}

export async function closePool(): Promise<void> {
  const pool = globalForPool.firebreakPgPool;
  globalForPool.firebreakPgPool = undefined;
  await pool?.end();
}
