import { describe, expect, it } from "vitest";

import type { JobContainerState, JobPort, JobRequest, JobView } from "@/lib/kube/jobs";

import { KubeJobScanRunner } from "./kube-job-runner";

/** A cluster that answers from a script: the container's states in turn, then its log. */
function scripted(states: JobContainerState[], log = "", job: Partial<JobView> = {}) {
  const created: JobRequest[] = [];
  const deleted: string[] = [];
  let i = 0;
  const port: JobPort = {
    createJob: async (req) => (created.push(req), { uid: "u1" }),
    getJob: async () =>
      deleted.length ? null : { uid: "u1", active: 1, succeeded: 0, failed: 0, finished: null, ...job },
    listJobPods: async () => {
      const container = states[Math.min(i++, states.length - 1)]!;
      return [{ name: "p1", phase: "Running", createdAt: "2026-11-28T12:00:00Z", container }];
    },
    followLog: async (_pod, _c, onText) => onText(log),
    readLog: async () => log,
    deleteJob: async (ref) => void deleted.push(ref.name),
    deleteJobsLabelled: async () => [],
  };
  return { port, created, deleted };
}
const run = (port: JobPort) =>
  new KubeJobScanRunner(port, { namespace: "scans", image: "apihunter:0.3.0", pollMs: 1 }).run({
    stage: "passive",
    urls: ["https://a.example/api", "https://b.example/api"],
    format: "ndjson-stream",
    wallClockSeconds: 60,
    labels: { "firebreak.dev/scan-id": "7" },
  });

describe("the Kubernetes Job runner", () => {
  it("creates one Job with the stage's flags, the URLs as a file, its scan's label and a deadline past the limit", async () => {
    const c = scripted([{ state: "terminated", exitCode: 0, reason: "Completed", message: "" }]);
    const r = await run(c.port);
    expect(c.created[0]).toMatchObject({
      namespace: "scans",
      image: "apihunter:0.3.0",
      args: r.argv,
      labels: { "firebreak.dev/scan-id": "7", "app.kubernetes.io/managed-by": "firebreak" },
      files: {
        dir: "/var/run/firebreak",
        entries: { "targets.txt": "https://a.example/api\nhttps://b.example/api\n" },
      },
      activeDeadlineSeconds: 120,
    });
    expect(r.argv).toContain("--no-auto-report");
    expect(r.outcome).toMatchObject({ status: "failed" }); // exit 0 and no report in the log
  });

  it("a container that cannot pull its image fails the scan with the reason and deletes the Job", async () => {
    const c = scripted([
      { state: "waiting", reason: "ContainerCreating", message: "" },
      { state: "waiting", reason: "ImagePullBackOff", message: 'Back-off pulling image "apihunter:0.3.0"' },
    ]);
    const r = await run(c.port);
    expect(r.outcome).toEqual({
      status: "failed",
      reason:
        'The scanner\'s container cannot start: ImagePullBackOff Back-off pulling image "apihunter:0.3.0"',
    });
    expect(c.deleted).toHaveLength(1);
  });

  it("a failed scan whose Job cannot be deleted says so in its stderr tail", async () => {
    const c = scripted([{ state: "waiting", reason: "ErrImagePull", message: "not found" }]);
    c.port.deleteJob = async () => {
      throw new Error("The Kubernetes API did not answer within 5000 ms.");
    };
    const r = await run(c.port);
    expect(r.outcome).toMatchObject({ status: "failed" });
    expect(r.stderrTail).toContain(
      "Deleting the Job failed: The Kubernetes API did not answer within 5000 ms.",
    );
  });

  it("a container killed for memory is a failed scan that says so", async () => {
    const c = scripted([{ state: "terminated", exitCode: 137, reason: "OOMKilled", message: "" }]);
    const r = await run(c.port);
    expect(r.outcome).toEqual({
      status: "failed",
      reason: "ApiHunter was killed by SIGKILL (OOMKilled: out of memory).",
    });
  });

  it("exit 1 with the streamed report in the log is a completed run with the findings bit", async () => {
    const meta = {
      generated_at: "2026-11-28T12:00:00Z",
      elapsed_ms: 5,
      scanned: 1,
      skipped: 0,
      scanner_ver: "0.3.0",
    };
    const metrics = {
      http_requests: 2,
      http_retries: 0,
      scanner_findings: { cors: 1 },
      scanner_errors: { cors: 0 },
    };
    const summary = { total: 1, critical: 0, high: 1, medium: 0, low: 0, info: 0, errors: 0 };
    const log = [
      "ApiHunter v0.3.0 | Targets: 1",
      JSON.stringify({ type: "meta", meta: { ...meta, runtime_metrics: metrics }, stream: true }),
      JSON.stringify({
        url: "https://a.example/api",
        check: "cors/reflected-origin",
        title: "t",
        severity: "HIGH",
        detail: "d",
        scanner: "cors",
        timestamp: "2026-11-28T12:00:00Z",
      }),
      "[1/1] (100.0%)",
      JSON.stringify({ type: "summary", summary, meta: { ...meta, runtime_metrics: metrics } }),
      "",
    ].join("\n");
    const c = scripted(
      [{ state: "running" }, { state: "terminated", exitCode: 1, reason: "Error", message: "" }],
      log,
    );
    const r = await run(c.port);
    expect(r.outcome).toMatchObject({ status: "completed", findingsBit: true, errorsBit: false });
    expect(r.progress).toMatchObject({
      seeds: 1,
      urlsDone: 1,
      findings: 1,
      highOrCritical: 1,
      finished: true,
    });
    expect(r.stderrTail).toBe("ApiHunter v0.3.0 | Targets: 1\n[1/1] (100.0%)");
  });

  it("a Job failed by its own deadline before Firebreak's limit is a timed-out scan", async () => {
    const c = scripted([], "", {
      finished: {
        type: "Failed",
        reason: "DeadlineExceeded",
        message: "Job was active longer than specified deadline",
      },
    });
    c.port.listJobPods = async () => [];
    const r = await run(c.port);
    expect(r.outcome).toEqual({
      status: "timed_out",
      reason: "The Job's deadline passed: Job was active longer than specified deadline",
    });
  });
});
