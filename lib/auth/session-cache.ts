import { createHash } from "node:crypto";

import { getEnv } from "@/lib/env";
import type { Actor } from "./permissions";

/** What one session lookup found, kept for a few seconds. */
type Entry = {
  actor: Actor;
  userId: string;
  /** The session's own token (as stored), to drop the entry when that session ends. */
  sessionToken: string;
  /** Until when the entry may answer: the TTL, never past the session's own expiry. */
  until: number;
};

export type SessionCacheOptions = {
  /** How long a looked-up session answers without asking PostgreSQL again; 0 = no cache. */
  ttlMs: number;
  maxEntries?: number;
  now?: () => number;
};

/**
 * A short-lived, per-process memory of "this session cookie belongs to this person with these
 * roles", so every server action, route handler and page of an active person does not repeat
 * the same session + person lookup. Keyed by a SHA-256 of the signed cookie value: an entry only
 * exists for a value whose signature the auth library verified, so a forged cookie never hits it.
 *
 * Revocation stays immediate in the process that revokes (sign-out, "end sessions", a role
 * change: see the database hooks in auth.ts), and a lookup that was already running when that
 * happened cannot store what it read (the generation check). Another process, or a direct edit
 * in the database, is announced by a NOTIFY (lib/boot/session-revocation.ts) and dropped when it
 * arrives; should that notice be lost, the entry still expires at most `ttlMs` later.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private generation = 0;

  constructor(options: SessionCacheOptions) {
    this.ttlMs = Math.max(0, options.ttlMs);
    this.maxEntries = options.maxEntries ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** The cached person for this signed cookie value, if still fresh. */
  get(cookieValue: string): Actor | undefined {
    if (this.ttlMs === 0) return undefined;
    const key = keyOf(cookieValue);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.actor;
  }

  /** Taken before a lookup starts; `set` ignores the result if anything was revoked meanwhile. */
  begin(): number {
    return this.generation;
  }

  set(
    started: number,
    cookieValue: string,
    found: { actor: Actor; userId: string; sessionToken: string; sessionExpiresAt: Date },
  ): void {
    if (this.ttlMs === 0 || started !== this.generation) return;
    const now = this.now();
    const until = Math.min(now + this.ttlMs, found.sessionExpiresAt.getTime());
    if (until <= now) return;
    if (this.entries.size >= this.maxEntries) this.evict(now);
    this.entries.set(keyOf(cookieValue), {
      actor: Object.freeze({ ...found.actor, roles: Object.freeze([...found.actor.roles]) }),
      userId: found.userId,
      sessionToken: found.sessionToken,
      until,
    });
  }

  /** One session ended (sign-out, revoked, expired and deleted). */
  invalidateSession(sessionToken: string): void {
    this.generation++;
    for (const [key, e] of this.entries) if (e.sessionToken === sessionToken) this.entries.delete(key);
  }

  /** Everything about one person changed or ended (role override, groups, all sessions). */
  invalidateUser(userId: string): void {
    this.generation++;
    for (const [key, e] of this.entries) if (e.userId === userId) this.entries.delete(key);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Full: drop expired entries, then the oldest until there is room. */
  private evict(now: number): void {
    for (const [key, e] of this.entries) if (e.until <= now) this.entries.delete(key);
    for (const key of this.entries.keys()) {
      if (this.entries.size < this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}

function keyOf(cookieValue: string): string {
  return createHash("sha256").update(cookieValue).digest("base64url");
}

/** The session cookie (`name=value`) in a Cookie header; null when absent or repeated (then the
 * cache stays out of the way and the auth library decides alone which one counts). */
export function sessionCookieValue(cookieHeader: string | null): string | null {
  const found = [
    ...(cookieHeader ?? "").matchAll(/(?:^|;)\s*((?:__Secure-)?firebreak\.session_token=[^;]*)/g),
  ];
  return found.length === 1 ? found[0]![1]!.trim() : null;
}

const holder = globalThis as unknown as { firebreakSessionCache?: SessionCache };

/** The process's one cache (shared by the proxy and the app, like the auth instance). */
export function sessionCache(): SessionCache {
  holder.firebreakSessionCache ??= new SessionCache({
    ttlMs: getEnv().FIREBREAK_SESSION_CACHE_SECONDS * 1000,
  });
  return holder.firebreakSessionCache;
}

/** Tests and the benchmark: forget the cache (and its TTL) so the next lookup builds it anew. */
export function resetSessionCache(): void {
  holder.firebreakSessionCache?.clear();
  delete holder.firebreakSessionCache;
}
