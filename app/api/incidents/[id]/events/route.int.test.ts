import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";

import { addNote, declareIncident } from "@/lib/incidents/commands";
import { setupAppDatabase } from "@/lib/testing/app-database";
import { GET } from "./route";

const dana = { id: "https://idp.test#dana", name: "Dana", email: null, roles: ["responder"], via: "oidc" };
// Route handlers ask who is calling; these tests call as a signed-in responder.
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => dana }));
setupAppDatabase();

async function get(id: string, query = "") {
  const res = await GET(new NextRequest(`http://localhost/api/incidents/${id}/events${query}`), {
    params: Promise.resolve({ id }),
  });
  return { status: res.status, body: await res.json(), cache: res.headers.get("cache-control") };
}
const bodies = (events: { body: string }[]) => events.map((e) => e.body);

describe("GET /api/incidents/:id/events", () => {
  it("opens on the newest page with a cursor, then returns only what committed since, never cached", async () => {
    const { id } = await declareIncident({ title: "Live", severity: "SEV2", service: "api" }, dana as never);
    const first = await get(String(id));
    expect(first.status).toBe(200);
    expect(first.cache).toBe("no-store");
    expect(first.body).toMatchObject({ hasOlder: false, cursor: expect.any(String) });
    expect(first.body.events.map((e: { kind: string }) => e.kind)).toEqual(["role_change", "status_change"]);

    await addNote({ incidentId: id, body: "one" }, dana as never);
    await addNote({ incidentId: id, body: "two" }, dana as never);
    const next = await get(String(id), `?cursor=${first.body.cursor}`);
    expect(bodies(next.body.events)).toEqual(["one", "two"]);
    expect(bodies((await get(String(id), `?cursor=${next.body.cursor}`)).body.events)).toEqual([]);
    const filtered = await get(String(id), `?cursor=${first.body.cursor}&kind=status_change`);
    expect(filtered.body.events).toEqual([]);
  });

  it("pages older events newest first", async () => {
    const { id } = await declareIncident({ title: "Old", severity: "SEV3", service: "api" }, dana as never);
    const note = await addNote({ incidentId: id, body: "older" }, dana as never);
    const page = await get(String(id), `?before=${note.id + 1}`);
    expect(bodies(page.body.events)[0]).toBe("older");
  });

  it.each([
    ["abc", ""],
    ["0", ""],
    ["1", "?before=-1"],
    ["1", "?cursor=x"],
    ["1", "?kind=explosion"],
    ["1", "?pinned=yes"],
  ])("answers 400 for id %j with query %j", async (id, query) => {
    const r = await get(id, query);
    expect(r.status).toBe(400);
    expect(r.body.error).toEqual(expect.any(String));
  });

  it("answers 404 for an unknown incident", async () => {
    expect(await get("424242")).toMatchObject({
      status: 404,
      body: { error: "Incident 424242 does not exist." },
    });
  });
});
