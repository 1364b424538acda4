// The per-process session cache against real sessions in PostgreSQL: what it remembers never
// outlives a sign-out, a revocation or a role change made in this process, and a change made
// elsewhere (another replica, the database itself) is seen once the entry's few seconds are up.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";

vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

// One second, so the test that waits it out stays short.
process.env.FIREBREAK_SESSION_CACHE_SECONDS = "1";
process.env.FIREBREAK_BREAK_GLASS = "enabled";

const db = setupAppDatabase();
const APP = "http://127.0.0.1:3999";
const PASSWORD = "correct horse battery";
let sql: pg.Client;

beforeAll(async () => {
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  const { closeAuthForTests } = await import("@/lib/auth/auth");
  await closeAuthForTests();
});

/** A person (break-glass account) signed in through the auth library's endpoint. */
async function signIn(email: string, role: string): Promise<{ userId: string; headers: Headers }> {
  const { createBreakGlassAccount } = await import("@/lib/auth/users");
  const { getAuth } = await import("@/lib/auth/auth");
  const exists = await sql.query(`SELECT id FROM auth_user WHERE email = $1`, [email]);
  const userId =
    exists.rows[0]?.id ??
    (await createBreakGlassAccount({ email, name: email, password: PASSWORD, role })).id;
  const res = await getAuth().api.signInEmail({ body: { email, password: PASSWORD }, asResponse: true });
  const cookie = res.headers.getSetCookie().find((c) => c.includes("firebreak.session_token="));
  if (!cookie) throw new Error(`no session cookie (HTTP ${res.status})`);
  return { userId, headers: new Headers({ cookie: cookie.split(";")[0]! }) };
}

async function actorOf(headers: Headers) {
  const { sessionFromHeaders } = await import("@/lib/auth/session");
  return (await sessionFromHeaders(headers)).actor;
}

/** Proves the next answer would come from memory: the cache holds this cookie. */
async function isCached(headers: Headers): Promise<boolean> {
  const { sessionCache, sessionCookieValue } = await import("@/lib/auth/session-cache");
  return sessionCache().get(sessionCookieValue(headers.get("cookie"))!) !== undefined;
}

describe("the session cache never outlives a revocation", () => {
  it("refuses a remembered cookie as soon as its owner signs out", async () => {
    const { getAuth } = await import("@/lib/auth/auth");
    const { headers } = await signIn("leaving@firebreak.test", "responder");
    expect((await actorOf(headers))?.roles).toEqual(["responder"]);
    expect(await isCached(headers)).toBe(true);

    const out = await getAuth().handler(
      new Request(`${APP}/api/auth/sign-out`, {
        method: "POST",
        headers: { cookie: headers.get("cookie")!, origin: APP },
      }),
    );
    expect(out.status).toBe(200);
    expect(await actorOf(headers)).toBeNull();
  });

  it("refuses every remembered session of a person an admin cut off, and keeps others'", async () => {
    const { revokeSessions } = await import("@/lib/auth/users");
    const first = await signIn("cut-off@firebreak.test", "commander");
    const second = await signIn("cut-off@firebreak.test", "commander");
    const bystander = await signIn("bystander@firebreak.test", "viewer");
    for (const s of [first, second, bystander]) expect(await actorOf(s.headers)).not.toBeNull();

    await revokeSessions(first.userId);
    expect(await actorOf(first.headers)).toBeNull();
    expect(await actorOf(second.headers)).toBeNull();
    expect((await actorOf(bystander.headers))?.roles).toEqual(["viewer"]);
  });

  it("answers with the new role right after an admin changes it", async () => {
    const { setRoleOverride } = await import("@/lib/auth/users");
    const { userId, headers } = await signIn("demoted@firebreak.test", "commander");
    expect((await actorOf(headers))?.roles).toEqual(["commander"]);
    expect(await isCached(headers)).toBe(true);

    await setRoleOverride(userId, "viewer");
    expect((await actorOf(headers))?.roles).toEqual(["viewer"]);
    await setRoleOverride(userId, "none");
    expect((await actorOf(headers))?.roles).toEqual([]);
  });

  it("sees a session deleted by another process once the entry's TTL is up", async () => {
    const { headers } = await signIn("elsewhere@firebreak.test", "responder");
    expect(await actorOf(headers)).not.toBeNull();
    await sql.query(`DELETE FROM auth_session WHERE "userId" = (SELECT id FROM auth_user WHERE email = $1)`, [
      "elsewhere@firebreak.test",
    ]);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await isCached(headers)).toBe(false);
    expect(await actorOf(headers)).toBeNull();
  });

  it("never remembers a forged cookie", async () => {
    const forged = new Headers({ cookie: "firebreak.session_token=forged.value" });
    expect(await actorOf(forged)).toBeNull();
    expect(await isCached(forged)).toBe(false);
  });
});
