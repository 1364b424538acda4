import { mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

let db: TestDatabase;
// The one directory ingest-by-path may read (SCANNER_REPORT_DIR), with traps pointing out of it.
const reportDir = realpathSync(mkdtempSync(join(tmpdir(), "fb-scanner-reports-")));
mkdirSync(join(reportDir, "sub"));
symlinkSync("/etc/passwd", join(reportDir, "passwd-link.json"));
symlinkSync("/proc/self/environ", join(reportDir, "environ-link.json"));
let ingest: typeof import("./ingest");
let queries: typeof import("./queries");

const fixture = (name: string) => readFileSync(join(__dirname, "fixtures", name), "utf8");
const ALL = { from: new Date(0), to: new Date("2100-01-01") };

async function runCount(): Promise<number> {
  const { getDb } = await import("@/lib/db/client");
  return getDb().scannerRun.count();
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.SCANNER_REPORT_DIR = reportDir;
  process.env.FIREBREAK_DOOR_TEST = "firebreak-door-test-secret"; // must never show in a message
  ingest = await import("./ingest");
  queries = await import("./queries");
});

afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await db.drop();
});

describe("ingestScannerReport", () => {
  it("stores a pretty report with the right numbers and computes its metrics on read", async () => {
    const { id } = await ingest.ingestScannerReport(
      fixture("report-pretty.json"),
      { kind: "upload", name: "run.json" },
      "alice",
    );
    const run = (await queries.getScannerRun(id))!;
    expect(run).toMatchObject({
      scanned: 3,
      skipped: 0,
      errors: 1,
      httpRequests: 412,
      httpRetries: 37,
      errorUrlCount: 1,
      elapsedMs: 5123,
      sourceFormat: "pretty",
      uploadedBy: "alice",
      severityCounts: { CRITICAL: 0, HIGH: 2, MEDIUM: 0, LOW: 1, INFO: 0 },
      impactedScanners: ["api_security"],
      level: "critical",
    });
    expect(run.generatedAt.toISOString()).toBe("2026-04-03T12:00:05.123Z");
    expect(run.retryRatio).toBeCloseTo(37 / 412, 10);
    expect(run.errorPressure).toBeCloseTo(1 / 3, 10);
    expect(run.findings).toHaveLength(3);
    expect(run.errorRecords[0]?.kind).toBe("dyn core::error::Error");
    expect(run.perScanner.find((s) => s.scanner === "cors")).toEqual({
      scanner: "cors",
      findings: 2,
      errors: 0,
    });
  });

  it("stores ndjson and ndjson --stream reports with the same numbers", async () => {
    for (const [file, format] of [
      ["report.ndjson", "ndjson"],
      ["report-stream.ndjson", "ndjson-stream"],
    ] as const) {
      const { id } = await ingest.ingestScannerReport(fixture(file), { kind: "upload", name: file }, "bob");
      const run = await queries.getScannerRun(id);
      expect(run).toMatchObject({
        sourceFormat: format,
        scanned: 3,
        httpRequests: 412,
        httpRetries: 37,
        errors: 1,
      });
    }
  });

  it("lists runs in the time range, with retry ratio null when no request was sent", async () => {
    const { id } = await ingest.ingestScannerReport(
      fixture("report-no-requests.json"),
      { kind: "upload", name: "zero.json" },
      "carol",
    );
    const runs = await queries.listScannerRuns(ALL);
    const zero = runs.find((r) => r.id === id);
    expect(zero).toMatchObject({ httpRequests: 0, retryRatio: null });
    expect(runs).toHaveLength(4);
    expect((await queries.listRecentScannerRuns(2)).map((r) => r.id)).toEqual([id, runs[1]!.id]);
    expect(
      await queries.listScannerRuns({ from: new Date("2026-04-04"), to: new Date("2100-01-01") }),
    ).toEqual([]);
  });

  it("refuses a malformed report with the JSON path and writes nothing", async () => {
    const before = await runCount();
    await expect(
      ingest.ingestScannerReport(
        fixture("report-malformed.json"),
        { kind: "upload", name: "bad.json" },
        "dave",
      ),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("meta.runtime_metrics.http_requests: expected a non-negative integer"),
    });
    expect(await runCount()).toBe(before);
  });

  it("refuses the same report twice, naming the run it already is", async () => {
    const before = await runCount();
    await expect(
      ingest.ingestScannerReport(
        fixture("report-pretty.json"),
        { kind: "upload", name: "again.json" },
        "erin",
      ),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already ingested as run #\d+/),
    });
    expect(await runCount()).toBe(before);
  });
});

describe("ingestScannerReportFile", () => {
  const dir = reportDir;
  const secret = "firebreak-door-test-secret";

  it("ingests a regular file from the report directory", async () => {
    const path = join(dir, "run.json");
    const doc = JSON.parse(fixture("report-pretty.json")) as { meta: { generated_at: string } };
    doc.meta.generated_at = "2026-05-01T00:00:00Z";
    writeFileSync(path, JSON.stringify(doc));
    const { id } = await ingest.ingestScannerReportFile(path, "frank");
    expect(await queries.getScannerRun(id)).toMatchObject({ sourceKind: "path", sourceName: path });
  });

  it.each([
    ["a relative path", "run.json", /not an absolute path/],
    ["a missing file", join(reportDir, "missing.json"), /does not exist/],
    ["a directory", join(reportDir, "sub"), /not a regular file/],
    ["/etc/passwd", "/etc/passwd", /is outside the report directory/],
    ["/proc/self/environ", "/proc/self/environ", /is outside the report directory/],
    ["a way out through ..", join(reportDir, "../../etc/passwd"), /is outside the report directory/],
    ["a symlink out of the report directory", join(reportDir, "passwd-link.json"), /leads outside/],
    ["a symlink to this process's environment", join(reportDir, "environ-link.json"), /leads outside/],
  ])("refuses %s, quoting none of its content, and stores nothing", async (_what, path, message) => {
    const before = await runCount();
    const error = await ingest.ingestScannerReportFile(path, "frank").catch((e: Error) => e);
    expect(error).toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(message) });
    const shown = JSON.stringify(error) + String((error as Error).message);
    expect(shown).not.toMatch(/root:|\/bin\/(ba)?sh|daemon:/);
    expect(shown).not.toContain(secret);
    expect(await runCount()).toBe(before);
  });

  it("an empty file fails with the same message as an empty upload", async () => {
    const path = join(dir, "empty.json");
    writeFileSync(path, "");
    await expect(ingest.ingestScannerReportFile(path, "frank")).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message:
        "Report refused, nothing stored: The report is empty. ApiHunter leaves an empty --output file when a run fails after it opened the file.",
    });
  });

  it("a file that is not JSON is refused without quoting it", async () => {
    const path = join(dir, "notes.json");
    writeFileSync(path, `token=${secret}\n`);
    const error = await ingest.ingestScannerReportFile(path, "frank").catch((e: Error) => e);
    expect(error).toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/Invalid JSON/) });
    expect((error as Error).message).not.toContain(secret);
  });
});
