import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";
import { testActor } from "@/lib/testing/actors";
import { APIHUNTER_DOUBLE, startScanTarget, type ScanTarget } from "@/lib/testing/apihunter";

import type { RunRequest, RunResult, ScanRunner } from "../runner/types";

const dir = mkdtempSync(path.join(tmpdir(), "scanner-rollback-"));
process.env.APIHUNTER_BIN = APIHUNTER_DOUBLE;
setupAppDatabase();

const signedIn = vi.hoisted(() => ({ actor: null as unknown }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => signedIn.actor }));

let target: ScanTarget;
let db: Awaited<ReturnType<(typeof import("@/lib/db/client"))["getDb"]>>;
let job: typeof import("./scan-job");
let link: typeof import("./incident-link");
let back: typeof import("./back-to-passive");
let reports: typeof import("./operator-report");
let notes: typeof import("./incident-notes-query");

beforeAll(async () => {
  target = await startScanTarget();
  db = (await import("@/lib/db/client")).getDb();
  job = await import("./scan-job");
  link = await import("./incident-link");
  back = await import("./back-to-passive");
  reports = await import("./operator-report");
  notes = await import("./incident-notes-query");
}, 30_000);
afterAll(async () => {
  await target?.stop();
});

const fixture = readFileSync(path.join(import.meta.dirname, "../fixtures/report-stream.ndjson"), "utf8")
  .trim()
  .split("\n");
const high = (i: number) =>
  JSON.stringify({
    url: `https://canary.example.com/api/items/${i}`,
    check: "cors/reflected-origin",
    title: "Reflected CORS origin",
    severity: "HIGH",
    detail: "Origin reflected with credentials allowed",
    scanner: "cors",
    timestamp: "2026-04-03T12:00:01.5Z",
  });

/** A runner that streams like ApiHunter (contract 1.5): the meta line and four new HIGH findings,
 * then it waits for `release` before writing the summary and ending. */
class PausingRunner implements ScanRunner {
  seenWhileRunning: unknown = null;
  constructor(private readonly release: () => Promise<void>) {}
  async run(req: RunRequest): Promise<RunResult> {
    const out = path.join(dir, `stream-${Date.now()}.ndjson`);
    const argv = ["--urls", "x", "--active-checks", "--format", "ndjson", "--stream", "--output", out];
    writeFileSync(out, `${fixture[0]}\n`);
    req.onStart?.({ argv, pid: null });
    for (let i = 0; i < 4; i++) appendFileSync(out, `${high(i)}\n`);
    await this.release();
    appendFileSync(out, `${fixture.slice(1).join("\n")}\n`);
    const text = readFileSync(out, "utf8");
    const { parseScannerReport } = await import("../report");
    const parsed = parseScannerReport(text);
    if (!parsed.ok) throw new Error(parsed.error);
    return {
      argv,
      outcome: { status: "completed", report: parsed.report, findingsBit: true, errorsBit: true },
      progress: { seeds: 1, urlsDone: 1, urlsTotal: 1, findings: 7, highOrCritical: 6, finished: true },
      stderrTail: "",
      reportText: text,
    };
  }
}

