import { describe, expect, it } from "vitest";

import { testActor } from "@/lib/testing/actors";
import { SessionCache, sessionCookieValue } from "./session-cache";

const COOKIE = "firebreak.session_token=tok-a.sig-a";
const FAR = new Date("2030-01-01T00:00:00Z");

function cacheAt(clock: { t: number }, ttlMs = 5_000, maxEntries?: number) {
  return new SessionCache({ ttlMs, maxEntries, now: () => clock.t });
}

function found(token = "tok-a", userId = "u1", role: "viewer" | "responder" = "responder") {
  return { actor: testActor(role), userId, sessionToken: token, sessionExpiresAt: FAR };
}

describe("SessionCache", () => {
  it("answers a looked-up session from memory until the TTL runs out", () => {
    const clock = { t: 0 };
    const cache = cacheAt(clock);
    cache.set(cache.begin(), COOKIE, found());
    clock.t = 4_999;
    expect(cache.get(COOKIE)?.roles).toEqual(["responder"]);
    clock.t = 5_000;
    expect(cache.get(COOKIE)).toBeUndefined();
  });

  it("never answers past the session's own expiry", () => {
    const clock = { t: Date.parse("2029-12-31T23:59:58Z") };
    const cache = cacheAt(clock);
    cache.set(cache.begin(), COOKIE, found());
    clock.t += 2_000;
    expect(cache.get(COOKIE)).toBeUndefined();
  });

  it("does not know a cookie it never saw verified (a forged or altered value misses)", () => {
    const cache = cacheAt({ t: 0 });
    cache.set(cache.begin(), COOKIE, found());
    expect(cache.get("firebreak.session_token=tok-a.forged")).toBeUndefined();
    expect(cache.get("__Secure-firebreak.session_token=tok-a.sig-a")).toBeUndefined();
  });

  it("forgets one session when it ends, and leaves the person's other sessions", () => {
    const cache = cacheAt({ t: 0 });
    const other = "firebreak.session_token=tok-b.sig-b";
    cache.set(cache.begin(), COOKIE, found("tok-a"));
    cache.set(cache.begin(), other, found("tok-b"));
    cache.invalidateSession("tok-a");
    expect(cache.get(COOKIE)).toBeUndefined();
    expect(cache.get(other)).toBeDefined();
  });

  it("forgets every session of a person whose roles or sessions changed", () => {
    const cache = cacheAt({ t: 0 });
    const other = "firebreak.session_token=tok-b.sig-b";
    const stranger = "firebreak.session_token=tok-c.sig-c";
    cache.set(cache.begin(), COOKIE, found("tok-a", "u1"));
    cache.set(cache.begin(), other, found("tok-b", "u1"));
    cache.set(cache.begin(), stranger, found("tok-c", "u2"));
    cache.invalidateUser("u1");
    expect(cache.get(COOKIE)).toBeUndefined();
    expect(cache.get(other)).toBeUndefined();
    expect(cache.get(stranger)).toBeDefined();
  });

  it("does not store a lookup that was running while something was revoked", () => {
    const cache = cacheAt({ t: 0 });
    const started = cache.begin();
    cache.invalidateSession("tok-a");
    cache.set(started, COOKIE, found());
    expect(cache.get(COOKIE)).toBeUndefined();
  });

  it("keeps nothing when the TTL is 0", () => {
    const cache = cacheAt({ t: 0 }, 0);
    cache.set(cache.begin(), COOKIE, found());
    expect(cache.get(COOKIE)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("stays within its size, dropping the oldest entry", () => {
    const cache = cacheAt({ t: 0 }, 5_000, 2);
    for (const t of ["a", "b", "c"]) cache.set(cache.begin(), `firebreak.session_token=${t}`, found(t));
    expect(cache.size).toBe(2);
    expect(cache.get("firebreak.session_token=a")).toBeUndefined();
    expect(cache.get("firebreak.session_token=c")).toBeDefined();
  });

  it("hands out an actor that callers cannot change", () => {
    const cache = cacheAt({ t: 0 });
    cache.set(cache.begin(), COOKIE, found("tok-a", "u1", "viewer"));
    const actor = cache.get(COOKIE)!;
    expect(() => (actor.roles as string[]).push("admin")).toThrow();
    expect(cache.get(COOKIE)?.roles).toEqual(["viewer"]);
  });
});

describe("sessionCookieValue", () => {
  it("finds the session cookie among others, with its name", () => {
    expect(sessionCookieValue("theme=dark; firebreak.session_token=abc.def; x=1")).toBe(
      "firebreak.session_token=abc.def",
    );
    expect(sessionCookieValue("__Secure-firebreak.session_token=abc.def")).toBe(
      "__Secure-firebreak.session_token=abc.def",
    );
  });

  it("gives nothing for a missing or repeated session cookie", () => {
    expect(sessionCookieValue(null)).toBeNull();
    expect(sessionCookieValue("theme=dark")).toBeNull();
    expect(sessionCookieValue("firebreak.session_token=a.b; firebreak.session_token=c.d")).toBeNull();
    expect(sessionCookieValue("evilfirebreak.session_token=a.b")).toBeNull();
  });
});
