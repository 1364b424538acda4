import pg from "pg";

import { getEnv } from "@/lib/env";

/** Advisory lock key of the collector ("FBCO"). One holder across every Firebreak process. */
export const COLLECTOR_LOCK_KEY = 0x4642434f;

export type LeaderLock = {
  /** Tries to take (or confirms it still holds) the lock; false = another process leads. */
  tryAcquire(): Promise<boolean>;
  isHeld(): boolean;
  release(): Promise<void>;
};

/**
 * Leadership through a Postgres SESSION advisory lock held on a dedicated connection (a
 * plain pg client, not Prisma's pool, whose connections come and go). If that connection
 * dies the lock is gone with it: onLost fires and the holder must stop collecting at once.
 * PGlite (the embedded dev database) runs every connection in ONE session, so there the lock
 * excludes nothing: the embedded database is for a single dev process only.
 *
 * A half-open connection (the peer or a middlebox vanished without a FIN/RST) must not stop
 * collection forever, so both ends give up on it:
 * - this process: every lock query has a client-side timeout (heartbeatTimeoutMs, default
 *   COLLECTOR_HEARTBEAT_TIMEOUT_MS); a heartbeat that does not answer drops the connection and
 *   leadership (onLost);
 * - the server: the session runs with idle_session_timeout (idleSessionTimeoutMs, default
 *   three heartbeat timeouts, at least 15 s) and TCP keepalives, so a leader whose heartbeats
 *   stop arriving loses its session and the lock, and a follower takes over.
 */
export function createLeaderLock(
  connectionString: string,
  opts: {
    key?: number;
    onLost?: (reason: string) => void;
    connectTimeoutMs?: number;
    heartbeatTimeoutMs?: number;
    idleSessionTimeoutMs?: number;
  } = {},
): LeaderLock {
  const key = opts.key ?? COLLECTOR_LOCK_KEY;
  const heartbeatTimeoutMs = opts.heartbeatTimeoutMs ?? getEnv().COLLECTOR_HEARTBEAT_TIMEOUT_MS;
  const idleSessionTimeoutMs = opts.idleSessionTimeoutMs ?? Math.max(15_000, 3 * heartbeatTimeoutMs);
  let client: pg.Client | null = null;
  let held = false;

  const drop = (reason: string) => {
    const wasHeld = held;
    held = false;
    const c = client;
    client = null;
    c?.end().catch(() => {});
    if (wasHeld) opts.onLost?.(reason);
  };

  return {
    isHeld: () => held,
    async tryAcquire() {
      try {
        if (!client) {
          const c = new pg.Client({
            connectionString,
            connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
            keepAlive: true,
            keepAliveInitialDelayMillis: 5_000,
            query_timeout: heartbeatTimeoutMs,
          });
          c.on("error", (e) => drop(`lock connection error: ${e.message}`));
          c.on("end", () => client === c && drop("lock connection closed"));
          client = c;
          await c.connect();
          // Server side: end this session if its heartbeats stop (see above). Not on PGlite,
          // whose one shared session these settings would apply to for every connection.
          const { rows: v } = await c.query<{ v: string }>("SELECT version() AS v");
          if (!/PGlite/.test(v[0]?.v ?? ""))
            await c.query(
              `SELECT set_config('statement_timeout', $1, false), set_config('idle_session_timeout', $2, false),
               set_config('tcp_keepalives_idle', '5', false), set_config('tcp_keepalives_interval', '2', false),
               set_config('tcp_keepalives_count', '3', false)`,
              [String(heartbeatTimeoutMs), String(idleSessionTimeoutMs)],
            );
        }
        if (held) {
          await client.query("SELECT 1"); // heartbeat: a dead connection surfaces here
          return held;
        }
        const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [key]);
        held = rows[0]?.ok === true;
        return held;
      } catch (e) {
        drop(`lock query failed: ${(e as Error).message}`);
        return false;
      }
    },
    async release() {
      const c = client;
      const wasHeld = held;
      held = false;
      client = null;
      if (!c) return;
      try {
        if (wasHeld) await c.query("SELECT pg_advisory_unlock($1)", [key]);
      } finally {
        await c.end().catch(() => {});
      }
    },
  };
}
