import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";
import { GET } from "./route";

// Route handlers ask who is calling; these tests call as a signed-in commander.
vi.mock("@/lib/auth/actor", () => ({
  getActor: async () => ({
    id: "https://idp.test#cora",
    name: "Cora Commander",
    email: null,
    roles: ["commander"],
    via: "oidc",
  }),
}));
setupAppDatabase();

describe("GET /api/actions/views", () => {
  it("answers 404 with the reason for an incident that does not exist (not 502)", async () => {
    const res = await GET(new NextRequest("http://localhost/api/actions/views?incidentId=424242&view=pods"));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "Incident 424242 does not exist." });
  });
});