async function until<T>(fn: () => Promise<T | null | undefined | false>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("rollback triggers, incidents and baselines", () => {
  it("a spike of new HIGH findings fires while the scan still streams, and lands on the linked incident", async () => {
    const passive = await db.scannerScan.create({
      data: {
        environment: "lab",
        stage: "passive",
        format: "ndjson-stream",
        status: "completed",
        targetUrls: ["https://canary.example.com/api"],
        requestedBy: "alice",
        wallClockSeconds: 60,
      },
    });
    expect(passive.id).toBeGreaterThan(0); // no report: no baseline keys, so nothing is new yet
    const { ingestScannerReport } = await import("../ingest");
    const baseRun = await ingestScannerReport(
      `${fixture.join("\n")}\n`,
      { kind: "scan", name: "baseline" },
      "alice",
    );
    await db.scannerScan.update({ where: { id: passive.id }, data: { scannerRunId: baseRun.id } });

    const scan = await db.scannerScan.create({
      data: {
        environment: "lab",
        stage: "canary1",
        format: "ndjson-stream",
        targetUrls: ["https://canary.example.com/api"],
        requestedBy: "carol",
        wallClockSeconds: 60,
      },
    });
    // The trigger must be stored while the runner still holds the stream open.
    let whileRunning: { status: string; triggers: unknown } | null = null;
    const runner = new PausingRunner(async () => {
      whileRunning = await until(async () => {
        const s = await db.scannerScan.findUniqueOrThrow({ where: { id: scan.id } });
        return Array.isArray(s.triggers) && s.triggers.length > 0 ? s : null;
      });
    });
    await job.workScan(scan.id, 0, runner);
    expect(whileRunning).toMatchObject({
      status: "running",
      triggers: [
        {
          kind: "high_spike",
          during: "streaming",
          message: "4 new HIGH/CRITICAL findings against the baseline > 3",
          snapshot: { newHighCritical: 4 },
        },
      ],
    });
    const done = await db.scannerScan.findUniqueOrThrow({ where: { id: scan.id } });
    expect(done.status).toBe("completed");
    // The first firing is kept; the end of the run adds no second high_spike.
    expect(
      (done.triggers as Array<{ kind: string; during: string }>).filter((t) => t.kind === "high_spike"),
    ).toEqual([expect.objectContaining({ during: "streaming" })]);

    signedIn.actor = testActor("responder", "Rita");
    const opened = await link.openIncidentFromScan(
      { scanId: scan.id, severity: "SEV3", service: "canary-api" },
      testActor("responder", "Rita"),
    );
    expect(opened.created).toBe(true);
    expect(
      await link.openIncidentFromScan(
        { scanId: scan.id, severity: "SEV3", service: "x" },
        testActor("responder"),
      ),
    ).toEqual({ incidentId: opened.incidentId, created: false });
    await reports.recordOperatorReport(scan.id, "Olivia Owner");
    const events = await db.timelineEvent.findMany({
      where: { incidentId: opened.incidentId, kind: "scanner_run" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.actor, e.body])).toEqual([
      [
        "Rita",
        `Rollback trigger on scan #${scan.id} (stage 1 canary, lab) while streaming: 4 new HIGH/CRITICAL findings against the baseline > 3`,
      ],
      [
        "Rita",
        `Rollback trigger on scan #${scan.id} (stage 1 canary, lab) after the run: scanner errors on 33.3 % of scanned URLs > 5 % (1 of 3)`,
      ],
      [
        "Olivia Owner",
        `Rollback trigger on scan #${scan.id} (stage 1 canary, lab) from an operator report: 1 operator report(s) from a target owner`,
      ],
    ]);

    const filled = await notes.incidentNotesForScan(scan.id);
    expect(filled?.command).toContain("--active-checks");
    expect(filled?.metricsAtTrigger).toContain(
      "4 new HIGH/CRITICAL findings against the baseline > 3 (streaming,",
    );
    expect(filled?.impactedScanners).toContain("cors (new HIGH/CRITICAL)");
    expect(filled?.rollbackAction).toMatch(/not yet run/);
  }, 60_000);

  it("back to passive stops the environment's active scans and reruns passive on the same incident's timeline", async () => {
    await db.scannerTarget.createMany({
      data: [1, 2].map((i) => ({
        environment: "lab2",
        url: `${target.url}/api/items/${i}`,
        addedBy: "alice",
      })),
    });
    const { id: incidentId } = await (
      await import("@/lib/incidents/commands")
    ).declareIncident(
      { title: "Scanner impact", severity: "SEV3", service: "items" },
      testActor("responder"),
    );
    const triggered = await db.scannerScan.create({
      data: {
        environment: "lab2",
        stage: "canary1",
        format: "ndjson-stream",
        status: "running",
        targetUrls: [`${target.url}/api/items/1`],
        requestedBy: "carol",
        wallClockSeconds: 60,
        incidentId,
        triggers: [{ kind: "retry_ratio", value: 0.4, threshold: 0.35, message: "retry ratio 0.400 > 0.35" }],
      },
    });
    const r = await back.backToPassive({
      environment: "lab2",
      requestedBy: "Rita",
      fromScanId: triggered.id,
    });
    expect(r.stopped).toEqual([triggered.id]);
    expect((await db.scannerScan.findUniqueOrThrow({ where: { id: triggered.id } })).cancelRequested).toBe(
      true,
    );
    await job.workScan(r.id, 0);
    const rerun = await db.scannerScan.findUniqueOrThrow({ where: { id: r.id } });
    expect(rerun).toMatchObject({ stage: "back-to-passive", status: "completed", incidentId });
    expect(rerun.argv).not.toContain("--active-checks");
    const bodies = (
      await db.timelineEvent.findMany({ where: { incidentId, kind: "scanner_run" }, orderBy: { id: "asc" } })
    ).map((e) => e.body);
    expect(bodies[0]).toBe(`Requested scan #${r.id} (back-to-passive rerun, lab2) on 2 URLs`);
    expect(bodies[1]).toMatch(
      new RegExp(
        `^Scanner scan #${r.id} \\(back-to-passive rerun, lab2\\) completed: \\d+ findings?; no rollback trigger$`,
      ),
    );
    // Later stages of the environment land on the incident while it is open, not after it is resolved.
    const { requestScan } = await import("./scans");
    const next = await requestScan({ environment: "lab2", stage: "passive", requestedBy: "Rita" });
    expect((await db.scannerScan.findUniqueOrThrow({ where: { id: next.id } })).incidentId).toBe(incidentId);
    expect(
      await db.timelineEvent.count({
        where: { incidentId, body: `Requested scan #${next.id} (stage 0 passive baseline, lab2) on 2 URLs` },
      }),
    ).toBe(1);
    await db.scannerScan.update({ where: { id: next.id }, data: { status: "cancelled" } });
    await db.incident.update({ where: { id: incidentId }, data: { status: "resolved" } });
    const after = await requestScan({ environment: "lab2", stage: "passive", requestedBy: "Rita" });
    expect((await db.scannerScan.findUniqueOrThrow({ where: { id: after.id } })).incidentId).toBeNull();
    await db.scannerScan.update({ where: { id: after.id }, data: { status: "cancelled" } });
    expect((await notes.incidentNotesForScan(triggered.id))?.rollbackAction).toMatch(
      new RegExp(`scan #${r.id}, completed\\.$`),
    );
  }, 60_000);

  it("a run's baseline downloads as {url, check} NDJSON that ApiHunter accepts with --baseline: the rerun reports nothing new", async () => {
    const scan = await db.scannerScan.findFirstOrThrow({
      where: { environment: "lab2", status: "completed", scannerRunId: { not: null } },
    });
    const { GET } = await import("@/app/api/scanner/scans/[id]/baseline/route");
    const get = () =>
      GET(new Request(`http://localhost/api/scanner/scans/${scan.id}/baseline`), {
        params: Promise.resolve({ id: String(scan.id) }),
      });
    signedIn.actor = null;
    expect((await get()).status).toBe(401);
    signedIn.actor = testActor("viewer");
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="baseline-lab2-scan-${scan.id}.ndjson"`,
    );
    const text = await res.text();
    const lines = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => Object.keys(l).join() === "url,check")).toBe(true);

    const baseline = path.join(dir, "baseline.ndjson");
    writeFileSync(baseline, text);
    writeFileSync(path.join(dir, "targets.txt"), (scan.targetUrls as string[]).join("\n"));
    const out = path.join(dir, "rerun.ndjson");
    const p = spawnSync(
      APIHUNTER_DOUBLE,
      [
        "--urls",
        path.join(dir, "targets.txt"),
        "--concurrency",
        "2",
        "--delay-ms",
        "500",
        "--baseline",
        baseline,
        "--format",
        "ndjson",
        "--output",
        out,
        "--quiet",
        "--no-auto-report",
      ],
      { encoding: "utf8", timeout: 60_000 },
    );
    expect(p.status).toBe(0);
    const rerun = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rerun.filter((l) => typeof l.check === "string")).toEqual([]);

    const none = await db.scannerScan.create({
      data: {
        environment: "lab2",
        stage: "passive",
        format: "pretty",
        status: "failed",
        targetUrls: [],
        requestedBy: "a",
        wallClockSeconds: 1,
      },
    });
    const refused = await GET(new Request("http://localhost/x"), {
      params: Promise.resolve({ id: String(none.id) }),
    });
    expect(refused.status).toBe(409);
  }, 90_000);

  it("the retries dashboard pools completed runs per environment and stage; scan windows are the scans that ran in a range", async () => {
    const { retriesDashboard } = await import("./retries-query");
    const rows = await retriesDashboard();
    const lab = rows.find((r) => r.environment === "lab" && r.stage === "canary1");
    expect(lab).toMatchObject({ runs: 1, level: expect.any(String), latestScanId: expect.any(Number) });
    expect(lab?.requests).toBeGreaterThan(0);
    expect(rows.some((r) => r.environment === "lab2" && r.stage === "back-to-passive")).toBe(true);

    const { scansInWindow } = await import("./scan-windows-query");
    const t0 = new Date("2030-01-01T00:00:00Z");
    const mk = (start: number, end: number | null) =>
      db.scannerScan.create({
        data: {
          environment: "win",
          stage: "canary1",
          format: "pretty",
          status: end === null ? "running" : "completed",
          targetUrls: [],
          requestedBy: "a",
          wallClockSeconds: 60,
          startedAt: new Date(t0.getTime() + start * 60_000),
          finishedAt: end === null ? null : new Date(t0.getTime() + end * 60_000),
        },
      });
    const before = await mk(-30, -20);
    const inside = await mk(5, 10);
    const running = await mk(50, null);
    const ids = (await scansInWindow(t0, new Date(t0.getTime() + 60 * 60_000))).map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([inside.id, running.id]));
    expect(ids).not.toContain(before.id);
  });
});
