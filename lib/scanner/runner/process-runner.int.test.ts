import { readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { APIHUNTER_DOUBLE, startScanTarget, type ScanTarget } from "@/lib/testing/apihunter";

import { ProcessScanRunner } from "./process-runner";
import type { Progress } from "./progress";
import { RUNBOOK_CANARY_FLAGS } from "@/lib/testing/runbook-commands";

let target: ScanTarget;
const argvLog = path.join(mkdtempSync(path.join(tmpdir(), "runner-argv-")), "argv.ndjson");
process.env.APIHUNTER_DOUBLE_ARGV_LOG = argvLog;
const runner = new ProcessScanRunner(APIHUNTER_DOUBLE);
const urls = (n: number) => Array.from({ length: n }, (_, i) => `${target.url}/api/items/${i}`);
const lastArgv = () =>
  (JSON.parse(readFileSync(argvLog, "utf8").trim().split("\n").at(-1) ?? "{}") as { argv: string[] }).argv;

beforeAll(async () => {
  target = await startScanTarget();
});
afterAll(async () => {
  await target?.stop();
});
beforeEach(async () => {
  await target.behave({ vulnerable: true, latencyMs: 0, failRate: 0, hangRate: 0 });
});

describe("ApiHunter process runner", () => {
  it("runs the canary with the runbook's exact flags and reads a completed report (exit 1 is normal)", async () => {
    const r = await runner.run({ stage: "canary1", urls: urls(1), format: "pretty", wallClockSeconds: 60 });
    expect(r.outcome.status).toBe("completed");
    expect(r.outcome.status === "completed" && r.outcome.findingsBit).toBe(true);
    expect(lastArgv()).toEqual(r.argv);
    expect(r.argv.slice(2, 12)).toEqual(RUNBOOK_CANARY_FLAGS);
    expect(r.argv.at(-1)).toBe("--no-auto-report");
  }, 30_000);

  it("reports live progress from the stream: URLs done and findings as they are found", async () => {
    const seen: Progress[] = [];
    const r = await runner.run({
      stage: "passive",
      urls: urls(4),
      format: "ndjson-stream",
      wallClockSeconds: 60,
      onProgress: (p) => seen.push(p),
      progressEveryMs: 0,
    });
    expect(r.outcome.status).toBe("completed");
    expect(seen.some((p) => p.urlsDone > 0 && p.findings > 0 && !p.finished)).toBe(true);
    expect(r.progress).toMatchObject({ urlsDone: r.progress.urlsTotal, finished: true });
    expect(r.outcome.status === "completed" && r.outcome.report.format).toBe("ndjson-stream");
  }, 30_000);

  it("stops a scan at its wall-clock limit and says so", async () => {
    await target.behave({ latencyMs: 3000 });
    const started = Date.now();
    const r = await runner.run({
      stage: "passive",
      urls: urls(3),
      format: "ndjson-stream",
      wallClockSeconds: 2,
    });
    expect(r.outcome).toEqual({ status: "timed_out", reason: "Stopped at the wall-clock limit of 2 s." });
    expect(Date.now() - started).toBeLessThan(9_000);
  }, 30_000);

  it("cancels a running scan", async () => {
    await target.behave({ latencyMs: 3000 });
    const ac = new AbortController();
    const p = runner.run({
      stage: "passive",
      urls: urls(2),
      format: "ndjson-stream",
      wallClockSeconds: 60,
      signal: ac.signal,
      onStart: () => setTimeout(() => ac.abort(), 500),
    });
    expect((await p).outcome.status).toBe("cancelled");
  }, 30_000);

  it("a binary that cannot start fails the run with a reason", async () => {
    const broken = new ProcessScanRunner("/nonexistent/apihunter");
    await expect(
      broken.run({ stage: "passive", urls: urls(1), format: "pretty", wallClockSeconds: 5 }),
    ).rejects.toThrow(/ENOENT/);
  });
});
