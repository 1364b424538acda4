import pg from "pg";

import {
  AUTH_CHANNEL,
  LIVE_CHANNEL,
  parseAuthNotice,
  parseNotice,
  reconnectDelayMs,
  type LiveNotice,
} from "./notice";

/** `notice`: a change committed (in any process); `resync`: notices may have been lost while the
 * connection was down, so every subscriber must re-read what it shows. */
export type LiveMessage = { type: "notice"; notice: LiveNotice } | { type: "resync" };
export type ListenerState = "connecting" | "listening" | "retrying" | "unavailable" | "stopped";

export type LiveListener = {
  state(): ListenerState;
  /** Resolves true once listening, false if not listening within `timeoutMs` or unavailable. */
  whenListening(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
};

type Options = {
  onMessage: (m: LiveMessage) => void;
  /** A person's sessions ended or their roles changed (any process); null after a resync, when
   * such notices may have been missed. */
  onAuthChange?: (userId: string | null) => void;
  log?: (m: string) => void;
  /** How often the idle connection is checked with a query (a half-open one is replaced). */
  pingMs?: number;
  connectTimeoutMs?: number;
};

/**
 * LISTEN on one dedicated connection (a plain pg client, never Prisma's pool, whose
 * connections come and go and would drop the LISTEN). When the connection fails it is
 * replaced with backoff (reconnectDelayMs), and a `resync` tells subscribers that notices may
 * have been missed meanwhile. PGlite (the embedded dev database) runs every connection in one
 * session, so notices cannot be routed per connection there: the listener reports itself
 * unavailable and viewers keep polling.
 */
export function startLiveListener(connectionString: string, opts: Options): LiveListener {
  const log = opts.log ?? (() => {});
  const pingMs = opts.pingMs ?? 30_000;
  let state: ListenerState = "connecting";
  let client: pg.Client | null = null;
  let wake: (() => void) | null = null;
  // Set once a listening connection was lost: the next LISTEN must be followed by a resync.
  let missedSome = false;
  const waiters = new Set<() => void>();

  // A function, not the variable: TypeScript would narrow `state` across the awaits below.
  const now = (): ListenerState => state;
  const setState = (s: ListenerState) => {
    state = s;
    if (s !== "connecting" && s !== "retrying") for (const w of [...waiters]) w();
  };

  async function listenOnce(): Promise<"closed" | "unavailable"> {
    const c = new pg.Client({
      connectionString,
      application_name: "firebreak-live",
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
      query_timeout: 5_000,
    });
    client = c;
    const closed = new Promise<"closed">((resolve) => {
      c.on("error", (e) => {
        log(`live connection error: ${e.message}`);
        resolve("closed");
      });
      c.on("end", () => resolve("closed"));
    });
    c.on("notification", (n) => {
      if (n.channel === AUTH_CHANNEL) {
        const userId = parseAuthNotice(n.payload);
        if (userId) opts.onAuthChange?.(userId);
        return;
      }
      if (n.channel !== LIVE_CHANNEL) return;
      const notice = parseNotice(n.payload);
      if (notice) opts.onMessage({ type: "notice", notice });
    });
    try {
      await c.connect();
      const { rows } = await c.query<{ v: string }>("SELECT version() AS v");
      if (/PGlite/.test(rows[0]?.v ?? "")) {
        await c.end().catch(() => {});
        return "unavailable";
      }
      await c.query(`LISTEN ${LIVE_CHANNEL}; LISTEN ${AUTH_CHANNEL}`);
    } catch (e) {
      log(`could not listen for live updates: ${(e as Error).message}`);
      await c.end().catch(() => {});
      return "closed";
    }
    setState("listening");
    if (missedSome) opts.onMessage({ type: "resync" });
    // Sessions read before this LISTEN (or while it was down) may have ended unannounced.
    opts.onAuthChange?.(null);
    missedSome = false;
    const ping = setInterval(() => {
      c.query("SELECT 1").catch((e: Error) => {
        log(`live connection check failed: ${e.message}`);
        void c.end().catch(() => {});
      });
    }, pingMs);
    ping.unref();
    const outcome = await closed;
    clearInterval(ping);
    return outcome;
  }

  void (async () => {
    for (let attempt = 0; now() !== "stopped"; attempt++) {
      const outcome = await listenOnce();
      client = null;
      if (now() === "stopped") return;
      if (outcome === "unavailable") {
        log("the database cannot route LISTEN per connection (embedded PGlite): viewers poll");
        return setState("unavailable");
      }
      if (now() === "listening") {
        // It was listening: whatever commits until it listens again must be re-read.
        missedSome = true;
        attempt = 0;
      }
      setState("retrying");
      const wait = reconnectDelayMs(attempt);
      log(`live connection lost; reconnecting in ${wait} ms`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, wait);
        wake = () => (clearTimeout(t), r());
      });
      wake = null;
    }
  })();

  return {
    state: () => state,
    whenListening(timeoutMs) {
      if (state === "listening") return Promise.resolve(true);
      if (state === "unavailable" || state === "stopped") return Promise.resolve(false);
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(t);
          waiters.delete(done);
          resolve(state === "listening");
        };
        const t = setTimeout(done, timeoutMs);
        waiters.add(done);
      });
    },
    async stop() {
      setState("stopped");
      wake?.();
      await client?.end().catch(() => {});
    },
  };
}
