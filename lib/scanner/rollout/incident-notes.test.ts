import { describe, expect, it } from "vitest";

import { templateNoteFieldsSchema } from "@/lib/incidents/schemas";

import { incidentNotesFromScan, type NotesScan } from "./incident-notes";

const scan: NotesScan = {
  id: 7,
  environment: "staging",
  stage: "canary2",
  status: "completed",
  createdAt: new Date("2026-11-28T10:00:00Z"),
  startedAt: new Date("2026-11-28T10:00:02Z"),
  targetUrls: ["https://a/1", "https://a/2", "https://a/3"],
  subsetFraction: 0.25,
  subsetSeed: "staging:canary2:x",
  argv: ["--urls", "/t/targets.txt", "--active-checks", "--concurrency", "4", "--no-auto-report"],
  triggers: [
    {
      kind: "retry_ratio",
      value: 0.4,
      threshold: 0.35,
      message: "retry ratio 0.400 > 0.35 (24 retries of 60 requests)",
      firedAt: "2026-11-28T10:00:20.000Z",
      during: "streaming",
      snapshot: {
        findings: 0,
        newHighCritical: 0,
        httpRequests: 60,
        httpRetries: 24,
        scanned: 5,
        errorUrls: 0,
      },
    },
  ],
};

describe("incident notes from a scan (runbook 000 · Incident Notes Template)", () => {
  it("fills every field of the template from the run, valid for the template note form", () => {
    const notes = incidentNotesFromScan(
      scan,
      { scannerErrors: { cors: 0, rate_limit: 2 }, newHighScanners: ["cors"] },
      { id: 8, status: "completed", argv: null },
    );
    expect(templateNoteFieldsSchema.safeParse(notes).success).toBe(true);
    expect(notes.runTimestamp).toBe("2026-11-28T10:00:02.000Z");
    expect(notes.targetSubset).toBe(
      "stage 2 · canary on staging: 3 URLs (25 % subset, seed staging:canary2:x): https://a/1, https://a/2, https://a/3",
    );
    expect(notes.command).toBe(
      "apihunter --urls /t/targets.txt --active-checks --concurrency 4 --no-auto-report",
    );
    expect(notes.metricsAtTrigger).toContain(
      "retry ratio 0.400 > 0.35 (24 retries of 60 requests) (streaming, 2026-11-28T10:00:20.000Z)",
    );
    expect(notes.metricsAtTrigger).toContain("http_requests 60, http_retries 24");
    expect(notes.impactedScanners).toBe("rate_limit (2 errors), cors (new HIGH/CRITICAL)");
    expect(notes.rollbackAction).toMatch(
      /^Back to passive: active checks off .*--concurrency 2 --delay-ms 500.*scan #8, completed\.$/,
    );
    expect(notes.followUp).toMatch(/^Retry pressure:/);
  });

  it("says what is not known yet: no report, no rollback run, no trigger", () => {
    const notes = incidentNotesFromScan(
      { ...scan, status: "cancelled", triggers: [], argv: null },
      null,
      null,
    );
    expect(notes.impactedScanners).toBe("not known: scan #7 has no report (cancelled)");
    expect(notes.rollbackAction).toMatch(/^Back to passive \(not yet run\)/);
    expect(notes.command).toMatch(/Not recorded/);
    expect(notes.metricsAtTrigger).toBe("No trigger recorded.");
    expect(notes.followUp).toBe("None decided yet.");
    expect(templateNoteFieldsSchema.safeParse(notes).success).toBe(true);
  });

  it("a retry trigger with no scanner errors says retries are not counted per scanner", () => {
    const notes = incidentNotesFromScan(scan, { scannerErrors: { cors: 0 }, newHighScanners: [] }, null);
    expect(notes.impactedScanners).toBe(
      "none with scanner errors or new HIGH/CRITICAL (ApiHunter does not count retries per scanner)",
    );
  });

  it("lists at most ten target URLs", () => {
    const many = Array.from({ length: 14 }, (_, i) => `https://a/${i}`);
    const notes = incidentNotesFromScan({ ...scan, targetUrls: many, subsetFraction: null }, null, null);
    expect(notes.targetSubset).toMatch(/14 URLs \(all approved targets\): .*https:\/\/a\/9 and 4 more$/);
  });
});
