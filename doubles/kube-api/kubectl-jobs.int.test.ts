// batch/v1 Jobs through the real kubectl: `create job`, `get jobs`, `logs job/...`, `wait`, `delete`; the Job's
// container really runs the ApiHunter double against a live scan target, so its log is real output.
import { writeFileSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startScanTarget, type ScanTarget } from "@/lib/testing/apihunter";

import { withKubectlDouble } from "./kubectl-harness";

const kube = withKubectlDouble({ readyDelayMs: 200, demo: false });
const { api, kubectl, ok } = kube;
let target: ScanTarget;
let urls: string;

const IMAGE = "ghcr.io/teycir/apihunter:0.3.0";

type Pod = {
  metadata: { name: string; labels: Record<string, string>; ownerReferences?: unknown[] };
  status: { phase: string; containerStatuses: Array<{ state: Record<string, { exitCode?: number }> }> };
};
const podsOf = async (job: string) =>
  (await api<{ items: Pod[] }>(`/api/v1/namespaces/default/pods?labelSelector=job-name%3D${job}`)).items;

beforeAll(async () => {
  target = await startScanTarget();
  urls = path.join(kube.dir, "targets.txt");
  writeFileSync(urls, `${target.url}/api/items/1\n${target.url}/api/items/2\n`);
}, 40_000);

afterAll(async () => {
  await target?.stop();
});

beforeEach(async () => {
  await target.behave({ vulnerable: true, latencyMs: 0, failRate: 0, hangRate: 0 });
});

