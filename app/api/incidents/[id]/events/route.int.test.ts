import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";

import { addNote, declareIncident } from "@/lib/incidents/commands";
import { setupAppDatabase } from "@/lib/testing/app-database";
import { GET } from "./route";

// Route handlers ask who is calling; these tests call as a signed-in responder.
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => ({ name: "Dana", roles: ["responder"] }) }));

const dana = { name: "Dana", roles: ["responder"] };
setupAppDatabase();

async function get(id: string, query = "") {
  const res = await GET(new NextRequest(`http://localhost/api/incidents/${id}/events${query}`), {
    params: Promise.resolve({ id }),
  });
  return { status: res.status, body: await res.json(), cache: res.headers.get("cache-control") };
}

describe("GET /api/incidents/:id/events", () => {
  it("returns only the events after the given id, oldest first, never cached", async () => {
    const { id } = await declareIncident({ title: "Live", severity: "SEV2", service: "api" }, dana);
    const first = await get(String(id));
    expect(first.status).toBe(200);
    expect(first.cache).toBe("no-store");
    expect(first.body.events).toHaveLength(1);
    const lastId = first.body.events[0].id;

    await addNote({ incidentId: id, body: "one" }, dana);
    await addNote({ incidentId: id, body: "two" }, dana);
    const next = await get(String(id), `?after=${lastId}`);
    expect(next.body.events.map((e: { body: string }) => e.body)).toEqual(["one", "two"]);
    expect((await get(String(id), `?after=${lastId}&kind=status_change`)).body.events).toEqual([]);
  });

  it.each([
    ["abc", ""],
    ["0", ""],
    ["1", "?after=-1"],
    ["1", "?after=x"],
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
