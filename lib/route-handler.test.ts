import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { AppError } from "./errors";

const who = vi.hoisted(() => ({ actor: null as null | { name: string; roles: string[] } }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => who.actor }));

const { defineRoute } = await import("./route-handler");

const route = defineRoute(
  {
    name: "test",
    permission: "incident:read",
    params: z.object({ id: z.coerce.number().int().positive("Invalid id") }),
    query: z.object({ tag: z.array(z.string()).optional() }),
  },
  async ({ params, query }) => {
    if (params.id === 404) throw new AppError("NOT_FOUND", "No such thing");
    if (params.id === 409) throw new AppError("CONFLICT", "Already done");
    if (params.id === 500) throw new Error("secret internals");
    return { id: params.id, tag: query.tag ?? null };
  },
);

async function call(id: string, search = "") {
  const res = await route(new Request(`http://localhost/x/${id}${search}`), {
    params: Promise.resolve({ id }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("defineRoute", () => {
  it("answers 401 to a caller without a session before reading any input", async () => {
    who.actor = null;
    expect(await call("abc")).toEqual({ status: 401, body: { error: "Sign in first." } });
  });

  it("answers 403 when the caller's role lacks the permission", async () => {
    who.actor = { name: "Vic", roles: ["nobody"] };
    expect((await call("1")).status).toBe(403);
  });

  it("answers 400 with the zod paths for bad input", async () => {
    who.actor = { name: "Dana", roles: ["responder"] };
    const res = await call("abc");
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ path: "id", message: expect.any(String) }]);
    expect((await call("-3")).body.error).toBe("Invalid id");
  });

  it("maps expected errors to their statuses and hides unexpected ones", async () => {
    who.actor = { name: "Dana", roles: ["responder"] };
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await call("404")).toEqual({ status: 404, body: { error: "No such thing" } });
    expect((await call("409")).status).toBe(409);
    const hidden = await call("500");
    expect(hidden.status).toBe(500);
    expect(JSON.stringify(hidden.body)).not.toContain("secret");
  });

  it("passes repeated query keys as arrays and returns data as JSON", async () => {
    who.actor = { name: "Dana", roles: ["responder"] };
    expect(await call("7", "?tag=a&tag=b")).toEqual({ status: 200, body: { id: 7, tag: ["a", "b"] } });
  });
});
