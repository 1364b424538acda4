// The per-process session cache against real sessions in PostgreSQL: what it remembers never
// outlives a sign-out, a revocation or a role change made in this process, and a change made
// elsewhere (another replica, the database itself) is seen once the entry's few seconds are up.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";
import { actorOf, isCached, signInBreakGlass } from "@/lib/testing/sessions";

vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

// One second, so the test that waits it out stays short.
process.env.FIREBREAK_SESSION_CACHE_SECONDS = "1";
process.env.FIREBREAK_BREAK_GLASS = "enabled";

const db = setupAppDatabase();
const APP = "http://127.0.0.1:3999";
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

describe("the session cache never outlives a revocation", () => {
  it("refuses a remembered cookie as soon as its owner signs out", async () => {
    const { getAuth } = await import("@/lib/auth/auth");
    const { headers } = await signInBreakGlass("leaving@firebreak.test", "responder", sql);
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
    const first = await signInBreakGlass("cut-off@firebreak.test", "commander", sql);
    const second = await signInBreakGlass("cut-off@firebreak.test", "commander", sql);
    const bystander = await signInBreakGlass("bystander@firebreak.test", "viewer", sql);
    for (const s of [first, second, bystander]) expect(await actorOf(s.headers)).not.toBeNull();

    await revokeSessions(first.userId);
    expect(await actorOf(first.headers)).toBeNull();
    expect(await actorOf(second.headers)).toBeNull();
    expect((await actorOf(bystander.headers))?.roles).toEqual(["viewer"]);
  });

  it("answers with the new role right after an admin changes it", async () => {
    const { setRoleOverride } = await import("@/lib/auth/users");
    const { userId, headers } = await signInBreakGlass("demoted@firebreak.test", "commander", sql);
    expect((await actorOf(headers))?.roles).toEqual(["commander"]);
    expect(await isCached(headers)).toBe(true);

    await setRoleOverride(userId, "viewer");
    expect((await actorOf(headers))?.roles).toEqual(["viewer"]);
    await setRoleOverride(userId, "none");
    expect((await actorOf(headers))?.roles).toEqual([]);
  });

  it("sees a session deleted by another process once the entry's TTL is up", async () => {
    const { headers } = await signInBreakGlass("elsewhere@firebreak.test", "responder", sql);
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
