import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { addNote, declareIncident } from "./commands";
import { DATABASE_UNREACHABLE_MESSAGE } from "@/lib/errors";
import { listIncidents } from "./queries";
import { testActor } from "@/lib/testing/actors";

/** A database that cannot be reached becomes an expected "unreachable" error, never a crash or a hang. */
beforeAll(() => {
  // Port 1 on loopback: nothing listens, so the connection is refused at once.
  process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/firebreak";
  delete (globalThis as { prisma?: unknown }).prisma;
});

afterAll(async () => {
  await getDb().$disconnect();
  delete (globalThis as { prisma?: unknown }).prisma;
});

async function errorOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}

describe("database unreachable", () => {
  it.each([
    [
      "declaring",
      () => declareIncident({ title: "Down", severity: "SEV0", service: "api" }, testActor("responder", "D")),
    ],
    ["adding a note", () => addNote({ incidentId: 1, body: "hi" }, testActor("responder", "D"))],
    ["listing incidents", () => listIncidents()],
  ])("%s fails with AppError UNAVAILABLE and a clear message", async (_what, act) => {
    const e = await errorOf(act());
    expect(isAppError(e) && { code: e.code, message: e.message }).toEqual({
      code: "UNAVAILABLE",
      message: DATABASE_UNREACHABLE_MESSAGE,
    });
  });
});
