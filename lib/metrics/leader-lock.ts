import pg from "pg";

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
 */
export function createLeaderLock(
  connectionString: string,
  opts: { key?: number; onLost?: (reason: string) => void; connectTimeoutMs?: number } = {},
): LeaderLock {
  const key = opts.key ?? COLLECTOR_LOCK_KEY;
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
          });
          c.on("error", (e) => drop(`lock connection error: ${e.message}`));
          c.on("end", () => client === c && drop("lock connection closed"));
          await c.connect();
          client = c;
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
