import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";

import { recordAudit } from "@/lib/audit/record";
import { testActor } from "@/lib/testing/actors";
import { setupAppDatabase } from "@/lib/testing/app-database";

import { GET } from "./route";

const signedIn = vi.hoisted(() => ({ actor: null as unknown }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => signedIn.actor }));

setupAppDatabase();

const get = (query = "") => GET(new NextRequest(`http://localhost/api/audit/export${query}`));

describe("GET /api/audit/export", () => {
  it("refuses a visitor (401) and a non-admin (403) before reading anything", async () => {
    signedIn.actor = null;
    expect((await get()).status).toBe(401);
    signedIn.actor = testActor("commander");
    expect((await get()).status).toBe(403);
  });

  it("streams every matching row as CSV for an admin, filtered by action and person", async () => {
    const rita = testActor("responder", "Rita");
    for (let i = 0; i < 3; i++) {
      await recordAudit({
        actor: rita,
        action: "export.test",
        data: { i },
        ip: "198.51.100.7",
        userAgent: "ua",
      });
    }
    await recordAudit({ actor: testActor("viewer"), action: "export.test", ip: null, userAgent: null });
    signedIn.actor = testActor("admin");
    const res = await get("?action=export.&person=rita");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="firebreak-audit-/);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "id,at,actor_id,actor_name,actor_via,action,outcome,target,message,data,ip,user_agent",
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`${rita.id},Rita,oidc,export.test,ok`);
    expect(lines[1]).toContain('"{""i"":0}",198.51.100.7,ua');
  });

  it("refuses a malformed time range with 400", async () => {
    signedIn.actor = testActor("admin");
    expect((await get("?from=yesterday")).status).toBe(400);
  });
});
