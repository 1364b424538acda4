import "server-only";

import { getDb } from "@/lib/db/client";

import { logEvent } from "./log";

/** Jobs per state in the queue's table (pg-boss, schema "pgboss"). Before the queue has ever
 * started the table does not exist: no rows, and nothing worth a log line on every scrape. */
export async function countJobsByState(): Promise<Array<{ state: string; count: number }>> {
  try {
    return await getDb().$queryRawUnsafe<Array<{ state: string; count: number }>>(
      `SELECT state::text AS state, count(*)::int AS count FROM pgboss.job GROUP BY state`,
    );
  } catch (e) {
    const message = String((e as Error).message ?? e);
    if (!/does not exist/.test(message)) {
      logEvent("warn", "job counts unavailable", { error: message.trim().split("\n").pop() });
    }
    return [];
  }
}
