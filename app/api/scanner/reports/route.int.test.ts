import { readFileSync } from "node:fs";
import { join } from "node:path";

import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";

import type { Actor } from "@/lib/auth/permissions";
import { setupAppDatabase } from "@/lib/testing/app-database";
import { testActor } from "@/lib/testing/actors";

import { POST } from "./route";

// Who is calling: null = no session. Route handlers read it through getActor only.
const session: { actor: Actor | null } = { actor: null };
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
setupAppDatabase();

const MB = 1024 * 1024;

/** A streamed body of `size` bytes that counts how much of it the server pulled. */
function countingBody(size: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const read = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (read.bytes >= size) return controller.close();
      read.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, read };
}

function upload(body: ReadableStream<Uint8Array> | string, name = "run.json") {
  return POST(
    new NextRequest(`http://localhost/api/scanner/reports?name=${encodeURIComponent(name)}`, {
      method: "POST",
      body,
      duplex: "half",
    } as ConstructorParameters<typeof NextRequest>[1]),
  );
}

const runCount = async () => (await import("@/lib/db/client")).getDb().scannerRun.count();

describe("POST /api/scanner/reports", () => {
  it("answers 401 to a 25 MB upload without a session, reading none of it and storing nothing", async () => {
    session.actor = null;
    const { stream, read } = countingBody(25 * MB);
    const res = await upload(stream);
    expect(res.status).toBe(401);
    // A ReadableStream pulls its first chunk on creation; the handler itself read nothing more.
    expect(read.bytes).toBeLessThanOrEqual(64 * 1024);
    expect(await runCount()).toBe(0);
  });

  it("answers 403 to a viewer before reading the body", async () => {
    session.actor = testActor("viewer");
    const { stream, read } = countingBody(25 * MB);
    expect((await upload(stream)).status).toBe(403);
    expect(read.bytes).toBeLessThanOrEqual(64 * 1024);
  });

  it("answers 413 as soon as a signed-in upload passes 20 MB, and stores nothing", async () => {
    session.actor = testActor("responder");
    const { stream, read } = countingBody(25 * MB);
    const res = await upload(stream);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: "The report is larger than 20 MB; nothing stored." });
    expect(read.bytes).toBeLessThan(21 * MB);
    expect(await runCount()).toBe(0);
  });

  it("stores a report within the limit as the signed-in person", async () => {
    session.actor = testActor("responder", "Sam Scanner");
    const text = readFileSync(join(__dirname, "../../../../lib/scanner/fixtures/report-pretty.json"), "utf8");
    const res = await upload(text, "run-passive.json");
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: number };
    const { getScannerRun } = await import("@/lib/scanner/queries");
    expect(await getScannerRun(id)).toMatchObject({
      sourceKind: "upload",
      sourceName: "run-passive.json",
      uploadedBy: "Sam Scanner",
    });
  });

  it("refuses an empty upload with the same message as an empty file by path", async () => {
    session.actor = testActor("responder");
    const res = await upload("", "empty.json");
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe(
      "Report refused, nothing stored: The report is empty. ApiHunter leaves an empty --output file when a run fails after it opened the file.",
    );
  });
});
