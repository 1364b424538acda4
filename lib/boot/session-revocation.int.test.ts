// Revocation across processes: a session deleted or a role changed by another process (here a
// separate connection, as another replica's sign-out or an admin's edit would be) reaches this
// process's session cache through LISTEN/NOTIFY at once, not after the cache's TTL.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";
import { actorOf, isCached, signInBreakGlass } from "@/lib/testing/sessions";
import { waitFor } from "@/lib/testing/spawn";

vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

// The longest TTL there is: anything dropped within a second was dropped by the notice.
process.env.FIREBREAK_SESSION_CACHE_SECONDS = "30";
process.env.FIREBREAK_BREAK_GLASS = "enabled";

const db = setupAppDatabase();
let sql: pg.Client;

beforeAll(async () => {
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  const { bootSessionRevocation } = await import("./session-revocation");
  const { subscribeLive } = await import("@/lib/live/hub");
  bootSessionRevocation();
  // Listening before anyone signs in (its first LISTEN forgets whatever was read before it).
  expect(await subscribeLive(() => {}, 10_000)).not.toBeNull();
});

afterAll(async () => {
  const { stopLive } = await import("@/lib/live/hub");
  await stopLive();
  await sql?.end();
  const { closeAuthForTests } = await import("@/lib/auth/auth");
  await closeAuthForTests();
});

describe("sessions revoked in another process", () => {
  it("are refused here within a second of the other process's commit, not after the TTL", async () => {
    const { userId, headers } = await signInBreakGlass("revoked-elsewhere@firebreak.test", "responder", sql);
    expect(await actorOf(headers)).not.toBeNull();
    expect(await isCached(headers)).toBe(true);

    await sql.query(`DELETE FROM auth_session WHERE "userId" = $1`, [userId]);
    await waitFor(async () => !(await isCached(headers)), 1_000, "the cache to drop the session");
    expect(await actorOf(headers)).toBeNull();
  });

  it("answer with the new role within a second of another process changing it", async () => {
    const { userId, headers } = await signInBreakGlass("demoted-elsewhere@firebreak.test", "commander", sql);
    expect((await actorOf(headers))?.roles).toEqual(["commander"]);

    await sql.query(`UPDATE auth_user SET "roleOverride" = 'viewer' WHERE id = $1`, [userId]);
    await waitFor(async () => !(await isCached(headers)), 1_000, "the cache to drop the person");
    expect((await actorOf(headers))?.roles).toEqual(["viewer"]);
  });

  it("stay remembered when another process only touches the person's row", async () => {
    const { userId, headers } = await signInBreakGlass("touched@firebreak.test", "responder", sql);
    expect(await actorOf(headers)).not.toBeNull();
    const other = await signInBreakGlass("other-revoked@firebreak.test", "responder", sql);

    await sql.query(`UPDATE auth_user SET "updatedAt" = now() WHERE id = $1`, [userId]);
    // A notice about someone else, sent after the touch, marks when the touch would have arrived.
    await sql.query(`DELETE FROM auth_session WHERE "userId" = $1`, [other.userId]);
    await waitFor(async () => !(await isCached(other.headers)), 1_000, "the other person's notice");
    expect(await isCached(headers)).toBe(true);
  });
});
