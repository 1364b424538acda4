import "server-only";

import { sessionCache } from "@/lib/auth/session-cache";
import { getEnv } from "@/lib/env";
import { watchAuthChanges } from "@/lib/live/hub";

/**
 * A session ended or a person's roles changed in another process (another replica's sign-out,
 * an admin's "end sessions", a role override): this process's session cache forgets that person
 * at once instead of answering from memory until its TTL is up. Nothing to do without a cache.
 */
export function bootSessionRevocation(): void {
  if (getEnv().FIREBREAK_SESSION_CACHE_SECONDS === 0) return;
  watchAuthChanges((userId) => (userId ? sessionCache().invalidateUser(userId) : sessionCache().clear()));
}