describe("kubectl and batch/v1 Jobs on the Kubernetes API double", () => {
  it("create job runs ApiHunter in a pod; get jobs shows it Complete 1/1; logs job/scan is the scanner's real output", async () => {
    await ok(
      "create",
      "job",
      "scan",
      `--image=${IMAGE}`,
      "--",
      "apihunter",
      "--urls",
      urls,
      "--no-discovery",
      "--format",
      "ndjson",
      "--fail-on",
      "critical",
      "--no-auto-report",
    );
    await ok("wait", "--for=condition=complete", "job/scan", "--timeout=60s");
    const table = await ok("get", "jobs");
    expect(table.split("\n")[0]).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$/);
    expect(table).toMatch(/^scan\s+Complete\s+1\/1\s+\d+s\s+\d+s$/m);
    expect(await ok("get", "jobs", "-o", "wide")).toMatch(
      new RegExp(
        `^scan\\s+Complete\\s+1/1\\s+\\S+\\s+\\S+\\s+scan\\s+${IMAGE.replace(/\./g, "\\.")}\\s+batch\\.kubernetes\\.io/controller-uid=`,
        "m",
      ),
    );

    const log = await ok("logs", "job/scan");
    expect(log).toContain("ApiHunter v0.3.0 | Targets: 2");
    expect(log).toMatch(/^\[2\/2\] \(100\.0%\)$/m);
    const meta = log.split("\n").find((l) => l.startsWith('{"type":"meta"'));
    expect(JSON.parse(meta!)).toMatchObject({ meta: { scanned: 2, scanner_ver: "0.3.0" } });
    expect(log).toMatch(/"check":"cors\/reflected-origin"/);

    const [pod] = await podsOf("scan");
    expect(pod!.metadata.labels).toMatchObject({
      "job-name": "scan",
      "batch.kubernetes.io/job-name": "scan",
    });
    expect(pod!.status.phase).toBe("Succeeded");
    expect(pod!.status.containerStatuses[0]!.state.terminated).toMatchObject({
      exitCode: 0,
      reason: "Completed",
    });
    expect(await ok("get", "pods", "-l", "job-name=scan")).toMatch(/^scan-\w{5}\s+0\/1\s+Completed\s+0\s+/m);
    const job = await api<{ status: Record<string, unknown> }>("/apis/batch/v1/namespaces/default/jobs/scan");
    expect(job.status).toMatchObject({ succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(job.status.active).toBeUndefined();
    expect(job.status.conditions).toEqual([
      expect.objectContaining({ type: "SuccessCriteriaMet", status: "True", reason: "CompletionsReached" }),
      expect.objectContaining({ type: "Complete", status: "True", reason: "CompletionsReached" }),
    ]);
  }, 60_000);

  it("logs -f job/... follows a running scan line by line and ends when the container exits", async () => {
    await target.behave({ latencyMs: 700 });
    await ok(
      "create",
      "job",
      "slow",
      `--image=${IMAGE}`,
      "--",
      "apihunter",
      "--urls",
      urls,
      "--no-discovery",
      "--no-auto-report",
    );
    await ok("wait", "--for=condition=ready", "pod", "-l", "job-name=slow", "--timeout=30s");
    expect(await ok("get", "jobs", "slow")).toMatch(/^slow\s+Running\s+0\/1\s+/m);
    const followed = await ok("logs", "-f", "job/slow");
    expect(followed).toContain("ApiHunter v0.3.0 | Targets: 2");
    expect(followed).toContain("SCAN SUMMARY");
    // stdout and stderr interleave line by line, in whatever order the process wrote them.
    expect(followed).toContain("Findings at or above 'MEDIUM' threshold detected (exit 1).\n");
    expect(followed).toMatch(/^}$/m);
  }, 60_000);

  it("a failing container fails the Job at its backoff limit; the exit code is on the pod", async () => {
    const manifest = path.join(kube.dir, "bad.yaml");
    writeFileSync(
      manifest,
      `apiVersion: batch/v1
kind: Job
metadata: {name: bad}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: apihunter
        image: ${IMAGE}
        args: ["--urls", "/nonexistent/targets.txt", "--no-auto-report"]
`,
    );
    await ok("create", "-f", manifest);
    await ok("wait", "--for=condition=failed", "job/bad", "--timeout=30s");
    expect(await ok("get", "jobs", "bad")).toMatch(/^bad\s+Failed\s+0\/1\s+/m);
    const [pod] = await podsOf("bad");
    expect(pod!.status.phase).toBe("Failed");
    expect(pod!.status.containerStatuses[0]!.state.terminated).toMatchObject({
      exitCode: 2,
      reason: "Error",
    });
    expect(await ok("logs", "job/bad")).toMatch(/ERROR apihunter: Error: /);
    const job = await api<{
      status: { failed: number; conditions: Array<{ type: string; reason: string }> };
    }>("/apis/batch/v1/namespaces/default/jobs/bad");
    expect(job.status.failed).toBe(1);
    expect(job.status.conditions.map((c) => [c.type, c.reason])).toEqual([
      ["FailureTarget", "BackoffLimitExceeded"],
      ["Failed", "BackoffLimitExceeded"],
    ]);
  }, 60_000);

  it("kubectl delete job removes its pods (Background); a bare API delete orphans them, as batch/v1 does", async () => {
    await target.behave({ latencyMs: 2000 });
    await ok(
      "create",
      "job",
      "gone",
      `--image=${IMAGE}`,
      "--",
      "apihunter",
      "--urls",
      urls,
      "--no-auto-report",
    );
    await ok(
      "create",
      "job",
      "orphan",
      `--image=${IMAGE}`,
      "--",
      "apihunter",
      "--urls",
      urls,
      "--no-auto-report",
    );
    await ok("wait", "--for=condition=ready", "pod", "-l", "job-name in (gone,orphan)", "--timeout=30s");
    await ok("delete", "job", "gone");
    expect(await podsOf("gone")).toEqual([]);
    await api("/apis/batch/v1/namespaces/default/jobs/orphan", { method: "DELETE" });
    const [orphan] = await podsOf("orphan");
    expect(orphan!.metadata.ownerReferences).toBeUndefined();
    expect(orphan!.status.phase).toBe("Running");
    expect((await kubectl("get", "job", "orphan")).stderr).toContain('jobs.batch "orphan" not found');
  }, 60_000);
});
