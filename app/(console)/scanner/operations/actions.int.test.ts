import { afterAll, describe, expect, it, vi } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";
import { testActor } from "@/lib/testing/actors";

const signedIn = vi.hoisted(() => ({ actor: null as unknown }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => signedIn.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

setupAppDatabase();
afterAll(() => {
  signedIn.actor = null;
});

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("triage of a HIGH finding (server action)", () => {
  it("needs the commander role, records who and why, is audited, and feeds the false-positive rates", async () => {
    const { triageFormAction } = await import("./actions");
    const { getDb } = await import("@/lib/db/client");
    const db = getDb();
    const { ingestScannerReport } = await import("@/lib/scanner/ingest");
    const { readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const report = readFileSync(path.join(process.cwd(), "lib/scanner/fixtures/report-pretty.json"), "utf8");
    const run = await ingestScannerReport(report, { kind: "scan", name: "fixture" }, "alice");
    await db.scannerScan.create({
      data: {
        environment: "triage",
        stage: "canary1",
        format: "pretty",
        status: "completed",
        targetUrls: [],
        requestedBy: "alice",
        wallClockSeconds: 60,
        scannerRunId: run.id,
      },
    });
    const { untriagedHighCritical } = await import("@/lib/scanner/operations/triage-queries");
    const before = await untriagedHighCritical("triage");
    expect(before).toBeGreaterThan(0);
    const findings = (await db.scannerRun.findUniqueOrThrow({ where: { id: run.id } })).findings as Array<{
      url: string;
      check: string;
      severity: string;
      scanner: string;
    }>;
    const high = findings.find((f) => f.severity === "HIGH" || f.severity === "CRITICAL")!;
    const input = {
      environment: "triage",
      url: high.url,
      check: high.check,
      verdict: "false_positive",
      reason: "the lab reflects every origin on purpose",
    };

    signedIn.actor = testActor("responder", "Rita");
    const refused = await triageFormAction(null, form(input));
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/role does not allow/) });
    expect(await db.scannerTriage.count()).toBe(0);

    signedIn.actor = testActor("commander", "Casey");
    expect(await triageFormAction(null, form({ ...input, reason: " " }))).toMatchObject({ ok: false });
    expect(await triageFormAction(null, form(input))).toMatchObject({ ok: true });
    expect(await db.scannerTriage.findFirstOrThrow()).toMatchObject({
      verdict: "false_positive",
      triagedBy: "Casey",
      reason: "the lab reflects every origin on purpose",
    });
    expect(await untriagedHighCritical("triage")).toBe(before - 1);
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { action: "scanner.triage", outcome: "ok" },
    });
    expect(audit).toMatchObject({ actorName: "Casey" });

    const { triageView } = await import("@/lib/scanner/operations/triage-view");
    const view = await triageView("triage");
    expect(view.rates).toEqual([{ scanner: high.scanner, triaged: 1, falsePositives: 1, rate: 1 }]);
    expect(view.rows.at(-1)).toMatchObject({
      url: high.url,
      check: high.check,
      triage: { triagedBy: "Casey" },
    });
  });
});
