import "server-only";

import { getEnv } from "@/lib/env";
import { logEvent } from "@/lib/telemetry/log";
import { startLiveListener, type LiveListener, type LiveMessage } from "./listener";

type AuthWatcher = (userId: string | null) => void;
type Hub = {
  listener: LiveListener;
  subscribers: Set<(m: LiveMessage) => void>;
  authWatchers: Set<AuthWatcher>;
};

// On globalThis: route handlers and the instrumentation hook may load separate copies of this
// module, and the process must still hold exactly one LISTEN connection.
const g = globalThis as unknown as { __firebreakLive?: Hub };

function hub(): Hub | null {
  if (g.__firebreakLive) return g.__firebreakLive;
  const url = getEnv().DATABASE_URL;
  if (!url) return null;
  const subscribers = new Set<(m: LiveMessage) => void>();
  const authWatchers = new Set<AuthWatcher>();
  const listener = startLiveListener(url, {
    onAuthChange: (userId) => {
      for (const fn of authWatchers) fn(userId);
    },
    onMessage: (m) => {
      for (const fn of subscribers) {
        try {
          fn(m);
        } catch (e) {
          logEvent("error", "live subscriber failed", { error: e });
        }
      }
    },
    log: (msg) => logEvent("warn", msg, { component: "live" }),
  });
  g.__firebreakLive = { listener, subscribers, authWatchers };
  return g.__firebreakLive;
}

/** Every change announced on the database, from any process, while subscribed. Null when live
 * updates are unavailable here (no LISTEN within `waitMs`, or the embedded database). */
export async function subscribeLive(
  fn: (m: LiveMessage) => void,
  waitMs = 3_000,
): Promise<(() => void) | null> {
  const h = hub();
  if (!h || !(await h.listener.whenListening(waitMs))) return null;
  h.subscribers.add(fn);
  return () => void h.subscribers.delete(fn);
}

/**
 * Calls `fn` whenever a person's sessions end or their roles change, in any process (null: such
 * a notice may have been missed — forget everyone). Starts this process's listener if needed;
 * does nothing on a database without LISTEN (the embedded dev database, a single process).
 */
export function watchAuthChanges(fn: AuthWatcher): () => void {
  const h = hub();
  if (!h) return () => {};
  h.authWatchers.add(fn);
  return () => void h.authWatchers.delete(fn);
}

export async function stopLive(): Promise<void> {
  const h = g.__firebreakLive;
  delete g.__firebreakLive;
  await h?.listener.stop();
}
