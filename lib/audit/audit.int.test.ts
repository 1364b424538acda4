import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { setupAppDatabase } from "@/lib/testing/app-database";
import { defineRoute } from "@/lib/route-handler";
import { defineAction } from "@/lib/server-action";

import { auditCsvRow } from "./csv";
import { iterateAudit, listAudit } from "./queries";
import { recordAudit } from "./record";

const signedIn = vi.hoisted(() => ({
  actor: null as null | Actor,
}));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => signedIn.actor }));

setupAppDatabase();

const dana: Actor = {
  id: "http://idp.test#dana-sub",
  name: "Dana",
  email: "dana@example.test",
  roles: ["responder"],
  via: "oidc",
};

describe("audit log", () => {
  it("stores the stable id, display name, IP and user agent, and redacts secrets", async () => {
    const { id } = await recordAudit({
      actor: dana,
      action: "settings.save",
      target: "settings",
      data: { url: "http://x", clientSecret: "hunter2", nested: { token: "abc" } },
      ip: "203.0.113.9",
      userAgent: "curl/8",
    });
    const [row] = await listAudit({ person: "dana-sub" }, 10);
    expect(row).toMatchObject({
      id,
      actorId: "http://idp.test#dana-sub",
      actorName: "Dana",
      actorVia: "oidc",
      action: "settings.save",
      outcome: "ok",
      ip: "203.0.113.9",
      userAgent: "curl/8",
    });
    expect(JSON.stringify(row!.data)).not.toMatch(/hunter2|abc/);
    expect(row!.data).toMatchObject({ clientSecret: "[redacted]" });
  });

  it("refuses UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    const { id } = await recordAudit({ actor: dana, action: "x.append_only", ip: null, userAgent: null });
    const db = getDb();
    await expect(
      db.$executeRawUnsafe(`UPDATE audit_log SET actor_name = 'Eve' WHERE id = ${id}`),
    ).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM audit_log WHERE id = ${id}`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.$executeRawUnsafe(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    expect(await listAudit({ action: "x.append_only" }, 10)).toHaveLength(1);
  });

  it("records one row per authorized server-action call with its outcome, none for a refused one", async () => {
    const save = defineAction(
      {
        schema: z.object({ title: z.string(), password: z.string().optional() }),
        permission: "incident:write",
        name: "test.save",
      },
      async ({ title }) => {
        if (title === "boom") throw new Error("kaput");
        return title;
      },
    );
    signedIn.actor = dana;
    expect(await save({ title: "fine", password: "pw-secret" })).toEqual({ ok: true, data: "fine" });
    expect((await save({ title: "boom" })).ok).toBe(false);
    signedIn.actor = { ...dana, id: "http://idp.test#vic", name: "Vic", roles: ["viewer"] };
    expect((await save({ title: "refused" })).ok).toBe(false);
    signedIn.actor = null;
    expect((await save({ title: "anonymous" })).ok).toBe(false);

    const rows = await listAudit({ action: "test.save" }, 10);
    expect(rows.map((r) => [r.actorName, r.outcome, (r.data as { title: string }).title])).toEqual([
      ["Dana", "failed", "boom"],
      ["Dana", "ok", "fine"],
    ]);
    expect(rows[0]!.message).toMatch(/Something went wrong/);
    expect(JSON.stringify(rows)).not.toContain("pw-secret");
  });

  it("filters by person, action prefix and time range, and exports every match as CSV", async () => {
    const before = new Date(Date.now() - 1000);
    await recordAudit({
      actor: dana,
      action: "csv.one",
      data: { note: "=SUM(A1)" },
      ip: null,
      userAgent: null,
    });
    const olu = { ...dana, id: "other", name: "Olu" };
    await recordAudit({
      actor: olu,
      action: "csv.two",
      ip: null,
      userAgent: null,
    });
    expect((await listAudit({ action: "csv." }, 10)).map((r) => r.action)).toEqual(["csv.two", "csv.one"]);
    expect((await listAudit({ action: "csv.", person: "olu" }, 10)).map((r) => r.action)).toEqual([
      "csv.two",
    ]);
    expect(await listAudit({ action: "csv.", to: before }, 10)).toEqual([]);
    const pages = [];
    for await (const page of iterateAudit({ action: "csv." }, 1)) pages.push(page);
    expect(pages).toHaveLength(2);
    const csv = pages.flat().map(auditCsvRow).join("");
    expect(csv).toContain("csv.one");
    expect(csv).not.toMatch(/,=SUM/);
  });

  it("records one row per authorized writing route call (POST), none for reads", async () => {
    const route = defineRoute({ name: "test upload", permission: "incident:write" }, async ({ request }) => {
      if (request.headers.get("x-fail")) throw new Error("nope");
      return { ok: true };
    });
    signedIn.actor = dana;
    expect((await route(new Request("http://localhost/api/x?kind=report", { method: "POST" }))).status).toBe(
      200,
    );
    expect(
      (await route(new Request("http://localhost/api/x", { method: "POST", headers: { "x-fail": "1" } })))
        .status,
    ).toBe(500);
    expect((await route(new Request("http://localhost/api/x"))).status).toBe(200);
    const rows = await listAudit({ action: "route test upload" }, 10);
    expect(rows.map((r) => [r.outcome, r.message])).toEqual([
      ["failed", "HTTP 500"],
      ["ok", null],
    ]);
    expect(rows[1]!.data).toEqual({ kind: "report" });
  });
});
